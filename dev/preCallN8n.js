'use strict';
// A running n8n (`n8n start`) with the Kore Pre-Call Check published in two workflows: the
// example (examples/pre-call-check-do-not-call.json) and one holding the cases the e2e suite and
// `npm run bench` send to (a failing workflow, a slow one, Respond to Webhook v1 and v1.5, and
// the minimal trigger → IF → answer). Used by test/e2e/preCall/run.js and scripts/bench.ts.

const fs = require('node:fs');
const path = require('node:path');

const h = require('./n8nHarness');
const { freePort } = require('./queueServices');

const PRE_CALL_TYPE = h.NODE_TYPE.replace(/\.koreCampaignSchedule$/, '.koreCampaignPreCallTrigger');
const EXAMPLE_ID = 'koreExamplePreCall';
const CASES_ID = 'korePreCallCases1';
/** The header Kore sends, as the credential holds it (local only). */
const HEADER = { name: 'X-Kore-Pre-Call-Key', value: 'local-pre-call-key-0123456789' };
const CREDENTIAL = { id: 'korePreCallHeader', name: 'Kore pre-call header' };
/** n8n's own Header Auth with the same header, for the Webhook node compared with in the bench. */
const PLAIN_CREDENTIAL = { id: 'plainHeaderAuth01', name: 'Header Auth (bench baseline)' };
const OWNER = { email: 'precall@kore-stand-in.local', password: 'KorePreCall-2026!' };
/** Longer than the node's wait for an answer (ANSWER_WAIT_SECONDS). */
const SLOW_SECONDS = 12;

/** Resolves once `ready()` (async) is true; tries every 250 ms up to `timeoutMs`. */
async function until(what, ready, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Kore's request for one contact. */
const koreRequest = (contactData) => ({
	CampaignName: 'Spring Promo | Voice',
	CampaignId: 'cd-671b3bd0-2f1e-4c8a-9b7d-5e4f3a2b1c0d',
	DialingId: 'cdl-5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0',
	contactData,
});

let nodeIds = 0;
const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `${CASES_ID}-${++nodeIds}`,
	name,
	type,
	typeVersion,
	position: [nodeIds * 200, 0],
	parameters,
	...extra,
});
const trigger = (name, pathName, respondWith = 'lastNode') =>
	node(
		name,
		PRE_CALL_TYPE,
		1,
		{ path: pathName, respondWith },
		{
			webhookId: `${CASES_ID}-${pathName}`,
			credentials: { korePreCallAuthApi: CREDENTIAL },
		},
	);
const set = (name, fields, type = 'string') =>
	node(name, 'n8n-nodes-base.set', 3.4, {
		assignments: {
			assignments: Object.entries(fields).map(([field, value], i) => ({
				id: `${name}-${i}`,
				name: field,
				value,
				type,
			})),
		},
		options: {},
	});
const respond = (name, typeVersion) =>
	node(name, 'n8n-nodes-base.respondToWebhook', typeVersion, {
		respondWith: 'firstIncomingItem',
		options: {},
	});

/** An IF: true when `value` is the blocked number. */
const blocked = (name, value) =>
	node(name, 'n8n-nodes-base.if', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: `${name}-1`,
					leftValue: value,
					rightValue: '+14155550102',
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	});

