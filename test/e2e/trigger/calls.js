'use strict';
// Kore Campaign Trigger's Call Completed in a running n8n (`n8n start`): the packed package
// installed as a community node, the workflow Call Completed (every minute) → HTTP Request to a
// sheet-like sink on 127.0.0.1 that keeps one row per item. Published before start, so n8n
// activates it at start-up (that poll only marks the start). Then: two calls finish and one is
// still going at the stand-in → the next poll brings exactly the two, one row each; n8n stops,
// the third call finishes meanwhile, n8n starts again → its activation poll brings only the
// third: nothing emitted comes again, and the memory survived the restart. The same in-process,
// with late records and more: test/engine/callTrigger.test.ts.
// Run by `npm test`; alone: `node test/e2e/trigger/calls.js` (about 3 minutes: polls are a
// minute apart).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const h = require('../../../dev/n8nHarness');
const { startKoreStandIn } = require('../../../dev/koreStandIn');
const { E2E_ACCOUNT, credentialData } = require('../../../dev/fakeAccounts');
const { freePort, waitFor } = require('../../../dev/queueServices');

const WORKFLOW_ID = 'koreCallsE2e0001';
const CREDENTIAL = { id: 'koreCallsCreds01', name: 'Kore stand-in (calls e2e)' };
const TRIGGER_TYPE = h.NODE_TYPE.replace(/\.koreCampaignSchedule$/, '.koreCampaignTrigger');
/** A poll every minute starts at a random second: the next one comes within this. */
const NEXT_POLL_MS = 75_000;
/** How long after n8n is up its activation poll has surely run (it marks the start then). */
const ACTIVATION_MS = 15_000;

/** A local HTTP server keeping every JSON body POSTed to it: one row per item, like a sheet. */
async function startSink() {
	const rows = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			try {
				rows.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				rows.push(Buffer.concat(chunks).toString('utf8'));
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/calls-sheet`,
		rows,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

function callsWorkflow(sinkUrl) {
	return {
		id: WORKFLOW_ID,
		name: 'Kore.ai: every finished call to a sheet',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${WORKFLOW_ID}-t`,
				name: 'Kore Campaign Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'callCompleted' },
				credentials: { koreAiApi: CREDENTIAL },
			},
			{
				id: `${WORKFLOW_ID}-s`,
				name: 'Sheet',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ conversationId: $json.conversationId, campaignName: $json.campaignName, dispositions: $json.dispositions, endedAt: $json.endedAt }) }}',
					options: {},
				},
			},
		],
		connections: {
			'Kore Campaign Trigger': { main: [[{ node: 'Sheet', type: 'main', index: 0 }]] },
		},
	};
}

/** Adds a call at the stand-in through its test-only HTTP route, as Kore would record it. */
async function addCall(kore, call) {
	const res = await fetch(`${kore.url}/__standin/calls`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(call),
	});
	assert.equal(
		res.status,
		200,
		`the stand-in did not add ${call.conversationId}: HTTP ${res.status}`,
	);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const started = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-calls-e2e-'));
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
	const ids = (from = 0) =>
		sink.rows
			.slice(from)
			.map((row) => row.conversationId)
			.sort();
	try {
		const n8n = h.ensureN8n();
		const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(CREDENTIAL.id, CREDENTIAL.name, credentialData(E2E_ACCOUNT, kore.url)),
		]);
		await h.importWorkflows(n8n, userFolder, [callsWorkflow(sink.url)]);
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
		console.log(`calls e2e: n8n ${n8n.version} (n8n start), stand-in at ${kore.url}`);

		// A call that finished before the activation: never emitted.
		await addCall(kore, {
			conversationId: 'c-before',
			startedAt: new Date(Date.now() - 120_000).toISOString(),
		});
		server = await h.startN8nServer(n8n, userFolder, { port });
		await sleep(ACTIVATION_MS);
		check('the activation poll sent nothing and emitted nothing', () => {
			assert.equal(kore.callDetailsCalls.length, 0);
			assert.equal(sink.rows.length, 0);
		});

		const now = Date.now();
		const at = (ms) => new Date(now + ms).toISOString();
		await addCall(kore, { conversationId: 'c-one', startedAt: at(0), endedAt: at(1000) });
		await addCall(kore, { conversationId: 'c-two', startedAt: at(1000), endedAt: at(2000) });
		await addCall(kore, { conversationId: 'c-three', startedAt: at(2000), endedAt: null });
		await waitFor('the two finished calls at the sheet', () => sink.rows.length >= 2, NEXT_POLL_MS);
		// Let a few more seconds pass: a duplicate would come with the same execution.
		await sleep(5_000);
		check('the next poll brought the two finished calls, one row each', () => {
			assert.deepEqual(ids(), ['c-one', 'c-two']);
			assert.equal(sink.rows[0].campaignName, 'Spring Promo 1 | Voice');
			assert.deepEqual(sink.rows[0].dispositions, ['Interested']);
		});

		await server.stop();
		server = undefined;
		await addCall(kore, {
			conversationId: 'c-three',
			startedAt: at(2000),
			endedAt: new Date().toISOString(),
		});
		server = await h.startN8nServer(n8n, userFolder, { port });
		await waitFor(
			'the call that ended while n8n was down',
			() => sink.rows.length >= 3,
			NEXT_POLL_MS,
		);
		await sleep(5_000);
		check('after the restart only the call that ended meanwhile came, once', () => {
			assert.deepEqual(ids(2), ['c-three']);
			assert.equal(sink.rows.length, 3);
		});
		console.log(`  ${kore.callDetailsCalls.length} call details requests`);
	} finally {
		await server?.stop();
		await sink.close();
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`calls e2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
