'use strict';
// End-to-end: the packed package inside a real n8n, each workflow run with `n8n execute --id`,
// asserting on the node's output items and on what the Kore stand-in received.
// Run by `npm test`; alone: `node test/e2e/run.js`.

const assert = require('node:assert/strict');
const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../../dev/n8nHarness');
const { freePort } = require('../../dev/queueServices');
const wf = require('./workflows');
const { startKoreStandIn } = require('../../dev/koreStandIn');
const { E2E_ACCOUNT, credentialData } = require('../../dev/fakeAccounts');

const KORE = E2E_ACCOUNT;

/** A token like Kore's web JWT tool makes: HS256, appId, an hour's exp, no jti. */
function pastedJwt() {
	const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'e2e', appId: KORE.clientId, iat: now, exp: now + 3600 })}`;
	return `${input}.${createHmac('sha256', KORE.clientSecret).update(input).digest('base64url')}`;
}

const json = (items) => (items ?? []).map((i) => i.json);
const paired = (items) => (items ?? []).map((i) => i.pairedItem);

/** Each case: the workflow, an optional set-up of the stand-in, and checks of output and calls. */
const CASES = [
	{
		name: 'daily schedule, Timezone option Asia/Kolkata, sent as UTC',
		workflow: wf.daily,
		check(main, kore) {
			assert.equal(kore.scheduleCalls.length, 1);
			const call = kore.scheduleCalls[0];
			assert.deepEqual(call.query, {
				enableSchedule: 'true',
				campaignName: 'Agentless Voice | Product Feedback | Jan 9',
			});
			assert.deepEqual(call.body, {
				startDateTime: '2031-01-27 12:59:00',
				endDateTime: '2031-02-27 12:59:00',
				recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 2 } },
			});
			assert.equal(call.claims.appId, KORE.clientId);
			const [out] = json(main[0]);
			assert.match(out.id, /^cd-/);
			assert.equal(out.status, 'success');
			assert.equal(
				out.message,
				'Campaign Agentless Voice | Product Feedback | Jan 9 scheduled successfully',
			);
			assert.equal(out.timezone, 'Asia/Kolkata');
			assert.deepEqual(paired(main[0]), [{ item: 0 }]);
		},
	},
	{
		name: 'weekly schedule, instants with Z sent as they are',
		workflow: wf.weekly,
		check(main, kore) {
			assert.deepEqual(kore.scheduleCalls[0].body, {
				startDateTime: '2031-03-01 10:00:00',
				endDateTime: '2031-06-01 10:00:00',
				recurrenceObject: {
					recurType: 'Weekly',
					weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Wed', 'Fri'] },
				},
			});
			assert.equal(json(main[0])[0].status, 'success');
		},
	},
	{
		name: 'node version 1.1: the campaign chosen From List is sent by name',
		workflow: wf.picker,
		check(main, kore) {
			assert.deepEqual(
				kore.scheduleCalls.map((c) => c.query.campaignName),
				['Spring Promo 3 | Voice'],
			);
			assert.equal(json(main[0])[0].campaignName, 'Spring Promo 3 | Voice');
		},
	},
	{
		name: 'Get Many (voice, status Ready, Return All) → Schedule each by {{ $json.name }}',
		workflow: wf.getManyThenSchedule,
		check(main, kore) {
			const ready = kore.campaigns
				.filter((c) => c.channel === 'voice' && c.record.status === 'Ready')
				.map((c) => c.record.name);
			assert.ok(ready.length > 0);
			assert.deepEqual(
				kore.listCalls.map((c) => c.body),
				[
					{
						type: 'voice',
						limit: 50,
						skip: 0,
						page: 1,
						sortBy: { createdAt: 'desc' },
						filters: { status: ['Ready'] },
					},
				],
			);
			assert.deepEqual(
				kore.scheduleCalls.map((c) => c.query.campaignName).sort(),
				[...ready].sort(),
			);
			assert.deepEqual(
				json(main[0]).map((o) => o.status),
				ready.map(() => 'success'),
			);
		},
	},
	{
		name: 'Get Many (voice, status Ready) → Start each By ID {{ $json.id }}: each started once',
		workflow: wf.getManyThenStart,
		check(main, kore, { result }) {
			const listed = json(h.nodeOutput(result.run, 'Kore list')?.[0]);
			assert.ok(listed.length > 0, 'Get Many listed no Ready voice campaign');
			assert.ok(listed.every((c) => c.type === 'voice' && c.status === 'Ready'));
			// One GET (name and channel from the id) and one start per campaign; no list walk.
			assert.equal(kore.getCalls.length, listed.length);
			assert.equal(kore.listCalls.length, 1);
			assert.deepEqual(
				kore.startCalls.map((c) => [c.path.split('/').pop(), c.query]),
				listed.map((c) => [c.id, { campaignType: 'voice', trigger: 'play' }]),
			);
			for (const c of listed) assert.equal(kore.startsOf(c.id), 1);
			assert.deepEqual(
				json(main[0]).map((o) => [o.id, o.name, o.type, o.status, o.message]),
				listed.map((c) => [c.id, c.name, 'voice', 'Active', 'Campaign Started']),
			);
			assert.deepEqual(
				paired(main[0]),
				listed.map((_, item) => ({ item })),
			);
		},
	},
	{
		name: `Create list (Use Existing) → ${wf.LEADS.count} Code-node rows → Add Contacts: 3 calls, every row once`,
		workflow: wf.leadsToContactList,
		check(main, kore) {
			const phone = (i) => `+1555${String(i).padStart(7, '0')}`;
			assert.deepEqual(
				kore.createListCalls.map((c) => c.body),
				[{ name: wf.LEADS.list, source: 'passiveApi', allowDuplicates: false }],
			);
			assert.deepEqual(
				kore.addContactsCalls.map((c) => [c.body.contact_list_name, c.body.data.length, c.status]),
				[
					[wf.LEADS.list, 100, 200],
					[wf.LEADS.list, 100, 200],
					[wf.LEADS.list, 50, 200],
				],
			);
			const held = kore.contactsOf(wf.LEADS.list).map((c) => c.phoneNumber);
			assert.equal(held.length, wf.LEADS.count);
			assert.equal(new Set(held).size, wf.LEADS.count);
			assert.deepEqual(
				held,
				Array.from({ length: wf.LEADS.count }, (_, i) => phone(i)),
			);
			assert.equal(kore.contactsOf(wf.LEADS.list)[7].firstName, 'Lead 7');
			const out = json(main[0]);
			assert.equal(out.length, wf.LEADS.count);
			assert.deepEqual(
				paired(main[0]),
				out.map((_, i) => ({ item: i })),
			);
			assert.deepEqual(out[0], {
				contactList: wf.LEADS.list,
				phoneNumber: phone(0),
				batch: 1,
				batchSize: 100,
				status: 'accepted',
				message: 'Adding contacts to public list is in progress',
			});
			assert.deepEqual(
				out.map((o) => o.batch),
				out.map((_, i) => Math.floor(i / 100) + 1),
			);
		},
	},
	{
		name: 'disable schedule',
		workflow: wf.disable,
		check(main, kore) {
			assert.deepEqual(kore.scheduleCalls[0].query, {
				enableSchedule: 'false',
				campaignName: 'Old campaign',
			});
			assert.deepEqual(kore.scheduleCalls[0].body, {});
			assert.equal(
				json(main[0])[0].message,
				'Campaign Old campaign schedule has been disabled successfully',
			);
		},
	},
	{
		name: 'several items from an upstream node, fields set by expressions ($json, $now.plus)',
		workflow: wf.expressions,
		check(main, kore) {
			const calls = kore.scheduleCalls;
			assert.deepEqual(
				calls.map((c) => c.query.campaignName).sort(),
				wf.rows.map((r) => r.name).sort(),
			);
			const out = json(main[0]);
			assert.deepEqual(
				out.map((o) => o.campaignName),
				wf.rows.map((r) => r.name),
			);
			assert.deepEqual(
				out.map((o) => o.recurrence.dailyDetails.onceEveryNdays),
				wf.rows.map((r) => r.every),
			);
			assert.deepEqual(paired(main[0]), [{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const call of calls) {
				// $now.plus(1, 'day') is an instant, sent as UTC.
				const start = Date.parse(`${call.body.startDateTime.replace(' ', 'T')}Z`);
				assert.ok(
					Math.abs(start - (Date.now() + 86_400_000)) < 10 * 60_000,
					`start ${call.body.startDateTime} is not about now + 1 day`,
				);
				assert.match(call.body.endDateTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			}
		},
	},
	{
		name: 'workflow timezone America/New_York: winter, summer, offset, $now.plus, a gap time refused and unsent',
		workflow: wf.newYork,
		check(main, kore) {
			const byName = new Map(kore.scheduleCalls.map((c) => [c.query.campaignName, c.body]));
			assert.equal(kore.scheduleCalls.length, 4, 'four calls, none for the gap row');
			assert.ok(!byName.has('NY spring gap'), 'the gap row reached Kore');
			for (const row of wf.newYorkRows.filter((r) => r.sent)) {
				const body = byName.get(row.name);
				assert.ok(body, `no call for ${row.name}`);
				if (row.sent[0] !== undefined)
					assert.equal(body.startDateTime, row.sent[0], `${row.name} start`);
				assert.equal(body.endDateTime, row.sent[1], `${row.name} end`);
			}
			// $now.plus(1, 'day') is an instant: sent as UTC, about 24 h from now.
			const start = Date.parse(
				`${byName.get('NY now plus a day').startDateTime.replace(' ', 'T')}Z`,
			);
			assert.ok(
				Math.abs(start - (Date.now() + 86_400_000)) < 10 * 60_000,
				'the $now.plus start is not now + 1 day in UTC',
			);
			const out = json(main[0]);
			assert.equal(out.length, 5);
			assert.deepEqual(
				out.slice(0, 2).map((o) => [o.startDateTime, o.startLocal, o.timezone, o.koreTimezone]),
				[
					['2031-01-27 14:00:00', '2031-01-27T09:00:00-05:00', 'America/New_York', 'UTC'],
					['2031-07-01 13:00:00', '2031-07-01T09:00:00-04:00', 'America/New_York', 'UTC'],
				],
			);
			assert.match(
				out[4].error?.message,
				/^Start Date & Time: 2031-03-09 02:30:00 does not exist in America\/New_York; .*2031-03-09 01:30:00 or 2031-03-09 03:30:00/,
			);
			assert.deepEqual(
				paired(main[0]),
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
		},
	},
	{
		name: "no workflow timezone: the instance's GENERIC_TIMEZONE (Europe/Berlin), n8n started under TZ=Asia/Kolkata",
		workflow: wf.instanceTimezone,
		env: { GENERIC_TIMEZONE: 'Europe/Berlin', TZ: 'Asia/Kolkata' },
		check(main, kore) {
			// 09:00 in Berlin is 08:00 UTC in winter (CET) and 07:00 UTC in summer (CEST).
			assert.deepEqual(
				[kore.scheduleCalls[0].body.startDateTime, kore.scheduleCalls[0].body.endDateTime],
				['2031-01-27 08:00:00', '2031-07-27 07:00:00'],
			);
			assert.equal(json(main[0])[0].timezone, 'Europe/Berlin');
		},
	},
	{
		name: 'bad item among good ones, "continue (regular output)"',
		workflow: wf.continueRegular,
		check(main, kore) {
			assert.deepEqual(kore.scheduleCalls.map((c) => c.query.campaignName).sort(), [
				'Good A',
				'Good B',
			]);
			const out = json(main[0]);
			assert.equal(out.length, 3);
			assert.equal(out[0].status, 'success');
			assert.deepEqual(Object.keys(out[1]), ['error']);
			assert.match(out[1].error?.message, /^Start Date & Time: could not read "27\/01\/2031"/);
			// The details survive n8n's handling of error items on the regular output.
			assert.equal(out[1].error?.campaignName, 'Bad date');
			assert.match(out[1].error?.description ?? '', /Fix the "startDateTime" parameter/);
			assert.equal(out[2].status, 'success');
			assert.deepEqual(paired(main[0]), [{ item: 0 }, { item: 1 }, { item: 2 }]);
		},
	},
	{
		name: 'bad item among good ones, "continue (using error output)"',
		workflow: wf.continueErrorOutput,
		check(main, kore) {
			assert.equal(kore.scheduleCalls.length, 2);
			assert.deepEqual(
				json(main[0]).map((o) => o.campaignName),
				['Good A', 'Good B'],
			);
			assert.deepEqual(paired(main[0]), [{ item: 0 }, { item: 2 }]);
			assert.equal(main[1]?.length, 1, 'one item on the error output');
			assert.match(main[1][0].json.error?.message, /could not read "27\/01\/2031"/);
			assert.equal(main[1][0].json.error?.campaignName, 'Bad date');
			assert.match(main[1][0].json.error?.description ?? '', /Fix the "startDateTime" parameter/);
			assert.deepEqual(main[1][0].pairedItem, { item: 1 });
		},
	},
	{
		name: 'credential in pasted-JWT mode',
		workflow: wf.jwtMode,
		check(main, kore, ctx) {
			assert.equal(kore.scheduleCalls[0].headers.auth, ctx.jwt);
			assert.equal(json(main[0])[0].status, 'success');
		},
	},
	{
		name: 'dry run sends nothing and redacts the token',
		workflow: wf.dryRun,
		check(main, kore) {
			assert.equal(kore.received.length, 0);
			const [out] = json(main[0]);
			assert.equal(out.dryRun, true);
			assert.equal(out.request.headers.auth, '[redacted]');
			assert.equal(
				out.request.url,
				`${kore.url}/campaign/api/v2/public/${KORE.botId}/campaign/schedule?enableSchedule=true&campaignName=Dry%20%26%20run`,
			);
		},
	},
	{
		name: 'nothing lost: 100 rows, 10 faults of mixed kinds, "continue (using error output)"',
		workflow: wf.hundredRows,
		setup(kore) {
			const faults = {
				3: { status: 400, body: { errors: [{ msg: 'bad window', code: 400 }] } },
				11: { status: 200, body: { status: 'failure', message: 'campaign locked' } },
				19: { status: 404, body: { status: 'failure', message: 'no such campaign' } },
				27: { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' },
				38: { status: 500, body: '' },
				46: { kind: 'reset' },
				55: { kind: 'hang' },
				67: { status: 429, body: { message: "You've exceeded the per-minute rate limit." } },
				79: { status: 401, body: { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] } },
				94: { status: 200, body: 'not json' },
			};
			for (const [row, fault] of Object.entries(faults)) kore.failFor(`Row ${row}`, fault);
			this.faultRows = Object.keys(faults).map(Number);
		},
		check(main, kore) {
			const good = main[0] ?? [];
			const bad = main[1] ?? [];
			assert.equal(good.length, 90, 'success output');
			assert.equal(bad.length, 10, 'error output');
			assert.deepEqual(
				bad.map((i) => i.pairedItem.item),
				this.faultRows,
			);
			assert.deepEqual(
				good.map((i) => i.pairedItem.item),
				Array.from({ length: 100 }, (_, i) => i).filter((i) => !this.faultRows.includes(i)),
			);
			const issued = new Map(
				kore.scheduleCalls
					.filter((c) => c.response?.id)
					.map((c) => [c.query.campaignName, c.response.id]),
			);
			for (const { json } of good) assert.equal(json.id, issued.get(json.campaignName));
			const reasons = Object.fromEntries(
				bad.map((i) => [i.pairedItem.item, i.json.error?.message]),
			);
			assert.match(reasons[46], /connection was closed before Kore.ai answered/);
			assert.match(reasons[55], /no answer came within 2 s/);
			assert.match(reasons[27], /HTTP 502 with an HTML page/);
			assert.match(reasons[79], /HTTP 401: Invalid SDK credentials/);
			for (const reason of Object.values(reasons))
				assert.ok(typeof reason === 'string' && reason.length > 20, `reason ${reason}`);
		},
	},
	{
		name: 'Start with Retry On Fail (3 tries), its answer lost: one start sent, the failure says so',
		workflow: wf.startWithRetryOnFail,
		expectFailure: true,
		setup(kore) {
			kore.failRoute('start', { kind: 'reset', apply: true });
		},
		check(_main, kore, ctx) {
			assert.equal(kore.startCalls.length, 1);
			assert.equal(kore.startsOf('Spring Promo 1 | Voice'), 1);
			assert.match(
				ctx.result.stdout + ctx.result.stderr,
				/Kore\.ai may have carried it out; it was not sent again/,
			);
		},
	},
	{
		name: "Kore failure fails the workflow with Kore's text",
		workflow: wf.failing,
		expectFailure: true,
		setup(kore) {
			kore.failNext({
				status: 200,
				body: { status: 'failure', message: 'Campaign is already completed' },
			});
		},
		check(_main, kore, ctx) {
			assert.equal(kore.scheduleCalls.length, 1);
			assert.match(
				ctx.result.stdout + ctx.result.stderr,
				/Kore.ai reported a failure: Campaign is already completed/,
			);
		},
	},
];

/** Every run of the Kore node in a run's data, in order (Loop Over Items runs it once per row). */
const allRuns = (run, nodeName) =>
	(run?.data?.resultData?.runData?.[nodeName] ?? []).flatMap((r) => r.data?.main?.[0] ?? []);

/** Each campaign name exactly once at the stand-in, all accepted, none rejected by the limit. */
function assertEachOnceWithinLimit(kore, names) {
	const received = kore.scheduleCalls.map((c) => c.query.campaignName).sort();
	assert.deepEqual(received, [...names].sort(), 'every row scheduled exactly once');
	assert.equal(
		kore.counters.rateLimited,
		0,
		`${kore.counters.rateLimited} calls rejected by the stand-in's limit`,
	);
	assert.ok(kore.scheduleCalls.every((c) => c.status === 200));
}

