'use strict';
// What `npm start` checks before it installs or builds anything, so that a start that cannot work
// fails in seconds with the fix: the ports n8n and the Kore stand-in need, the Node running npm,
// and the free disk the n8n install needs. Pure decisions, plus the one probe that binds a port.

const net = require('node:net');

const GB = 1e9;
/** First run: n8n, its dependencies and Node 24 in the cache (2.9 GB measured) plus headroom. */
const FIRST_RUN_BYTES = 3.5 * GB;
/** Later runs: the packed package, a fresh n8n user folder and its database. */
const LATER_RUN_BYTES = 0.3 * GB;
/** The oldest Node the scripts run on (package.json's engines; n8n itself gets its own Node 24). */
const MIN_NODE_MAJOR = 20;

/** Resolves true when nothing listens on 127.0.0.1:`port` (n8n and the stand-in bind there). */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
			server.close(() => resolve(true)),
		);
	});
}

/** The first port from `from` on where n8n's editor port and its task broker (two above) are free. */
async function freeN8nPort(from, portFree = isPortFree) {
	for (let port = from; port < from + 100; port++) {
		if ((await portFree(port)) && (await portFree(port + 2))) return port;
	}
	return undefined;
}

async function portProblems({ n8nPort, standInPort }, portFree = isPortFree) {
	const problems = [];
	const busy = [];
	if (!(await portFree(n8nPort))) busy.push(`${n8nPort} (n8n's editor)`);
	if (!(await portFree(n8nPort + 2))) busy.push(`${n8nPort + 2} (n8n's task broker: N8N_PORT + 2)`);
	if (busy.length > 0) {
		const free = await freeN8nPort(n8nPort + 1, portFree);
		problems.push(
			`Port ${busy.join(' and port ')} is already in use on 127.0.0.1 — most likely by your own ` +
				`n8n. Start on another port:  N8N_PORT=${free ?? n8nPort + 10} npm start`,
		);
	}
	if (!(await portFree(standInPort))) {
		let free = standInPort + 1;
		while (free < standInPort + 100 && !(await portFree(free))) free++;
		problems.push(
			`Port ${standInPort} (the Kore stand-in) is already in use on 127.0.0.1 — perhaps another ` +
				`npm start. Stop it, or start on another port:  KORE_STANDIN_PORT=${free} npm start`,
		);
	}
	return problems;
}

/** `version` is process.versions.node. */
function nodeProblem(version) {
	const major = Number(String(version).split('.')[0]);
	if (major >= MIN_NODE_MAJOR) return undefined;
	return (
		`Node ${version} runs npm here; npm start needs Node ${MIN_NODE_MAJOR} or later ` +
		'(n8n itself runs on a Node 24 it installs). Install Node 22 or 24 from https://nodejs.org ' +
		'(or `nvm install 24`), then run npm start again.'
	);
}

const gb = (bytes) => `${(bytes / GB).toFixed(1)} GB`;

/**
 * @param {object} disk
 * @param {number} disk.freeBytes free space where the n8n cache lives
 * @param {boolean} disk.installed whether n8n is already in the cache
 * @param {string} disk.cacheDir the cache folder (named in the message)
 */
function diskProblem({ freeBytes, installed, cacheDir }) {
	const need = installed ? LATER_RUN_BYTES : FIRST_RUN_BYTES;
	if (freeBytes >= need) return undefined;
	return (
		`Only ${gb(freeBytes)} free where n8n is installed (${cacheDir}); ` +
		(installed ? 'a run' : 'the first run (n8n and Node 24, kept for later runs)') +
		` needs about ${gb(need)}. Free some space, or set KORE_E2E_CACHE to a folder on a disk ` +
		'with room, then run npm start again.'
	);
}

/** Every reason `npm start` cannot work here, as sentences with their fix; none: go ahead. */
async function startProblems(
	{ n8nPort, standInPort, nodeVersion, freeBytes, installed, cacheDir },
	portFree = isPortFree,
) {
	return [
		nodeProblem(nodeVersion),
		...(await portProblems({ n8nPort, standInPort }, portFree)),
		diskProblem({ freeBytes, installed, cacheDir }),
	].filter(Boolean);
}

module.exports = {
	FIRST_RUN_BYTES,
	LATER_RUN_BYTES,
	isPortFree,
	freeN8nPort,
	portProblems,
	nodeProblem,
	diskProblem,
	startProblems,
};
