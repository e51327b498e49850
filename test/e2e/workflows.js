'use strict';
// The workflows the e2e suite imports into n8n. Each: Manual Trigger → (Code node producing the
// items, when the case needs several) → Kore Campaign Schedule.

const fs = require('node:fs');
const path = require('node:path');

const { NODE_TYPE, ROOT } = require('../../dev/n8nHarness');
const { rowsNode, startNode } = require('../../dev/workflowNodes');

const CREDENTIALS = {
	clientCredentials: { id: 'koreE2eClientCreds', name: 'Kore stand-in (client credentials)' },
	jwt: { id: 'koreE2eJwt', name: 'Kore stand-in (pasted JWT)' },
};

/**
 * @param {string} id workflow id (n8n wants 16 characters for imported ids to be kept)
 * @param {object} kore the Kore node's parameters
 * @param {object} [opts]
 * @param {object[]} [opts.items] json of the items a Code node emits before the Kore node
 * @param {string} [opts.onError] 'continueRegularOutput' | 'continueErrorOutput'
 * @param {'clientCredentials'|'jwt'} [opts.credential]
 * @param {string|null} [opts.timezone] the workflow's timezone setting (default UTC; null: none)
 * @param {number} [opts.typeVersion] the Kore node's version (default 1, as workflows saved before 1.1)
 * @param {number} [opts.maxTries] Settings → Retry On Fail with this Max Tries, no wait between
 */
function workflow(id, kore, opts = {}) {
	const nodes = [startNode(id)];
	const connections = {};
	let previous = 'Start';
	if (opts.items) {
		nodes.push(rowsNode(id, `return ${JSON.stringify(opts.items.map((json) => ({ json })))};`));
		connections.Start = { main: [[{ node: 'Rows', type: 'main', index: 0 }]] };
		previous = 'Rows';
	}
	const credential = CREDENTIALS[opts.credential ?? 'clientCredentials'];
	nodes.push({
		id: `${id}-k`,
		name: 'Kore',
		type: NODE_TYPE,
		typeVersion: opts.typeVersion ?? 1,
		position: [440, 0],
		parameters: kore,
		credentials: { koreAiApi: { id: credential.id, name: credential.name } },
		...(opts.onError ? { onError: opts.onError } : {}),
		...(opts.maxTries ? { retryOnFail: true, maxTries: opts.maxTries, waitBetweenTries: 0 } : {}),
	});
	connections[previous] = { main: [[{ node: 'Kore', type: 'main', index: 0 }]] };
	// Without a timezone setting the workflow uses the instance's (GENERIC_TIMEZONE).
	const timezone =
		opts.timezone === undefined
			? { timezone: 'UTC' }
			: opts.timezone === null
				? {}
				: { timezone: opts.timezone };
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...timezone },
	};
}

const WINDOW = { startDateTime: '2031-01-27T18:29:00', endDateTime: '2031-02-27T18:29:00' };
const NO_LIMIT = { requestsPerMinute: 0 };

/** Three rows, the middle one with an unreadable start date, under the given On Error setting. */
function badRowAmongGood(id, onError) {
	return workflow(
		id,
		{
			operation: 'schedule',
			campaignName: '={{ $json.name }}',
			startDateTime: '={{ $json.start }}',
			endDateTime: WINDOW.endDateTime,
			options: NO_LIMIT,
		},
		{
			items: [
				{ name: 'Good A', start: WINDOW.startDateTime },
				{ name: 'Bad date', start: '27/01/2031' },
				{ name: 'Good B', start: WINDOW.startDateTime },
			],
			onError,
		},
	);
}

/**
 * Rows read in the workflow's timezone America/New_York; `sent` is what Kore must receive (UTC).
 * The gap row (02:30 on the night US clocks skip from 02:00 to 03:00) must be refused, unsent.
 */