/** Cases of many runs on one account, at the scaled limit. */
const SHEET_ROWS = ['Spring Promo | Voice', 'Renewal reminders & SMS', 'Product Feedback | Jan 9'];

/** Every example workflow in examples/ (the trigger's is run through the editor's API below). */
const EXAMPLE_CASES = [
	{
		name: 'example schedule-campaigns-from-sheet, as shipped (Dry Run on): nothing sent',
		workflow: wf.EXAMPLES.sheet,
		node: 'Kore Campaign Schedule',
		check(main, kore) {
			assert.equal(kore.received.length, 0, 'Dry Run sent something to Kore.ai');
			const out = json(main[0]);
			assert.deepEqual(
				out.map((o) => [o.dryRun, o.campaignName]),
				SHEET_ROWS.map((name) => [true, name]),
			);
			assert.ok(
				out.every((o) => o.request),
				'a dry-run item without the request it describes',
			);
			assert.deepEqual(paired(main[0]), [{ item: 0 }, { item: 1 }, { item: 2 }]);
		},
	},
	{
		name: 'example schedule-campaigns-from-sheet, Dry Run off: three campaigns scheduled',
		workflow: wf.EXAMPLES.sheetLive,
		node: 'Kore Campaign Schedule',
		check(main, kore) {
			assert.deepEqual(
				kore.scheduleCalls.map((c) => c.query.campaignName),
				SHEET_ROWS,
			);
			assert.deepEqual(
				json(main[0]).map((o) => [o.campaignName, o.status, /^cd-/.test(o.id)]),
				SHEET_ROWS.map((name) => [name, 'success', true]),
			);
		},
	},
	{
		name: 'example leads-to-contact-list: list created, 3 leads added, the campaign started once',
		workflow: wf.EXAMPLES.leads,
		node: 'Start campaign',
		setup(kore) {
			kore.addCampaign({ name: 'Spring Promo | Voice', type: 'voice', status: 'Ready' });
		},
		check(main, kore, { result }) {
			assert.deepEqual(
				kore.createListCalls.map((c) => c.body.name),
				['Spring Promo leads'],
			);
			const added = json(h.nodeOutput(result.run, 'Add Contacts')?.[0]);
			assert.equal(added.length, 3);
			assert.ok(
				added.every((o) => !o.error),
				`Add Contacts failed: ${JSON.stringify(added.find((o) => o.error))}`,
			);
			assert.ok(kore.addContactsCalls.length >= 1);
			assert.equal(kore.startCalls.length, 1);
			assert.deepEqual(
				json(main[0]).map((o) => [o.name, o.status]),
				[['Spring Promo | Voice', 'Active']],
			);
		},
	},
	{
		name: 'example sheet-to-new-campaign: list, 3 leads, a voice campaign on it (Ready), started once by id',
		workflow: wf.EXAMPLES.newCampaign,
		node: 'Start campaign',
		setup(kore) {
			kore.addContactList({ name: 'Do Not Call' });
		},
		check(main, kore, { result }) {
			assert.deepEqual(
				kore.createListCalls.map((c) => c.body.name),
				['Summer leads'],
			);
			assert.equal(json(h.nodeOutput(result.run, 'Add Contacts')?.[0]).length, 3);
			assert.equal(kore.createCalls.length, 1);
			const body = kore.createCalls[0].body;
			assert.deepEqual(
				[body.name, body.contactLists, body.dncLists, kore.createCalls[0].query.campaignType],
				['Summer leads | Voice', ['Summer leads'], { name: 'Do Not Call' }, 'voice'],
			);
			const created = json(h.nodeOutput(result.run, 'Create campaign')?.[0]);
			assert.equal(created.length, 1);
			assert.equal(created[0].status, 'Ready');
			assert.equal(kore.startCalls.length, 1);
			assert.equal(kore.startsOf(created[0].id), 1);
			assert.deepEqual(
				json(main[0]).map((o) => [o.id, o.name, o.status]),
				[[created[0].id, 'Summer leads | Voice', 'Active']],
			);
		},
	},
];

