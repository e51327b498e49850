'use strict';
// `npm start`: a local n8n editor with this package, the Kore stand-in and an example workflow.
// Checks first (seconds) what would make it fail later; announces each step with what it costs;
// n8n's own output goes to a log file. Ctrl-C stops everything it started.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');

const h = require('../dev/n8nHarness');
const { startProblems } = require('../dev/startChecks');
const {
	prepareLocalInstance,
	ownerEnv,
	OWNER,
	N8N_PORT,
	STANDIN_PORT,
	log,
} = require('../dev/localN8n');

const STEPS = 5;
let stepNumber = 0;
const step = (line) => log(`\n[${++stepNumber}/${STEPS}] ${line}`);

/** Free bytes on the disk holding `dir` (or its nearest existing parent). */
function freeBytes(dir) {
	let existing = dir;
	while (!fs.existsSync(existing)) existing = path.dirname(existing);
	if (typeof fs.statfsSync !== 'function') return Infinity; // Node before 18.15: nodeProblem says
	const stats = fs.statfsSync(existing);
	return stats.bavail * stats.bsize;
}

const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;

/** Installs n8n (first run) with a progress line: the install script's phase, size so far, time. */
async function installWithProgress(dir, onChild) {
	const started = Date.now();
	let phase = 'starting';
	let size = '';
	let lastPrinted = 0;
	const show = (force = false) => {
		const line = `  ${phase} — ${size ? `${size} in the cache, ` : ''}${minutes(Date.now() - started)}`;
		if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${line}`);
		else if (force || Date.now() - lastPrinted >= 30_000) {
			lastPrinted = Date.now();
			log(line);
		}
	};
	const measure = () =>
		execFile('du', ['-sm', dir], (error, stdout) => {
			if (!error) size = `${(Number(stdout.split('\t')[0]) / 1000).toFixed(1)} GB`;
			show();
		});
	const ticker = setInterval(measure, 5_000);
	const install = h.installN8n({
		onLine: (line) => {
			phase = line.replace(/^\[install-n8n\] /, '');
			show(true);
		},
	});
	onChild(install.child);
	try {
		return await install.done;
	} finally {
		clearInterval(ticker);
		if (process.stdout.isTTY) process.stdout.write('\n');
		log(`  n8n installed in ${minutes(Date.now() - started)}`);
	}
}

/** The last lines of n8n's log, for a start that failed. */
function tail(file, lines = 25) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

async function main() {
	// Everything started so far, undone by Ctrl-C or a failure.
	const undo = [];
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		log('\nStopping n8n and the Kore stand-in...');
		for (const action of undo.reverse()) await action().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => stop(130));
	process.on('SIGTERM', () => stop(143));

	step('Checking the ports, Node and free disk (seconds)');
	const cache = h.n8nCache();
	const problems = await startProblems({
		n8nPort: N8N_PORT,
		standInPort: STANDIN_PORT,
		nodeVersion: process.versions.node,
		freeBytes: freeBytes(cache.dir),
		installed: cache.installed,
		cacheDir: cache.dir,
	});
	if (problems.length > 0) {
		console.error('\nnpm start cannot run here:');
		for (const problem of problems) console.error(`  - ${problem}`);
		process.exit(1);
	}
	log(
		`  ports ${N8N_PORT} (n8n), ${N8N_PORT + 2} (its task broker), ${STANDIN_PORT} (stand-in) free`,
	);

	let n8n;
	if (cache.installed) {
		step(`n8n ${h.N8N_VERSION} and Node 24: already installed in ${cache.dir} (seconds)`);
		n8n = h.ensureN8n();
	} else {
		step(
			`Installing n8n ${h.N8N_VERSION} and Node 24 into ${cache.dir}: the first time only, ` +
				'about 10 minutes and 3 GB; later runs reuse it and start in about a minute',
		);
		n8n = await installWithProgress(cache.dir, (child) =>
			undo.push(async () => {
				if (child.exitCode === null) child.kill('SIGTERM');
			}),
		);
	}

	const local = await prepareLocalInstance({
		logCalls: true,
		n8n,
		step,
		track: (cleanup) => undo.push(cleanup),
	});

	const logFile = path.join(os.tmpdir(), `kore-npm-start-n8n-${N8N_PORT}.log`);
	const logStream = fs.createWriteStream(logFile);
	undo.push(() => new Promise((resolve) => logStream.end(resolve)));
	step(`Starting n8n on http://localhost:${N8N_PORT} (about 30 s); its own log: ${logFile}`);
	let server;
	try {
		server = await h.startN8nServer(local.n8n, local.userFolder, {
			port: N8N_PORT,
			env: ownerEnv(local.n8n),
			log: logStream,
		});
	} catch (error) {
		console.error(`\nn8n did not start: ${error.message}. The end of its log (${logFile}):`);
		console.error(tail(logFile));
		return stop(1);
	}
	undo.push(() => server.stop());
	server.closed.then((code) => {
		if (stopping) return;
		console.error(`\nn8n ended by itself (exit ${code}). The end of its log (${logFile}):`);
		console.error(tail(logFile));
		stop(code || 1);
	});

	log('');
	log(`Ready. Open ${server.url} and sign in as ${OWNER.email} / ${OWNER.password}`);
	log(
		`Open the workflow "${local.example.name}" and click "Execute workflow": with Dry Run on ` +
			'(as shipped) each row shows what would be sent; switch it off in the Kore node ' +
			'(Options → Dry Run) to schedule the campaigns in the stand-in.',
	);
	log(`Every call the Kore stand-in (${local.kore.url}) receives is printed below.`);
	log(`n8n's own log: ${logFile}. Ctrl-C stops everything.`);
	log('');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
