'use strict';
// Kore Campaign Trigger in a running n8n (`n8n start`, not `n8n execute`): the packed package
// installed as a community node, the workflow Kore Campaign Trigger (every minute) → HTTP Request
// to a sink on 127.0.0.1 that records what each execution got. Published before start, so n8n
// activates it at start-up (the activation's poll takes the baseline). Then: two campaigns change
// at the stand-in → the next poll brings exactly those two, once; n8n stops, a third campaign
// changes meanwhile, n8n starts again → its activation poll brings only the third: nothing already
// emitted comes again, and the memory survived the restart (without it that poll would only take
// a new baseline). That a poll after an emitting one emits nothing is shown in-process by
// test/engine/trigger.test.ts; waiting for one more scheduled poll here would add a minute.
// Run by `npm test`; alone: `node test/e2e/trigger/run.js` (about 3 minutes: polls are a minute
// apart). N8N_VERSION picks another cached n8n (e.g. 1.123.81, activated with update:workflow).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const h = require('../../../dev/n8nHarness');
const { startKoreStandIn } = require('../../../dev/koreStandIn');
const { E2E_ACCOUNT, credentialData } = require('../../../dev/fakeAccounts');
const { freePort, waitFor } = require('../../../dev/queueServices');

const WORKFLOW_ID = 'koreTriggerE2e01';
const CREDENTIAL = { id: 'koreTriggerCreds1', name: 'Kore stand-in (trigger e2e)' };
const TRIGGER_TYPE = h.NODE_TYPE.replace(/\.koreCampaignSchedule$/, '.koreCampaignTrigger');
/** A poll every minute starts at a random second: the next one comes within this. */
const NEXT_POLL_MS = 75_000;
/** After a poll's last list call, the time an emitted execution needs to reach the sink. */
const DELIVERY_MS = 15_000;

/** A local HTTP server that keeps every JSON body POSTed to it. */
async function startSink() {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			try {
				received.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			} catch {
				received.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/kore-events`,
		received,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

function triggerWorkflow(sinkUrl) {
	return {
		id: WORKFLOW_ID,
		name: 'Kore.ai: record campaign status changes',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${WORKFLOW_ID}-t`,
				name: 'Kore Campaign Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'statusChanged',
					campaignType: 'all',
				},
				credentials: { koreAiApi: CREDENTIAL },
			},
			{
				id: `${WORKFLOW_ID}-r`,
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: {
			'Kore Campaign Trigger': {
				main: [[{ node: 'Record', type: 'main', index: 0 }]],
			},
		},
	};
}

/** Changes a campaign's status through the stand-in's test-only HTTP route, as a user's Kore would. */
async function setStatus(kore, name, status) {
	const res = await fetch(`${kore.url}/__standin/campaigns/${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ status }),
	});
	assert.equal(res.status, 200, `the stand-in did not change ${name}: HTTP ${res.status}`);
}

/** Polls seen so far: a poll lists voice, then SMS; it is over once its SMS call is answered. */
function pollsDone(kore) {
	return kore.listCalls.filter((c) => c.body?.type === 'sms' && c.status !== 0).length;
}

async function main() {
	const started = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-trigger-e2e-'));
	const kore = await startKoreStandIn({ ...E2E_ACCOUNT });
	const sink = await startSink();
	let server;
	let passed = 0;
	let failed = 0;
	const check = (name, fn) => {
		try {
			fn();
			passed++;
			console.log(`  ✓ ${name}`);
		} catch (error) {
			failed++;
			console.log(`  ✗ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
		}
	};
	const changes = (from = 0) =>
		sink.received
			.slice(from)
			.map(({ body }) => [body.name, body.previousStatus, body.status, body.event])
			.sort();
	try {
		const n8n = h.ensureN8n();
		const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(CREDENTIAL.id, CREDENTIAL.name, credentialData(E2E_ACCOUNT, kore.url)),
		]);
		await h.importWorkflows(n8n, userFolder, [triggerWorkflow(sink.url)]);
		// n8n 2.x activates a workflow by publishing it; 1.x by setting it active.
		const activate = n8n.version.startsWith('1.')
			? ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']
			: ['publish:workflow', `--id=${WORKFLOW_ID}`];
		const published = await h.runN8n(n8n, userFolder, activate);
		assert.equal(
			published.code,
			0,
			`${activate[0]} failed\n${published.stdout}\n${published.stderr}`,
		);
		const port = await freePort();
		const start = async () => {
			const t0 = Date.now();
			server = await h.startN8nServer(n8n, userFolder, { port });
			return Date.now() - t0;
		};
		console.log(`trigger e2e: n8n ${n8n.version} (n8n start), stand-in at ${kore.url}`);

		const startMs = await start();
		await waitFor('the activation poll', () => pollsDone(kore) >= 1, 60_000);
		const callsPerPoll = kore.listCalls.length;
		check(
			`activation took a baseline (${callsPerPoll} list calls: voice + SMS) and emitted nothing`,
			() => {
				assert.equal(callsPerPoll, 2);
				assert.equal(sink.received.length, 0);
			},
		);

		await setStatus(kore, 'Spring Promo 1 | Voice', 'Completed');
		await setStatus(kore, 'Survey | SMS', 'Active');
		const t1 = Date.now();
		await waitFor('the two changes at the sink', () => sink.received.length >= 2, NEXT_POLL_MS);
		const firstDeliveryMs = Date.now() - t1;
		const pollsThen = pollsDone(kore);
		check('the next poll brought exactly the two changes, once', () => {
			assert.deepEqual(changes(), [
				['Spring Promo 1 | Voice', 'Active', 'Completed', 'statusChanged'],
				['Survey | SMS', 'Completed', 'Active', 'statusChanged'],
			]);
			const [one] = sink.received.map((r) => r.body).filter((b) => b.type === 'voice');
			assert.match(one.id, /^cd-/);
			assert.equal(typeof one.updatedAt, 'string');
			assert.equal(typeof one.campaignInstanceUpdatedAt, 'string');
		});

		await server.stop();
		server = undefined;
		await setStatus(kore, 'Winback | SMS', 'Stopped');
		const restartMs = await start();
		await waitFor(
			'the activation poll after the restart',
			() => pollsDone(kore) > pollsThen,
			60_000,
		);
		await waitFor(
			'the change made while n8n was down',
			() => sink.received.length >= 3,
			DELIVERY_MS * 2,
		);
		check(
			'after the restart the activation poll brought only the change made while n8n was down',
			() => {
				assert.deepEqual(changes(2), [['Winback | SMS', 'Paused', 'Stopped', 'statusChanged']]);
			},
		);

		console.log(
			`  n8n start ${(startMs / 1000).toFixed(0)} s, restart ${(restartMs / 1000).toFixed(0)} s; changes reached the sink ${(firstDeliveryMs / 1000).toFixed(0)} s after they were made (next poll); ${pollsDone(kore)} polls, ${kore.listCalls.length} list calls`,
		);
	} finally {
		await server?.stop();
		await sink.close();
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`trigger e2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