const LIMIT_CASES = [
	{
		name: 'Loop Over Items, batch size 1, 24 rows: one pace for all iterations, 0 rejected, each row once',
		workflow: wf.loopOverItems,
		async run(n8n, userFolder, kore) {
			const result = await h.executeWorkflow(n8n, userFolder, wf.loopOverItems.id);
			assert.ok(
				result.ok,
				`n8n execute failed (exit ${result.code})\n${result.stdout.slice(-2000)}`,
			);
			const outputs = allRuns(result.run, 'Kore');
			assert.equal(outputs.length, 24);
			assert.ok(
				outputs.every((o) => o.json.status === 'success'),
				'every loop run scheduled its row',
			);
			assertEachOnceWithinLimit(
				kore,
				Array.from({ length: 24 }, (_, i) => `Loop row ${i}`),
			);
		},
	},
	{
		name: 'three executions at once in one n8n (executeBatch --concurrency=3), 8 rows each: 0 rejected, each row once',
		workflows: wf.batch,
		async run(n8n, userFolder, kore) {
			const summary = path.join(userFolder, 'batch-summary.json');
			const { code, stdout, stderr } = await h.runN8n(n8n, userFolder, [
				'executeBatch',
				`--ids=${wf.batch.map((w) => w.id).join(',')}`,
				'--concurrency=3',
				`--output=${summary}`,
			]);
			assert.equal(
				code,
				0,
				`executeBatch exited ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-1000)}`,
			);
			const report = JSON.parse(fs.readFileSync(summary, 'utf8'));
			assert.equal(
				report.summary?.successfulExecutions,
				3,
				`executeBatch summary: ${JSON.stringify(report.summary)}`,
			);
			assertEachOnceWithinLimit(
				kore,
				['A', 'B', 'C'].flatMap((p) => Array.from({ length: 8 }, (_, i) => `Batch ${p} row ${i}`)),
			);
		},
	},
];

