'use strict';
// `npm run demo:queue`: the node on n8n's queue mode, locally — Redis, PostgreSQL, an n8n main
// process and two workers (all on 127.0.0.1), the Kore stand-in enforcing Kore's 60 calls per
// minute, and a published webhook workflow. Ctrl-C stops everything it started.

const { startQueueMode, finishedBy, WEBHOOK_PATH } = require('../dev/queueMode');

const WORKERS = 2;

async function main() {
	console.log(
		'Starting Redis, PostgreSQL, n8n main and workers (the first run installs n8n, a few minutes)...',
	);
	// README's advice for zero rejections: Requests per Minute = the limit / number of workers.
	const queue = await startQueueMode({
		workers: WORKERS,
		requestsPerMinute: 60 / WORKERS,
		standInLimit: { calls: 60, windowMs: 60_000 },
		mainPort: Number(process.env.N8N_PORT ?? 5678),
	});
	queue.kore.onRequest = (r) =>
		console.log(`  Kore stand-in: ${r.status} ${r.query.campaignName ?? ''}`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log(
			`\nStopping (executions per worker: ${queue.workers.map((w) => finishedBy(w).length).join(', ')})...`,
		);
		await queue.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	console.log(`
n8n (queue mode) at ${queue.editorUrl}, ${WORKERS} workers, Kore stand-in at ${queue.kore.url} (60 calls/min).
Schedule a campaign per call, e.g.:

  curl -X POST ${queue.webhookUrl} -H 'content-type: application/json' \\
       -d '{"name":"Spring | Voice","start":"2031-03-01 09:00:00","end":"2031-03-31 18:00:00"}'

(webhook path: /webhook/${WEBHOOK_PATH}). Ctrl-C stops everything.`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
