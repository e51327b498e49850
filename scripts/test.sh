#!/usr/bin/env bash
# The one test command (`npm test`): build, lint with n8n's verification rules, unit and
# stand-in tests, then the end-to-end suite in a real n8n and the editor check in a real browser.
# Each step stops the run on failure.
# SKIP_E2E=1 leaves the real-n8n steps (e2e suite, queue mode, trigger, editor check) out for a quick local loop;
# CI never sets it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run --silent build

echo "== lint (n8n verification rules)"
npm run --silent lint

echo "== GitHub Actions workflows (actionlint)"
npm run --silent lint:workflows

echo "== format (Prettier, n8n's settings)"
npx prettier --check . > /dev/null

echo "== n8n verification scanner, offline (source and packed tarball)"
node scripts/scan.mjs

echo "== unit and stand-in tests (jest)"
npx jest --ci

# Nothing may depend on the process's time zone: the date and validation tables again under
# three of them (luxon's default zone is set to yet another one in every jest run).
for zone in UTC America/New_York Asia/Kolkata; do
  echo "== dates and validation under TZ=$zone"
  TZ="$zone" npx jest --ci test/unit/dates/dates.test.ts test/unit/dates/schedule.test.ts
done

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "== e2e skipped (SKIP_E2E=1)"
else
  echo "== end-to-end in a real n8n (first run installs it into a cache, a few minutes)"
  node test/e2e/run.js
  echo "== queue mode: n8n main + 2 workers, Redis, PostgreSQL (installed from Debian's packages if missing)"
  node test/e2e/queue/run.js
  echo "== Kore Campaign Trigger in a running n8n: polls, two changes, a restart (about 3 min: polls are a minute apart)"
  node test/e2e/trigger/run.js
  echo "== seen in the real editor: headless Chromium (installed from Debian's packages if missing)"
  node scripts/screenshots.js --check
fi
