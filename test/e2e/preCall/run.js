'use strict';
// Kore Pre-Call Check in a running n8n (`n8n start`, workflows published): the packed package as
// a community node, the example workflow (do-not-call lookup → IF → SKIP / CALL with CRM data) and
// a workflow of cases (dev/preCallN8n.js). Kore's request with the header → CALL for one number,
// SKIP for a blocked one, exactly Kore's JSON; without the header or with a bad body → refused
// and no execution; a failing workflow, one slower than the node's wait, and Respond to Webhook
// (version 1 answers, version 1.5 refuses to run under a community trigger) → SKIP with a reason.
// Run by `npm test`; alone: `node test/e2e/preCall/run.js` (about 2 minutes, most of it n8n
// starting).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../../../dev/n8nHarness');
const {
	startPreCallN8n,
	koreRequest,
	until,
	HEADER,
	OWNER,
	EXAMPLE_ID,
	CASES_ID,
} = require('../../../dev/preCallN8n');

const ADA = {
	phoneNumber: '+14155550101',
	firstName: 'Ada',
	lastName: 'Lovelace',
	crmId: 'L-1001',
};
const BLOCKED = { phoneNumber: '+1 415 555 0102', firstName: 'Bob', lastName: 'Blocked' };

async function main() {
	const started = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-precall-e2e-'));
	let server;
	const { check, done } = h.checkList();
	const koreAnswer = (reply, expected) => {
		assert.equal(reply.status, 200, reply.text);
		assert.match(reply.contentType, /^application\/json/);
		assert.deepEqual(reply.json, expected);
	};
	try {
		const n8n = h.ensureN8n();
		const logFile = path.join(work, 'n8n.log');
		const running = await startPreCallN8n({ n8n, work, log: fs.createWriteStream(logFile) });
		server = running.server;
		const { post } = running;
		console.log(`pre-call e2e: n8n ${n8n.version} (n8n start) at ${server.url}`);

		// The slow case waits out the node's 10 s: it runs beside the others.
		const slow = post('kore-pre-call-slow', koreRequest(ADA));

		// Refused first, so that any execution they started would be counted below.
		const refused = {
			noHeader: await post('kore-pre-call', koreRequest(ADA), {}),
			wrongHeader: await post('kore-pre-call', koreRequest(ADA), { [HEADER.name]: 'guess' }),
			noCampaignId: await post('kore-pre-call', { ...koreRequest(ADA), CampaignId: undefined }),
			noContactData: await post('kore-pre-call', { ...koreRequest(ADA), contactData: undefined }),
			notJson: await post('kore-pre-call', '{"CampaignId": '),
		};
		check('without the header, or with a wrong one: 403, and the secret is not echoed', () => {
			for (const reply of [refused.noHeader, refused.wrongHeader]) {
				assert.equal(reply.status, 403);
				assert.ok(!reply.text.includes(HEADER.value));
			}
		});
		const get = await fetch(`${server.url}/webhook/kore-pre-call`, {
			headers: { [HEADER.name]: HEADER.value },
		});
		check('a GET with the header: 404 from n8n (the node listens for POST only)', () => {
			assert.equal(get.status, 404);
		});
		check('a body without CampaignId or contactData: 400 naming it; not JSON: 422 (n8n)', () => {
			assert.equal(refused.noCampaignId.status, 400);
			assert.match(refused.noCampaignId.json.message, /no CampaignId/);
			assert.equal(refused.noContactData.status, 400);
			assert.match(refused.noContactData.json.message, /no contactData/);
			assert.equal(refused.notJson.status, 422);
		});

		const call = await post('kore-pre-call', koreRequest(ADA));
		const skip = await post('kore-pre-call', koreRequest(BLOCKED));
		check("example: Kore's request for a number not on the list → CALL with the CRM fields", () =>
			koreAnswer(call, {
				contactHandling: { handle: 'CALL' },
				greetingName: 'Ada',
				accountTier: 'gold',
			}),
		);
		check('example: a number on the do-not-call list → SKIP with the reason', () =>
			koreAnswer(skip, { contactHandling: { handle: 'SKIP', reason: 'On the do-not-call list' } }),
		);

		const fails = await post('kore-pre-call-fails', koreRequest(ADA));
		check('a workflow that fails → SKIP naming n8n\'s "Error in workflow"', () =>
			koreAnswer(fails, {
				contactHandling: {
					handle: 'SKIP',
					reason:
						'n8n: the workflow failed (HTTP 500: Error in workflow), so the contact was skipped',
				},
			}),
		);
		const early = await post('kore-pre-call-early', koreRequest(ADA));
		check('Respond With = Respond to Webhook (v1): its item, lowercase call → CALL', () =>
			koreAnswer(early, {
				contactHandling: { handle: 'CALL', reason: 'answered early' },
				note: 'then goes on',
			}),
		);
		const earlyNew = await post('kore-pre-call-early-new', koreRequest(ADA));
		check('Respond to Webhook v1.5 refuses to run after a community trigger → SKIP', () =>
			koreAnswer(earlyNew, {
				contactHandling: {
					handle: 'SKIP',
					reason:
						'n8n: the workflow failed (HTTP 500: Error in workflow), so the contact was skipped',
				},
			}),
		);
		const late = await slow;
		check('a workflow slower than the wait → SKIP saying so', () =>
			koreAnswer(late, {
				contactHandling: {
					handle: 'SKIP',
					reason: 'n8n: the workflow did not answer within 10 s, so the contact was skipped',
				},
			}),
		);

		// Executions, through n8n's REST API: one per accepted request, none for the refused.
		const rest = await h.restSession(server.url, OWNER.email, OWNER.password);
		const executions = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { json } = await rest(`/rest/executions?filter=${filter}&limit=100`);
			return json?.data?.results ?? [];
		};
		await until(
			"the example's two executions",
			async () => (await executions(EXAMPLE_ID)).length >= 2,
			30_000,
		);
		const exampleRuns = await executions(EXAMPLE_ID);
		check('the example ran once per accepted request (2), none for the 6 refused', () => {
			assert.deepEqual(
				exampleRuns.map((e) => [e.mode, e.status]),
				[
					['webhook', 'success'],
					['webhook', 'success'],
				],
			);
		});
		// The slow execution ends after its wait; the answer was already sent.
		await until(
			"the cases' executions",
			async () =>
				(await executions(CASES_ID)).filter(
					(e) => e.status !== 'running' && e.status !== 'waiting' && e.status !== 'new',
				).length >= 4,
			30_000,
		);
		const cases = await executions(CASES_ID);
		check('the cases ran: the failing and the v1.5 ones as errors, the others as successes', () => {
			assert.deepEqual(cases.map((e) => e.status).sort(), ['error', 'error', 'success', 'success']);
		});
		const log = fs.readFileSync(logFile, 'utf8');
		check("n8n's log shows no error from the answer written after the SKIP", () => {
			assert.doesNotMatch(log, /ERR_HTTP_HEADERS_SENT|Cannot set headers/);
		});
		console.log(
			`  answer times: CALL ${call.ms.toFixed(0)} ms, SKIP ${skip.ms.toFixed(0)} ms (first requests, n8n warming up; npm run bench measures)`,
		);
	} finally {
		await server?.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`pre-call e2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	done();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