const newYorkRows = [
	{
		name: 'NY winter',
		start: '2031-01-27 09:00:00',
		end: '2031-02-27T09:00',
		sent: ['2031-01-27 14:00:00', '2031-02-27 14:00:00'],
	},
	{
		name: 'NY summer',
		start: '2031-07-01T09:00:00',
		end: '2031-08-01',
		sent: ['2031-07-01 13:00:00', '2031-08-01 04:00:00'],
	},
	{
		name: 'NY offset given',
		start: '2031-03-01T10:00:00+05:30',
		end: '2031-03-31T23:00:00Z',
		sent: ['2031-03-01 04:30:00', '2031-03-31 23:00:00'],
	},
	{
		name: 'NY now plus a day',
		start: 'now+1d',
		end: '2031-12-31 18:00:00',
		sent: [undefined, '2031-12-31 23:00:00'],
	},
	{ name: 'NY spring gap', start: '2031-03-09 02:30:00', end: '2031-04-01 09:00:00' },
];

const rows = [
	{ name: 'Spring | Voice | Batch 1', every: 1 },
	{ name: 'Spring & SMS = Batch #2', every: 2 },
	{ name: 'Renewals 50% +', every: 3 },
];

/**
 * The account limit, scaled down so the cases take seconds: the stand-in allows 5 calls per
 * rolling second (300/min) and the node is set to 150/min, half of it, so arrival jitter on a
 * busy machine cannot push a sixth call into a second. What this proves is that all runs on the
 * account share one pace: without that, each of them starts at once and the stand-in rejects.
 */
const SCALED_LIMIT = { calls: 5, windowMs: 1000, nodeRate: 150 };
const paced = { requestsPerMinute: SCALED_LIMIT.nodeRate, maxRetries: 0 };

/** Code rows → Loop Over Items (batch size 1) → Kore → back to the loop: one Kore run per row. */
function loopOverItems(id, count) {
	const base = workflow(
		id,
		{ operation: 'schedule', campaignName: '={{ $json.name }}', ...WINDOW, options: paced },
		{ items: Array.from({ length: count }, (_, i) => ({ name: `Loop row ${i}` })) },
	);
	const loop = {
		id: `${id}-l`,
		name: 'Loop',
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
		position: [330, 0],
		parameters: { batchSize: 1, options: {} },
	};
	base.nodes.splice(2, 0, loop);
	base.connections.Rows = { main: [[{ node: 'Loop', type: 'main', index: 0 }]] };
	// Output 0 is "done", output 1 "loop".
	base.connections.Loop = { main: [[], [{ node: 'Kore', type: 'main', index: 0 }]] };
	base.connections.Kore = { main: [[{ node: 'Loop', type: 'main', index: 0 }]] };
	return base;
}

/** One of several workflows run at once by `n8n executeBatch`: 8 rows each. */
const batchMember = (id, prefix) =>
	workflow(
		id,
		{ operation: 'schedule', campaignName: '={{ $json.name }}', ...WINDOW, options: paced },
		{ items: Array.from({ length: 8 }, (_, i) => ({ name: `${prefix} row ${i}` })) },
	);

/** A node of version 1.1 (the default for new nodes): the campaign as the picker stores it. */
const picked = (value, mode = 'list') => ({
	__rl: true,
	mode,
	value,
	...(mode === 'list' ? { cachedResultName: `${value} · Voice · Ready` } : {}),
});

/** Get Many (voice, status Ready) → Schedule each by `{{ $json.name }}` (By Name): the typical use. */
function getManyThenSchedule(id) {
	return getManyThen(id, {
		operation: 'schedule',
		campaignName: picked('={{ $json.name }}', 'name'),
		...WINDOW,
		options: NO_LIMIT,
	});
}

/** Get Many (voice, status Ready) → a second Kore node (version 1.1) with `then` for each campaign. */
function getManyThen(id, then) {
	const base = workflow(
		id,
		{
			operation: 'getMany',
			campaignType: 'voice',
			returnAll: true,
			filters: { status: ['Ready'] },
			options: NO_LIMIT,
		},
		{ typeVersion: 1.1 },
	);
	const list = base.nodes.find((n) => n.name === 'Kore');
	list.name = 'Kore list';
	base.nodes.push({
		...list,
		id: `${id}-s`,
		name: 'Kore',
		position: [660, 0],
		parameters: then,
	});
	base.connections = {
		Start: { main: [[{ node: 'Kore list', type: 'main', index: 0 }]] },
		'Kore list': { main: [[{ node: 'Kore', type: 'main', index: 0 }]] },
	};
	return base;
}

/** How many lead rows the contact-list case sends, and the list they go to. */
const LEADS = { count: 250, list: 'E2E Leads 2031-01-27' };