const OWNER = { email: 'e2e@kore-stand-in.local', password: 'E2e-Local-Only-1' };

/** Starts n8n, signs in, and runs the credential test with good and bad values. */
async function checkCredentialTest(n8n, userFolder, kore) {
	// A free port: other steps of npm test run n8n beside this one.
	const server = await h.startN8nServer(n8n, userFolder, {
		port: await freePort(),
		env: h.ownerEnv(n8n, OWNER),
	});
	try {
		await h.setUpOwner(server.url, OWNER);
		const rest = await h.restSession(server.url, OWNER.email, OWNER.password);
		const data = credentialData(KORE, `${kore.url}/`);
		const test = async (over) => {
			const res = await rest('/rest/credentials/test', {
				method: 'POST',
				body: {
					credentials: {
						id: wf.CREDENTIALS.clientCredentials.id,
						name: 'test',
						type: 'koreAiApi',
						data: { ...data, ...over },
					},
				},
			});
			assert.ok(
				res.json?.data,
				`credential test answered HTTP ${res.status}: ${JSON.stringify(res.json)}`,
			);
			return res.json.data;
		};
		assert.deepEqual(await test({}), { status: 'OK', message: 'Connection successful!' });
		const list = kore.received.find((r) => r.path.endsWith('/getAllCampaignDetails'));
		assert.ok(list, 'the stand-in received no list call');
		assert.equal(list.status, 200);
		assert.deepEqual(list.query, { accountId: KORE.accountId });
		const wrong = await test({ clientSecret: 'not-the-secret' });
		assert.equal(wrong.status, 'Error');
		// n8n 2.x gives the answer's status text; 1.x its NodeApiError text for HTTP 401.
		assert.match(
			wrong.message,
			/Unauthorized|401|Authorization failed - please check your credentials/,
		);
		assert.ok(
			!JSON.stringify(wrong).includes('not-the-secret'),
			'the secret appears in the test result',
		);
		const empty = await test({ accountId: '' });
		assert.match(empty.message, /Account ID is empty/);

		// The campaign picker (From List), as the editor asks for it.
		const search = async (filter, paginationToken) => {
			const res = await rest('/rest/dynamic-node-parameters/resource-locator-results', {
				method: 'POST',
				body: {
					path: 'parameters.campaignName',
					nodeTypeAndVersion: { name: h.NODE_TYPE, version: 1.1 },
					currentNodeParameters: {
						operation: 'schedule',
						campaignName: { __rl: true, mode: 'list', value: '' },
					},
					methodName: 'searchCampaigns',
					credentials: {
						koreAiApi: {
							id: wf.CREDENTIALS.clientCredentials.id,
							name: wf.CREDENTIALS.clientCredentials.name,
						},
					},
					...(filter !== undefined ? { filter } : {}),
					...(paginationToken !== undefined ? { paginationToken } : {}),
				},
			});
			assert.ok(
				res.json?.data?.results,
				`list search answered HTTP ${res.status}: ${JSON.stringify(res.json)}`,
			);
			return res.json.data;
		};
		const all = await search();
		assert.equal(all.results.length, kore.campaigns.length);
		assert.deepEqual(
			all.results.find((r) => r.value === 'Renewal Reminder | SMS'),
			{ name: 'Renewal Reminder | SMS · SMS · Scheduled', value: 'Renewal Reminder | SMS' },
		);
		const sms = await search('| sms');
		assert.deepEqual(
			sms.results.map((r) => r.value),
			['Renewal Reminder | SMS', 'Spring Promo | SMS', 'Survey | SMS', 'Winback | SMS'],
		);

		// The contact list picker (Add Contacts, From List): every list in one answer.
		const lists = await rest('/rest/dynamic-node-parameters/resource-locator-results', {
			method: 'POST',
			body: {
				path: 'parameters.contactList',
				nodeTypeAndVersion: { name: h.NODE_TYPE, version: 1.1 },
				currentNodeParameters: {
					resource: 'contactList',
					operation: 'addContacts',
					contactList: { __rl: true, mode: 'list', value: '' },
				},
				methodName: 'searchContactLists',
				credentials: {
					koreAiApi: {
						id: wf.CREDENTIALS.clientCredentials.id,
						name: wf.CREDENTIALS.clientCredentials.name,
					},
				},
				filter: 'LEADS',
			},
		});
		assert.deepEqual(lists.json?.data, {
			results: [{ name: 'Spring Leads · 3 contacts · Ready', value: 'Spring Leads' }],
		});
		return { server, rest };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/**
 * The example campaign-completed-to-sheet, run as the editor's "Execute workflow" runs it: the
 * trigger fetches the newest completed voice campaign, Get Contact Results reads its contacts
 * (up to the Google Sheets node, which needs the user's own sheet).
 */
async function runTriggerExample(n8n, rest, kore) {
	const flatted = require(path.join(n8n.dir, 'n8n/node_modules/flatted'));
	const workflow = wf.EXAMPLES.completed;
	const started = await rest(`/rest/workflows/${workflow.id}/run`, {
		method: 'POST',
		body: {
			triggerToStartFrom: { name: 'Kore Campaign Trigger' },
			destinationNode: { nodeName: 'Get Contact Results', mode: 'inclusive' },
		},
	});
	const executionId = started.json?.data?.executionId;
	assert.ok(
		executionId,
		`manual run answered HTTP ${started.status}: ${JSON.stringify(started.json)}`,
	);
	let execution;
	for (let i = 0; i < 120; i++) {
		execution = (await rest(`/rest/executions/${executionId}`)).json?.data;
		if (execution?.finished || ['success', 'error', 'crashed'].includes(execution?.status)) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	assert.equal(execution?.status, 'success', `execution ${executionId}: ${execution?.status}`);
	const run = { data: flatted.parse(execution.data) };
	const [campaign] = json(h.nodeOutput(run, 'Kore Campaign Trigger')?.[0]);
	assert.ok(campaign, 'the trigger fetched no campaign');
	assert.deepEqual([campaign.type, campaign.status], ['voice', 'Completed']);
	const results = json(h.nodeOutput(run, 'Get Contact Results')?.[0]);
	assert.ok(results.length > 0, 'Get Contact Results gave no contact');
	assert.ok(
		kore.resultsCalls.every((c) => c.path.includes(campaign.id)),
		'contact results read for another campaign',
	);
}

async function main() {
	const started = Date.now();
	const n8n = h.ensureN8n();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-e2e-'));
	const kore = await startKoreStandIn({ ...KORE });
	let passed = 0;
	let failed = 0;
	try {
		const tarball = h.packPackage(work);
		const userFolder = h.makeInstance(tarball, path.join(work, 'n8n'));
		const jwt = pastedJwt();
		const data = { host: kore.url, accountId: KORE.accountId, botId: KORE.botId };
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(
				wf.CREDENTIALS.clientCredentials.id,
				wf.CREDENTIALS.clientCredentials.name,
				credentialData(KORE, kore.url),
			),
			h.credentialRecord(wf.CREDENTIALS.jwt.id, wf.CREDENTIALS.jwt.name, {
				...data,
				authMode: 'jwt',
				jwt,
			}),
		]);
		await h.importWorkflows(n8n, userFolder, [
			...CASES.map((c) => c.workflow),
			...EXAMPLE_CASES.map((c) => c.workflow),
			wf.EXAMPLES.completed,
			...LIMIT_CASES.flatMap((c) => c.workflows ?? [c.workflow]),
		]);
		console.log(
			`e2e: n8n ${n8n.version}, package installed from ${path.basename(tarball)}, stand-in at ${kore.url}`,
		);

		for (const c of [...CASES, ...EXAMPLE_CASES]) {
			kore.reset();
			c.setup?.(kore);
			const t0 = Date.now();
			const result = await h.executeWorkflow(n8n, userFolder, c.workflow.id, c.env);
			try {
				if (c.expectFailure) {
					assert.equal(
						result.code,
						1,
						`n8n execute should exit 1 for a failing workflow, exited ${result.code}`,
					);
				} else {
					assert.ok(result.ok, `n8n execute failed (exit ${result.code})`);
					assert.equal(result.run.status, 'success', `execution status ${result.run.status}`);
				}
				const main = h.nodeOutput(result.run, c.node ?? 'Kore') ?? [];
				if (!c.expectFailure)
					assert.ok(
						main.length > 0,
						`"${c.node ?? 'Kore'}" produced no output (node type missing?)`,
					);
				c.check(main, kore, { jwt, result });
				passed++;
				console.log(`  ✓ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
			} catch (error) {
				failed++;
				console.log(`  ✗ ${c.name}\n    ${String(error.message).split('\n').join('\n    ')}`);
				console.log(
					`    n8n exit ${result.code}${result.signal ? ` (signal ${result.signal})` : ''}; stdout (tail):\n${result.stdout.slice(-3000)}\n    stderr (tail):\n${result.stderr.slice(-2000)}`,
				);
			}
		}
		for (const c of LIMIT_CASES) {
			kore.reset();
			kore.setRateLimit(wf.SCALED_LIMIT.calls, wf.SCALED_LIMIT.windowMs);
			const t0 = Date.now();
			try {
				await c.run(n8n, userFolder, kore);
				passed++;
				console.log(`  ✓ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
			} catch (error) {
				failed++;
				console.log(`  ✗ ${c.name}\n    ${String(error.message).split('\n').join('\n    ')}`);
			}
		}
		kore.setRateLimit(0);
		// The credential's Test button, through the REST API of a running n8n.
		kore.reset();
		const t0 = Date.now();
		let server;
		let rest;
		try {
			({ server, rest } = await checkCredentialTest(n8n, userFolder, kore));
			passed++;
			console.log(
				`  ✓ the editor's calls through n8n's REST API: credential Test button, campaign and contact list pickers (From List) (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
			);
		} catch (error) {
			failed++;
			console.log(`  ✗ credential test\n    ${String(error.message).split('\n').join('\n    ')}`);
		}
		// The trigger's example, in the same running n8n.
		if (server) {
			kore.reset();
			const t1 = Date.now();
			try {
				await runTriggerExample(n8n, rest, kore);
				passed++;
				console.log(
					`  ✓ example campaign-completed-to-sheet, run from the trigger as the editor runs it (${((Date.now() - t1) / 1000).toFixed(1)} s)`,
				);
			} catch (error) {
				failed++;
				console.log(
					`  ✗ example campaign-completed-to-sheet\n    ${String(error.message).split('\n').join('\n    ')}`,
				);
			} finally {
				await server.stop();
			}
		}
	} finally {
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	if (failed > 0 || passed !== CASES.length + EXAMPLE_CASES.length + LIMIT_CASES.length + 2)
		process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
