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

async function prepareLocalInstance({ logCalls = false } = {}) {
	const n8n = h.ensureN8n();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-local-n8n-'));
	const kore = await startKoreStandIn({ ...DEMO_ACCOUNT, port: STANDIN_PORT });
	const cleanup = async () => {
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	};
	try {
		log(`Kore stand-in listening on ${kore.url}`);
		const tarball = h.packPackage(work);
		const userFolder = h.makeInstance(tarball, path.join(work, 'n8n'));
		log(
			`Installed ${path.basename(tarball)} into a fresh n8n ${n8n.version} user folder (${userFolder})`,
		);
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(
				'koreStandInLocal',
				'Kore stand-in (local)',
				credentialData(DEMO_ACCOUNT, kore.url),
			),
		]);
		const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		await h.importWorkflows(n8n, userFolder, [example]);
		log(`Imported the credential "Kore stand-in (local)" and the workflow "${example.name}"`);
		if (logCalls)
			kore.onRequest = (r) =>
				log(
					`stand-in: ${r.method} ${r.path.split('/').slice(-1)[0]} campaignName=${r.query.campaignName ?? '-'} -> ${r.status}`,
				);
		return { n8n, userFolder, kore, example, cleanup };
	} catch (error) {
		await cleanup();
		throw error;
	}
}

/** Variables that create the demo owner account when n8n starts. */
function ownerEnv(n8n) {
	return h.ownerEnv(n8n, { ...OWNER, firstName: 'Demo', lastName: 'Owner' });
}

module.exports = { prepareLocalInstance, ownerEnv, OWNER, N8N_PORT, log };
