'use strict';
// `npm start`: a local n8n editor with this package, the Kore stand-in and an example workflow.
// Ctrl-C stops everything it started.

const h = require('../dev/n8nHarness');
const { prepareLocalInstance, ownerEnv, OWNER, N8N_PORT, log } = require('../dev/localN8n');

async function main() {
	const local = await prepareLocalInstance({ logCalls: true });
	let server;
	try {
		log(`Starting n8n on http://localhost:${N8N_PORT} ...`);
		server = await h.startN8nServer(local.n8n, local.userFolder, {
			port: N8N_PORT,
			env: ownerEnv(local.n8n),
			stdio: 'inherit',
		});
	} catch (error) {
		await local.cleanup();
		throw error;
	}

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		log('\nStopping n8n and the Kore stand-in...');
		await server.stop();
		await local.cleanup();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	server.closed.then((code) => stop(code ?? 1));

	log('');
	log(`n8n editor:    ${server.url}   (sign in as ${OWNER.email} / ${OWNER.password})`);
	log(`Kore stand-in: ${local.kore.url}   (every call it receives is printed below)`);
	log(
		`Open the workflow "${local.example.name}" and click "Execute workflow". Ctrl-C stops everything.`,
	);
	log('');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
