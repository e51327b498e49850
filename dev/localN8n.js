'use strict';
// A local n8n with this package installed from its packed tarball, the Kore stand-in on
// loopback, the credential "Kore stand-in (local)" and the example workflow imported.
// Shared by `npm start` (editor) and `npm run demo` (headless).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('./n8nHarness');
const { startKoreStandIn } = require('./koreStandIn');
const { DEMO_ACCOUNT, credentialData } = require('./fakeAccounts');

const EXAMPLE = path.join(h.ROOT, 'examples', 'schedule-campaigns-from-sheet.json');
const STANDIN_PORT = Number(process.env.KORE_STANDIN_PORT || 5690);
const N8N_PORT = Number(process.env.N8N_PORT || 5678);

/** The owner account of the local editor (set through n8n's N8N_INSTANCE_OWNER_* variables). */
const OWNER = { email: 'demo@kore-stand-in.local', password: 'KoreDemo-2026!' };

function log(line) {
	process.stdout.write(`${line}\n`);
}

/**
 * @param {object} [opts]
 * @param {boolean} [opts.logCalls] print every call the stand-in receives
 * @param {object} [opts.n8n] the installed n8n (installed here when not given)
 * @param {(line: string) => void} [opts.step] announces each step and what it costs
 * @param {boolean} [opts.dryRun] the example's Dry Run option as imported (default: as shipped, on)
 * @param {(cleanup: () => Promise<void>) => void} [opts.track] gets the clean-up as soon as there
 *   is something to clean up (so Ctrl-C during the set-up can undo it)
 */
async function prepareLocalInstance({
	logCalls = false,
	n8n = h.ensureN8n(),
	step = log,
	dryRun,
	track = () => {},
} = {}) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-local-n8n-'));
	const kore = await startKoreStandIn({ ...DEMO_ACCOUNT, port: STANDIN_PORT });
	const cleanup = async () => {
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	};
	track(cleanup);
	try {
		log(`Kore stand-in listening on ${kore.url}`);
		step(
			'Building and packing this package, installing it into a fresh n8n user folder (about 30 s)',
		);
		const tarball = h.packPackage(work);
		const userFolder = h.makeInstance(tarball, path.join(work, 'n8n'));
		log(
			`Installed ${path.basename(tarball)} into a fresh n8n ${n8n.version} user folder (${userFolder})`,
		);
		step('Importing the credential and the example workflow into n8n (about 20 s)');
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(
				'koreStandInLocal',
				'Kore stand-in (local)',
				credentialData(DEMO_ACCOUNT, kore.url),
			),
		]);
		const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		if (dryRun !== undefined) {
			for (const node of example.nodes.filter((n) => n.parameters?.options?.dryRun !== undefined))
				node.parameters.options.dryRun = dryRun;
		}
		await h.importWorkflows(n8n, userFolder, [example]);
		log(`Imported the credential "Kore stand-in (local)" and the workflow "${example.name}"`);
		if (logCalls)
			kore.onRequest = (r) =>
				log(
					`stand-in: ${r.method} ${r.path.split('/').slice(-1)[0]} campaignName=${r.query.campaignName ?? '-'} -> ${r.status}`,
				);
		return { n8n, userFolder, kore, example, cleanup, work };
	} catch (error) {
		await cleanup();
		throw error;
	}
}

/** Variables that create the demo owner account when n8n starts. */
function ownerEnv(n8n) {
	return h.ownerEnv(n8n, { ...OWNER, firstName: 'Demo', lastName: 'Owner' });
}

module.exports = { prepareLocalInstance, ownerEnv, OWNER, N8N_PORT, STANDIN_PORT, log };
