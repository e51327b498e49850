'use strict';
// n8n queue mode with this package: Redis, PostgreSQL, an n8n main process that takes the
// webhooks and two `n8n worker` processes that run the executions, all on loopback. Used by the
// queue-mode test (run.js beside this file) and by `npm run demo:queue`.

const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('./n8nHarness');
const { startKoreStandIn } = require('./koreStandIn');
const { QUEUE_ACCOUNT, credentialData } = require('./fakeAccounts');
const { freePort, startQueueServices, stopProcess, waitFor } = require('./queueServices');

const KORE = QUEUE_ACCOUNT;
const CREDENTIAL = { id: 'koreQueueCreds01', name: 'Kore stand-in (queue mode)' };
const WORKFLOW_ID = 'koreQueueWebhook';
const WEBHOOK_PATH = 'kore-schedule';

/** Webhook (POST {name, start, end}) → Kore Campaign Schedule; answers with the Kore node's output. */
function webhookWorkflow(requestsPerMinute) {
	return {
		id: WORKFLOW_ID,
		name: 'Kore.ai: schedule a campaign per webhook call',
		active: false,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		nodes: [
			{
				id: 'queue-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: 'queue-kore',
				name: 'Kore',
				type: h.NODE_TYPE,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					operation: 'schedule',
					campaignName: '={{ $json.body.name }}',
					startDateTime: '={{ $json.body.start }}',
					endDateTime: '={{ $json.body.end }}',
					options: { requestsPerMinute },
				},
				credentials: { koreAiApi: CREDENTIAL },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Kore', type: 'main', index: 0 }]] } },
	};
}

/** Starts an n8n process (`start` or `worker`) and resolves once it prints `ready`. */
async function startN8nProcess(n8n, userFolder, args, env, ready, name) {
	const child = spawn(path.join(n8n.nodeBin, 'node'), [n8n.n8nBin, ...args], {
		env: h.n8nEnv(n8n, userFolder, env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const proc = { name, child, output: '' };
	for (const stream of [child.stdout, child.stderr])
		stream.on('data', (chunk) => (proc.output += chunk));
	await waitFor(
		`n8n ${name}`,
		() => {
			if (child.exitCode !== null)
				throw new Error(`n8n ${name} exited with ${child.exitCode}\n${proc.output.slice(-3000)}`);
			return ready.test(proc.output);
		},
		120_000,
	);
	return proc;
}

/**
 * Brings the whole set-up up: services, the stand-in (with `standInLimit`), the packed package in
 * a fresh user folder, the webhook workflow published, main and `workers` workers. Returns what
 * callers need, and stop(), which ends everything it started.
 */
async function startQueueMode({
	workers = 2,
	requestsPerMinute = 60,
	standInLimit,
	mainPort,
} = {}) {
	const cleanups = [];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
	};
	try {
		const n8n = h.ensureN8n();
		const services = await startQueueServices();
		cleanups.push(services.stop);
		const kore = await startKoreStandIn({ ...KORE });
		cleanups.push(() => kore.close());
		if (standInLimit) kore.setRateLimit(standInLimit.calls, standInLimit.windowMs);

		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-queue-n8n-'));
		cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
		const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
		const env = {
			...services.env,
			N8N_LOG_LEVEL: 'info',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const cli = async (args) => {
			const result = await h.runN8n(n8n, userFolder, args, { env });
			if (result.code !== 0)
				throw new Error(
					`n8n ${args[0]} failed (exit ${result.code})\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
				);
		};
		const credentialFile = path.join(work, 'credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				h.credentialRecord(CREDENTIAL.id, CREDENTIAL.name, credentialData(KORE, kore.url)),
			]),
		);
		await cli(['import:credentials', `--input=${credentialFile}`]);
		const workflowFile = path.join(work, 'workflow.json');
		fs.writeFileSync(workflowFile, JSON.stringify(webhookWorkflow(requestsPerMinute)));
		await cli(['import:workflow', `--input=${workflowFile}`]);
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);

		const port = mainPort ?? (await freePort());
		const processes = [];
		cleanups.push(async () => {
			for (const proc of processes) await stopProcess(proc.child);
		});
		// Each process runs its own task-runner broker: give each its own port.
		const main = await startN8nProcess(
			n8n,
			userFolder,
			['start'],
			{
				...env,
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
			/Editor is now accessible/,
			'main',
		);
		processes.push(main);
		const started = await Promise.all(
			Array.from({ length: workers }, async (_, i) =>
				startN8nProcess(
					n8n,
					userFolder,
					['worker', '--concurrency=10'],
					{
						...env,
						N8N_RUNNERS_BROKER_PORT: String(await freePort()),
						QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
					},
					/n8n worker is now ready/,
					`worker ${i + 1}`,
				),
			),
		);
		processes.push(...started);
		return {
			n8n,
			kore,
			main,
			workers: started,
			webhookUrl: `http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`,
			editorUrl: `http://localhost:${port}`,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Execution ids each worker reports having finished. */
function finishedBy(worker) {
	return [...worker.output.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
}

module.exports = { startQueueMode, finishedBy, KORE, WEBHOOK_PATH };