/** The cases, each from its own trigger (one workflow: one publish, one activation). */
function casesWorkflow() {
	const nodes = [
		trigger('Fails', 'kore-pre-call-fails'),
		node('CRM down', 'n8n-nodes-base.code', 2, {
			jsCode: "throw new Error('CRM unreachable');",
		}),
		trigger('Slow', 'kore-pre-call-slow'),
		node('Wait longer than the node', 'n8n-nodes-base.wait', 1.1, {
			amount: SLOW_SECONDS,
			unit: 'seconds',
		}),
		set('Too late', { handle: 'CALL' }),
		trigger('Early', 'kore-pre-call-early', 'respondToWebhook'),
		set('Early answer', { handle: 'call', reason: 'answered early', note: 'then goes on' }),
		respond('Respond to Webhook v1', 1),
		node('Goes on', 'n8n-nodes-base.noOp', 1, {}),
		trigger('Early, newest responder', 'kore-pre-call-early-new', 'respondToWebhook'),
		set('Early answer 2', { handle: 'CALL' }),
		respond('Respond to Webhook v1.5', 1.5),
		trigger('Minimal', 'kore-pre-call-minimal'),
		blocked('Blocked?', '={{ $json.phoneNumber }}'),
		set('Minimal SKIP', { handle: 'SKIP', reason: 'blocked' }),
		set('Minimal CALL', { handle: 'CALL' }),
		// The same decision behind n8n's own Webhook node with Header Auth, for comparison.
		node(
			'Plain Webhook',
			'n8n-nodes-base.webhook',
			2,
			{
				httpMethod: 'POST',
				path: 'plain-webhook-minimal',
				authentication: 'headerAuth',
				responseMode: 'lastNode',
				options: {},
			},
			{
				webhookId: `${CASES_ID}-plain-webhook-minimal`,
				credentials: { httpHeaderAuth: PLAIN_CREDENTIAL },
			},
		),
		blocked('Blocked? (plain)', '={{ $json.body.contactData.phoneNumber }}'),
		set(
			'Plain SKIP',
			{ contactHandling: '={{ { handle: "SKIP", reason: "blocked" } }}' },
			'object',
		),
		set('Plain CALL', { contactHandling: '={{ { handle: "CALL" } }}' }, 'object'),
	];
	const to = (target) => ({ main: [[{ node: target, type: 'main', index: 0 }]] });
	const branches = (yes, no) => ({
		main: [[{ node: yes, type: 'main', index: 0 }], [{ node: no, type: 'main', index: 0 }]],
	});
	return {
		id: CASES_ID,
		name: 'Kore pre-call cases',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Fails: to('CRM down'),
			Slow: to('Wait longer than the node'),
			'Wait longer than the node': to('Too late'),
			Early: to('Early answer'),
			'Early answer': to('Respond to Webhook v1'),
			'Respond to Webhook v1': to('Goes on'),
			'Early, newest responder': to('Early answer 2'),
			'Early answer 2': to('Respond to Webhook v1.5'),
			Minimal: to('Blocked?'),
			'Blocked?': branches('Minimal SKIP', 'Minimal CALL'),
			'Plain Webhook': to('Blocked? (plain)'),
			'Blocked? (plain)': branches('Plain SKIP', 'Plain CALL'),
		},
	};
}

/**
 * Installs the packed package into a fresh n8n user folder under `work`, imports the credential
 * and both workflows, publishes them and starts n8n; resolves once the webhooks answer.
 */
async function startPreCallN8n({ n8n = h.ensureN8n(), work, log }) {
	const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
	await h.importCredentials(n8n, userFolder, [
		{ ...CREDENTIAL, type: 'korePreCallAuthApi', data: { ...HEADER } },
		{ ...PLAIN_CREDENTIAL, type: 'httpHeaderAuth', data: { ...HEADER } },
	]);
	const example = JSON.parse(
		fs.readFileSync(path.join(h.ROOT, 'examples', 'pre-call-check-do-not-call.json'), 'utf8'),
	);
	await h.importWorkflows(n8n, userFolder, [example, casesWorkflow()]);
	for (const id of [EXAMPLE_ID, CASES_ID]) {
		const published = await h.runN8n(n8n, userFolder, ['publish:workflow', `--id=${id}`]);
		if (published.code !== 0)
			throw new Error(`publish:workflow ${id} failed\n${published.stdout}\n${published.stderr}`);
	}
	const port = await freePort();
	const server = await h.startN8nServer(n8n, userFolder, {
		port,
		env: h.ownerEnv(n8n, OWNER),
		log,
	});
	const post = async (pathName, body, headers = { [HEADER.name]: HEADER.value }) => {
		const t0 = performance.now();
		const res = await fetch(`${server.url}/webhook/${pathName}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return {
			status: res.status,
			contentType: res.headers.get('content-type'),
			text,
			json,
			ms: performance.now() - t0,
		};
	};
	// n8n reports ready before it activates the workflows: a refused request (403, not 404) shows
	// the webhooks are registered.
	for (const pathName of ['kore-pre-call', 'kore-pre-call-minimal'])
		await until(
			`the webhook /${pathName}`,
			async () => (await post(pathName, {}, {})).status === 403,
			60_000,
		);
	return { n8n, userFolder, server, post };
}

module.exports = {
	startPreCallN8n,
	koreRequest,
	until,
	HEADER,
	OWNER,
	EXAMPLE_ID,
	CASES_ID,
	SLOW_SECONDS,
};
