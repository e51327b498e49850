'use strict';
// `npm run demo`: runs the example workflow headless in a real n8n against the Kore stand-in,
// then prints the scheduled campaigns' ids and what the stand-in received.

const h = require('../dev/n8nHarness');
const { prepareLocalInstance, log } = require('../dev/localN8n');

async function main() {
	// The example ships with Dry Run on; here it only ever talks to the stand-in, so it is switched
	// off to show the calls Kore.ai would receive.
	const local = await prepareLocalInstance({ dryRun: false });
	log('Dry Run switched off in the imported example: it talks only to the local stand-in.');
	try {
		const result = await h.executeWorkflow(local.n8n, local.userFolder, local.example.id);
		if (!result.ok) {
			throw new Error(
				`the example workflow failed (n8n exit ${result.code})\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
			);
		}
		const [items = []] = h.nodeOutput(result.run, 'Kore Campaign Schedule') ?? [];
		log('\nKore Campaign Schedule output:');
		for (const { json } of items) {
			log(
				json.error
					? `  ✗ ${json.error.campaignName}: ${json.error.message}`
					: `  ✓ ${json.campaignName}: id ${json.id} (${json.message})`,
			);
		}
		log('\nWhat the Kore stand-in received:');
		for (const call of local.kore.scheduleCalls) {
			log(`  POST ${call.rawUrl}  -> HTTP ${call.status}`);
			log(
				`    headers: auth=<JWT appId=${call.claims?.appId}, jti=${call.claims?.jti}> accountId=${call.headers.accountid} iid=${call.headers.iid}`,
			);
			log(`    body: ${JSON.stringify(call.body)}`);
		}
		if (items.length === 0 || items.some((i) => i.json.error)) process.exitCode = 1;
	} finally {
		await local.cleanup();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
