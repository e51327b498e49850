'use strict';
// Kore Campaign Trigger in a running n8n (`n8n start`, not `n8n execute`), both its events side
// by side in one n8n: the packed package installed as a community node, two published workflows
// (every minute), each → HTTP Request to its own sink on 127.0.0.1 that keeps one row per item:
// Campaign Status Changed (every campaign) and Call Completed (a sheet of finished calls). n8n
// activates them at start-up: the activation polls take the baselines (a call that finished
// before is never emitted). Then two campaigns change and two calls finish (a third is still
// going) at the stand-in → the next polls bring exactly those, once; n8n stops, a third campaign
// changes and the third call finishes meanwhile, n8n starts again → the activation polls bring
// only those: nothing already emitted comes again, and both memories survived the restart
// (without them the polls would only take new baselines). More cases in-process:
// test/engine/trigger.test.ts and test/engine/callTrigger.test.ts.
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

const CREDENTIAL = { id: 'koreTriggerCreds1', name: 'Kore stand-in (trigger e2e)' };
const TRIGGER_TYPE = h.NODE_TYPE.replace(/\.koreCampaignSchedule$/, '.koreCampaignTrigger');
/** The two workflows: the trigger's event and what its HTTP Request sends for each item. */
const STATUS = {
	id: 'koreTriggerE2e01',
	name: 'Kore.ai: record campaign status changes',
	event: { event: 'statusChanged', campaignType: 'all' },
	jsonBody: '={{ JSON.stringify($json) }}',
};
const CALLS = {
	id: 'koreCallsE2e0001',
	name: 'Kore.ai: every finished call to a sheet',
	event: { event: 'callCompleted' },
	jsonBody:
		'={{ JSON.stringify({ conversationId: $json.conversationId, campaignName: $json.campaignName, dispositions: $json.dispositions, endedAt: $json.endedAt }) }}',
};
// Ceilings for a slow, busy machine, not expectations: each wait ends as soon as its event comes.
/** n8n start (and restart) answering with its workflows loaded. */
const START_MS = 180_000;
/** The activation poll, after n8n is up. */
const ACTIVATION_POLL_MS = 90_000;
/** A poll every minute starts at a random second; then its items reach the sink. */
const NEXT_POLL_MS = 60_000 + 45_000;
/** After a poll's last list call, the time an emitted execution needs to reach the sink. */
const DELIVERY_MS = 45_000;
/** Call Completed's activation poll sends no request (it marks the start): the time after n8n is
 * up by which it has run, as the Campaign Status Changed one (seen at the stand-in) has. */
const CALLS_ACTIVATION_MS = 15_000;
/** After the rows came, a duplicate would come with the same execution: a few seconds more. */
const SETTLE_MS = 5_000;

/** A local HTTP server keeping every JSON body POSTed to it: one row per item, like a sheet. */
async function startSink(name) {
	const rows = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			try {
				rows.push(JSON.parse(text));
			} catch {
				rows.push(text);
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/${name}`,
		rows,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** The trigger (every minute, `spec.event`) → HTTP Request POSTing each item to the sink. */
function triggerWorkflow(spec, sinkUrl) {
	return {
		id: spec.id,
		name: spec.name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${spec.id}-t`,
				name: 'Kore Campaign Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...spec.event },
				credentials: { koreAiApi: CREDENTIAL },
			},
			{
				id: `${spec.id}-r`,
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: spec.jsonBody,
					options: {},
				},
			},
		],
		connections: {
			'Kore Campaign Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
		},
	};
}