/**
 * The daily dialing list: Create the list (If the List Exists → Use Existing) → a Code node
 * with 250 lead rows (phone numbers written with spaces, as a sheet has them) → Add Contacts to the
 * list by name, at the default options (60 calls a minute, 100 contacts a call).
 */
function leadsToContactList(id) {
	const leads = `return Array.from({ length: ${LEADS.count} }, (_, i) => ({ json: { phone: '+1 555 ' + String(i).padStart(7, '0'), first: 'Lead ' + i } }));`;
	const credentials = { koreAiApi: CREDENTIALS.clientCredentials };
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		nodes: [
			startNode(id),
			{
				id: `${id}-l`,
				name: 'Kore list',
				type: NODE_TYPE,
				typeVersion: 1.1,
				position: [220, 0],
				parameters: {
					resource: 'contactList',
					operation: 'create',
					listName: LEADS.list,
					options: { ifExists: 'useExisting' },
				},
				credentials,
			},
			rowsNode(id, leads, [440, 0]),
			{
				id: `${id}-k`,
				name: 'Kore',
				type: NODE_TYPE,
				typeVersion: 1.1,
				position: [660, 0],
				parameters: {
					resource: 'contactList',
					operation: 'addContacts',
					contactList: {
						__rl: true,
						mode: 'name',
						value: "={{ $('Kore list').first().json.name }}",
					},
					phoneNumber: '={{ $json.phone }}',
					additionalFields: { firstName: '={{ $json.first }}' },
					options: {},
				},
				credentials,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Kore list', type: 'main', index: 0 }]] },
			'Kore list': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Kore', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * An example workflow as users import it (examples/), on the suite's stand-in credential, with
 * its own id; `adapt` changes only what the suite cannot wait for or must vary.
 */
function example(file, id, adapt = () => {}) {
	const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
	workflow.id = id;
	workflow.name = `e2e ${file}`;
	for (const node of workflow.nodes)
		if (node.credentials?.koreAiApi)
			node.credentials.koreAiApi = { ...CREDENTIALS.clientCredentials };
	adapt(workflow);
	return workflow;
}
const nodeNamed = (workflow, name) => workflow.nodes.find((n) => n.name === name);

/** Every file in examples/, each run by the suite (test/e2e/run.js). */
const EXAMPLES = {
	// As shipped: Dry Run on.
	sheet: example('schedule-campaigns-from-sheet.json', 'e2eExampleSheet1'),
	// After the user switches Dry Run off, as README says.
	sheetLive: example('schedule-campaigns-from-sheet.json', 'e2eExampleSheet2', (w) => {
		nodeNamed(w, 'Kore Campaign Schedule').parameters.options.dryRun = false;
	}),
	// The two-minute wait for Kore to take the contacts in, shortened to a second.
	leads: example('leads-to-contact-list.json', 'e2eExampleLeads1', (w) => {
		nodeNamed(w, 'Wait for Kore to add them').parameters = { amount: 1, unit: 'seconds' };
	}),
	newCampaign: example('sheet-to-new-campaign.json', 'e2eExampleNewCmp1', (w) => {
		nodeNamed(w, 'Wait for Kore to add them').parameters = { amount: 1, unit: 'seconds' };
	}),
	// Run from the trigger as the editor's "Execute workflow" does (run.js), up to the sheet.
	completed: example('campaign-completed-to-sheet.json', 'e2eExampleDone01'),
};

module.exports = {
	EXAMPLES,
	SCALED_LIMIT,
	picker: workflow(
		'e2ePicker0000001',
		{
			operation: 'schedule',
			campaignName: picked('Spring Promo 3 | Voice'),
			...WINDOW,
			options: NO_LIMIT,
		},
		{ typeVersion: 1.1 },
	),
	getManyThenSchedule: getManyThenSchedule('e2eGetManySched1'),
	// Get Many → Start each By ID `{{ $json.id }}`: no name lookup, one GET and one start each.
	startWithRetryOnFail: workflow(
		'e2eStartRetries1',
		{
			resource: 'campaign',
			operation: 'start',
			campaignName: picked('Spring Promo 1 | Voice', 'name'),
			options: NO_LIMIT,
		},
		{ typeVersion: 1.1, maxTries: 3 },
	),
	getManyThenStart: getManyThen('e2eGetManyStart1', {
		resource: 'campaign',
		operation: 'start',
		campaignName: picked('={{ $json.id }}', 'id'),
		options: NO_LIMIT,
	}),
	LEADS,
	leadsToContactList: leadsToContactList('e2eLeadsToList01'),
	loopOverItems: loopOverItems('e2eLoopOverItem1', 24),
	batch: [
		batchMember('e2eBatchMember01', 'Batch A'),
		batchMember('e2eBatchMember02', 'Batch B'),
		batchMember('e2eBatchMember03', 'Batch C'),
	],
	CREDENTIALS,
	WINDOW,
	rows,
	newYorkRows,
	daily: workflow('e2eDaily00000001', {
		operation: 'schedule',
		campaignName: 'Agentless Voice | Product Feedback | Jan 9',
		...WINDOW,
		recurrence: 'daily',
		onceEveryNdays: 2,
		options: { ...NO_LIMIT, timezone: 'Asia/Kolkata' },
	}),
	weekly: workflow('e2eWeekly0000001', {
		operation: 'schedule',
		campaignName: 'Weekly reminders',
		startDateTime: '2031-03-01T10:00:00Z',
		endDateTime: '2031-06-01T10:00:00Z',
		recurrence: 'weekly',
		onceEveryNweeks: 2,
		whichDays: ['Fri', 'Mon', 'Wed'],
		options: { ...NO_LIMIT, timezone: 'Asia/Kolkata' },
	}),
	disable: workflow('e2eDisable000001', {
		operation: 'disableSchedule',
		campaignName: 'Old campaign',
		options: NO_LIMIT,
	}),
	expressions: workflow(
		'e2eExpress000001',
		{
			operation: 'schedule',
			campaignName: '={{ $json.name }}',
			startDateTime: "={{ $now.plus(1, 'day') }}",
			endDateTime: "={{ $now.plus(30, 'days').toISO() }}",
			recurrence: 'daily',
			onceEveryNdays: '={{ $json.every }}',
			options: { requestsPerMinute: 600 },
		},
		{ items: rows },
	),
	continueRegular: badRowAmongGood('e2eContRegular01', 'continueRegularOutput'),
	continueErrorOutput: badRowAmongGood('e2eContErrorOut1', 'continueErrorOutput'),
	jwtMode: workflow(
		'e2eJwtMode000001',
		{ operation: 'schedule', campaignName: 'Pasted token', ...WINDOW, options: NO_LIMIT },
		{ credential: 'jwt' },
	),
	dryRun: workflow('e2eDryRun0000001', {
		operation: 'schedule',
		campaignName: 'Dry & run',
		...WINDOW,
		options: { ...NO_LIMIT, dryRun: true },
	}),
	hundredRows: workflow(
		'e2eHundredRows01',
		{
			operation: 'schedule',
			campaignName: '={{ $json.name }}',
			...WINDOW,
			options: { requestsPerMinute: 0, maxConcurrency: 8, maxRetries: 0, timeout: 2 },
		},
		{
			items: Array.from({ length: 100 }, (_, i) => ({ name: `Row ${i}` })),
			onError: 'continueErrorOutput',
		},
	),
	newYork: workflow(
		'e2eNewYorkTz0001',
		{
			operation: 'schedule',
			campaignName: '={{ $json.name }}',
			startDateTime: "={{ $json.start === 'now+1d' ? $now.plus(1, 'day') : $json.start }}",
			endDateTime: '={{ $json.end }}',
			options: NO_LIMIT,
		},
		{
			items: newYorkRows.map(({ name, start, end }) => ({ name, start, end })),
			timezone: 'America/New_York',
			onError: 'continueRegularOutput',
		},
	),
	// No timezone setting: the instance's GENERIC_TIMEZONE applies (run with TZ set to another zone).
	instanceTimezone: workflow(
		'e2eInstanceTz001',
		{
			operation: 'schedule',
			campaignName: 'Berlin by instance default',
			startDateTime: '2031-01-27 09:00:00',
			endDateTime: '2031-07-27 09:00:00',
			options: NO_LIMIT,
		},
		{ timezone: null },
	),
	failing: workflow('e2eFailing000001', {
		operation: 'schedule',
		campaignName: 'Kore says no',
		...WINDOW,
		options: NO_LIMIT,
	}),
};