/** Sends one change to the stand-in's test-only HTTP routes, as a user's Kore would make it. */
async function tellStandIn(kore, route, body, what) {
	const res = await fetch(`${kore.url}/__standin/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.equal(res.status, 200, `the stand-in did not ${what}: HTTP ${res.status}`);
}
const setStatus = (kore, name, status) =>
	tellStandIn(kore, `campaigns/${encodeURIComponent(name)}`, { status }, `change ${name}`);
const addCall = (kore, call) => tellStandIn(kore, 'calls', call, `add ${call.conversationId}`);

/** Campaign Status Changed polls so far: each lists voice, then SMS; over once SMS is answered. */
function pollsDone(kore) {
	return kore.listCalls.filter((c) => c.body?.type === 'sms' && c.status !== 0).length;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for every one of `waits` (side by side); fails naming each that did not come in time. */
async function waitAll(waits) {
	const settled = await Promise.allSettled(waits);
	const late = settled.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
	if (late.length > 0) throw new Error(late.join('\n'));
	return settled.map((r) => r.value);
}

async function main() {
	const started = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-trigger-e2e-'));
	const kore = await startKoreStandIn({ ...E2E_ACCOUNT });
	const statusSink = await startSink('kore-events');
	const callsSink = await startSink('calls-sheet');
	let server;
	const { check, done } = h.checkList();
	const changes = (from = 0) =>
		statusSink.rows
			.slice(from)
			.map((body) => [body.name, body.previousStatus, body.status, body.event])
			.sort();
	const ids = (from = 0) =>
		callsSink.rows
			.slice(from)
			.map((row) => row.conversationId)
			.sort();
	try {
		const n8n = h.ensureN8n();
		const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(CREDENTIAL.id, CREDENTIAL.name, credentialData(E2E_ACCOUNT, kore.url)),
		]);
		await h.importWorkflows(n8n, userFolder, [
			triggerWorkflow(STATUS, statusSink.url),
			triggerWorkflow(CALLS, callsSink.url),
		]);
		for (const { id } of [STATUS, CALLS]) {
			// n8n 2.x activates a workflow by publishing it; 1.x by setting it active.
			const activate = n8n.version.startsWith('1.')
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
			const published = await h.runN8n(n8n, userFolder, activate);
			assert.equal(
				published.code,
				0,
				`${activate.join(' ')} failed\n${published.stdout}\n${published.stderr}`,
			);
		}
		const port = await freePort();
		const start = async () => {
			const t0 = Date.now();
			server = await h.startN8nServer(n8n, userFolder, { port, timeoutMs: START_MS });
			return Date.now() - t0;
		};
		console.log(`trigger e2e: n8n ${n8n.version} (n8n start), stand-in at ${kore.url}`);

		// A call that finished before the activation: never emitted.
		await addCall(kore, {
			conversationId: 'c-before',
			startedAt: new Date(Date.now() - 120_000).toISOString(),
		});
		// Kore's call details times are whole seconds: a read from this second on is not history.
		const launched = Math.floor(Date.now() / 1000) * 1000;
		const startMs = await start();
		const up = Date.now();
		await waitFor(
			'the Campaign Status Changed activation poll',
			() => pollsDone(kore) >= 1,
			ACTIVATION_POLL_MS,
		);
		const callsPerPoll = kore.listCalls.length;
		await sleep(Math.max(0, up + CALLS_ACTIVATION_MS - Date.now()));
		check(
			`Campaign Status Changed: activation took a baseline (${callsPerPoll} list calls: voice + SMS) and emitted nothing`,
			() => {
				assert.equal(callsPerPoll, 2);
				assert.equal(statusSink.rows.length, 0);
			},
		);
		// A scheduled poll may already have come after the activation one: it reads from the start on.
		check('Call Completed: the activation poll read no earlier calls and emitted nothing', () => {
			const readFrom = kore.callDetailsCalls.map((c) => c.body.startDate);
			const early = readFrom.filter((at) => Date.parse(`${at.replace(' ', 'T')}Z`) < launched);
			assert.deepEqual(early, [], `call details read from before n8n started: ${early}`);
			assert.equal(callsSink.rows.length, 0);
		});

		await setStatus(kore, 'Spring Promo 1 | Voice', 'Completed');
		await setStatus(kore, 'Survey | SMS', 'Active');
		const now = Date.now();
		const at = (ms) => new Date(now + ms).toISOString();
		await addCall(kore, { conversationId: 'c-one', startedAt: at(0), endedAt: at(1000) });
		await addCall(kore, { conversationId: 'c-two', startedAt: at(1000), endedAt: at(2000) });
		await addCall(kore, { conversationId: 'c-three', startedAt: at(2000), endedAt: null });
		const arrival = (what, sink) =>
			waitFor(what, () => sink.rows.length >= 2, NEXT_POLL_MS).then(() => Date.now() - now);
		const [statusMs, callsMs] = await waitAll([
			arrival('the two status changes at their sink', statusSink),
			arrival('the two finished calls at the sheet', callsSink),
		]);
		await sleep(SETTLE_MS);
		check('Campaign Status Changed: the next poll brought exactly the two changes, once', () => {
			assert.deepEqual(changes(), [
				['Spring Promo 1 | Voice', 'Active', 'Completed', 'statusChanged'],
				['Survey | SMS', 'Completed', 'Active', 'statusChanged'],
			]);
			const [one] = statusSink.rows.filter((b) => b.type === 'voice');
			assert.match(one.id, /^cd-/);
			assert.equal(typeof one.updatedAt, 'string');
			assert.equal(typeof one.campaignInstanceUpdatedAt, 'string');
		});
		check('Call Completed: the next poll brought the two finished calls, one row each', () => {
			assert.deepEqual(ids(), ['c-one', 'c-two']);
			assert.equal(callsSink.rows[0].campaignName, 'Spring Promo 1 | Voice');
			assert.deepEqual(callsSink.rows[0].dispositions, ['Interested']);
		});

		await server.stop();
		server = undefined;
		const pollsThen = pollsDone(kore);
		await setStatus(kore, 'Winback | SMS', 'Stopped');
		await addCall(kore, {
			conversationId: 'c-three',
			startedAt: at(2000),
			endedAt: new Date().toISOString(),
		});
		const restartMs = await start();
		await waitAll([
			waitFor(
				'the Campaign Status Changed activation poll after the restart',
				() => pollsDone(kore) > pollsThen,
				ACTIVATION_POLL_MS,
			).then(() =>
				waitFor(
					'the status change made while n8n was down',
					() => statusSink.rows.length >= 3,
					DELIVERY_MS,
				),
			),
			waitFor(
				'the call that ended while n8n was down',
				() => callsSink.rows.length >= 3,
				NEXT_POLL_MS,
			),
		]);
		await sleep(SETTLE_MS);
		check(
			'Campaign Status Changed: after the restart the activation poll brought only the change made while n8n was down',
			() => {
				assert.deepEqual(changes(2), [['Winback | SMS', 'Paused', 'Stopped', 'statusChanged']]);
			},
		);
		check('Call Completed: after the restart only the call that ended meanwhile came, once', () => {
			assert.deepEqual(ids(2), ['c-three']);
			assert.equal(callsSink.rows.length, 3);
		});

		const s = (ms) => `${(ms / 1000).toFixed(0)} s`;
		console.log(
			`  n8n start ${s(startMs)}, restart ${s(restartMs)}; after they were made, status changes reached their sink in ${s(statusMs)}, finished calls the sheet in ${s(callsMs)} (next polls); ${pollsDone(kore)} Campaign Status Changed polls, ${kore.listCalls.length} list calls, ${kore.callDetailsCalls.length} call details requests`,
		);
	} finally {
		await server?.stop();
		await statusSink.close();
		await callsSink.close();
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`trigger e2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	done();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
