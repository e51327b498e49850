/**
 * Issue 23: Get, Start, Stop and Get Contact Results through n8n's real engine against the
 * stand-in — the campaign From List, By Name or By ID; voice and SMS; the name looked up once per
 * run; dry run; Continue on Fail; and a start never sent twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { RATE_LIMIT_MESSAGE, runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

/** Index n of this list gets the stand-in id cd-00000{n+1}-standin (voice) or sms-… (SMS). */
const CAMPAIGNS = [
	{ name: 'Spring | Voice', type: 'voice', status: 'Ready', contacts: 230 },
	{ name: 'Renewal | SMS', type: 'sms', status: 'Ready' },
	{ name: 'Twin', type: 'voice', status: 'Ready' },
	{ name: 'Twin', type: 'sms', status: 'Paused' },
	{ name: 'Few | Voice', type: 'voice', status: 'Stopped', contacts: 3 },
];
const VOICE = { id: 'cd-000001-standin', name: 'Spring | Voice' };
const SMS = { id: 'sms-000002-standin', name: 'Renewal | SMS' };
const FEW = { id: 'cd-000005-standin', name: 'Few | Voice' };

const kore = useKoreStandIn({ campaigns: CAMPAIGNS });

type Mode = 'list' | 'name' | 'id';
/** The Campaign field as the editor saves it in each mode. */
function campaign(mode: Mode, target: { id: string; name: string }): IDataObject {
	if (mode === 'id') return { __rl: true, mode, value: target.id };
	if (mode === 'name') return { __rl: true, mode, value: target.name };
	return { __rl: true, mode, value: target.name, cachedResultName: `${target.name} · …` };
}

const params = (
	operation: string,
	campaignName: IDataObject | string,
	extra: IDataObject = {},
): IDataObject => ({
	resource: 'campaign',
	operation,
	campaignName,
	...extra,
	options: { requestsPerMinute: 0, ...((extra.options as IDataObject) ?? {}) },
});

const run = (
	parameters: Parameters<typeof runNode>[0]['parameters'],
	more: Partial<Parameters<typeof runNode>[0]> = {},
) => runNode({ parameters, credentials: clientCredentials(kore), ...more });

const MODES: Mode[] = ['list', 'name', 'id'];
const CHANNELS = [
	['voice', VOICE],
	['sms', SMS],
] as const;

describe('Get', () => {
	describe.each(MODES)('%s', (mode) => {
		it.each(CHANNELS)('%s: the campaign with the details Kore returns', async (type, target) => {
			const out = await run(params('get', campaign(mode, target)));
			expect(out).toHaveLength(1);
			expect(out[0].pairedItem).toEqual({ item: 0 });
			expect(out[0].json).toMatchObject({
				id: target.id,
				name: target.name,
				type,
				status: 'Ready',
				priority: '3',
				isSchedulingEnabled: false,
				isRecurrenceEnabled: false,
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
				description: `${target.name} (stand-in)`,
			});
			expect(Object.keys(out[0].json).slice(0, 9)).toEqual([
				'id',
				'name',
				'type',
				'status',
				'priority',
				'isSchedulingEnabled',
				'isRecurrenceEnabled',
				'createdAt',
				'updatedAt',
			]);
			if (type === 'voice') {
				expect(out[0].json).toMatchObject({
					dialingMode: 'Progressive',
					dialingStrategy: expect.any(Object),
					contactLists: [],
				});
			} else expect(out[0].json).toMatchObject({ format: 'text' });
			// By ID the GET is the only call; by name the list is walked once (voice, then SMS).
			expect(kore.getCalls).toHaveLength(1);
			expect(kore.listCalls).toHaveLength(mode === 'id' ? 0 : 2);
		});
	});

	it('node version 1: the text field is a name', async () => {
		const out = await run(params('get', SMS.name), { typeVersion: 1 });
		expect(out[0].json).toMatchObject({ id: SMS.id, type: 'sms' });
	});

	it('an id Kore does not know: its 404 text, the item named', async () => {
		const error = await runNodeExpectingError({
			parameters: params('get', campaign('id', { id: 'cd-nope', name: '' })),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'Reading campaign cd-nope: Kore.ai answered HTTP 404: Campaign cd-nope not found',
		);
		expect(error.description).toMatch(/^Kore\.ai has no campaign with this ID/);
	});

	it('an answer about another campaign is a failure with Kore text', async () => {
		kore.failRoute('get', {
			status: 200,
			body: { status: 'success', message: 'ok', data: { _id: 'cd-other', name: 'Other' } },
		});
		const error = await runNodeExpectingError({
			parameters: params('get', campaign('id', VOICE)),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			`Reading campaign ${VOICE.id}: Kore.ai answered without campaign ${VOICE.id} (it answered with "cd-other"): ok`,
		);
	});

	it("an answer that shows no channel: the campaign list tells it (the run's one walk)", async () => {
		kore.failRoute('get', {
			status: 200,
			body: { status: 'success', data: { _id: SMS.id, name: SMS.name, status: 'Ready' } },
		});
		const out = await run(params('get', campaign('id', SMS)));
		expect(out[0].json).toMatchObject({ id: SMS.id, type: 'sms' });
		expect(kore.listCalls.map((c: { body: IDataObject }) => c.body.type)).toEqual(['voice', 'sms']);
	});
});

describe('Start and Stop', () => {
	describe.each(MODES)('%s', (mode) => {
		it.each(CHANNELS)('%s: Start starts it once, with Kore’s answer', async (type, target) => {
			const out = await run(params('start', campaign(mode, target)));
			expect(out).toEqual([
				{
					json: {
						id: target.id,
						name: target.name,
						type,
						status: 'Active',
						message: 'Campaign Started',
						campaignInstanceId: expect.stringMatching(/^cid-/),
						updatedAt: expect.any(String),
						callSentByItem: 0,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(kore.startsOf(target.id)).toBe(1);
			expect(kore.startCalls).toHaveLength(1);
			expect(kore.startCalls[0].query).toEqual({ campaignType: type, trigger: 'play' });
			expect(kore.startCalls[0].body).toEqual({});
			expect(kore.findCampaign(target.id).record.status).toBe('Active');
			// By ID: one GET finds name and channel; by name: the list, no GET.
			expect(kore.getCalls).toHaveLength(mode === 'id' ? 1 : 0);
			expect(kore.listCalls).toHaveLength(mode === 'id' ? 0 : 2);
		});

		it.each(CHANNELS)('%s: Stop stops it', async (type, target) => {
			const out = await run(params('stop', campaign(mode, target)));
			expect(out[0].json).toMatchObject({
				id: target.id,
				name: target.name,
				type,
				status: 'Stopped',
				message: 'Campaign Stopped',
			});
			expect(kore.stopsOf(target.id)).toBe(1);
			expect(kore.stopCalls[0].query).toEqual({ campaignType: type, trigger: 'stop' });
			expect(kore.findCampaign(target.id).record.status).toBe('Stopped');
		});
	});

	it('a start that hangs is sent once (Timeout 2 s, Max Retries 3): the error says the campaign may have started', async () => {
		kore.failRoute('start', { kind: 'hang' });
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('id', VOICE), {
				options: { timeout: 2, maxRetries: 3 },
			}),
			credentials: clientCredentials(kore),
		});
		expect(kore.startCalls).toHaveLength(1);
		expect(error.message).toMatch(
			/^Starting voice campaign "Spring \| Voice": .*no answer came within 2 s\. Kore\.ai may have carried it out$/,
		);
		expect(error.description).toMatch(
			/^The campaign may have started\. Check it with the Get operation \(status Active\) before starting it again/,
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('a start that took effect and lost its answer (reset) is not sent again: one start recorded', async () => {
		kore.failRoute('start', { kind: 'reset', apply: true });
		const out = await run(
			params('start', campaign('name', VOICE), { options: { maxRetries: 3 } }),
			{
				continueOnFail: true,
			},
		);
		expect(kore.startCalls).toHaveLength(1);
		expect(kore.startsOf(VOICE.id)).toBe(1);
		expect(out).toHaveLength(1);
		expect((out[0].json.error as IDataObject).message).toMatch(/Kore\.ai may have carried it out$/);
		expect((out[0].json.error as IDataObject).description).toMatch(
			/^The campaign may have started/,
		);
	});

	it('a start answered 429 once is retried: one campaign start recorded', async () => {
		kore.failRoute('start', {
			status: 429,
			body: { status: 'failure', message: RATE_LIMIT_MESSAGE },
			headers: { 'retry-after': '1' },
		});
		const out = await run(params('start', campaign('id', VOICE)));
		expect(out[0].json.status).toBe('Active');
		expect(kore.startCalls.map((c: { status: number }) => c.status)).toEqual([429, 200]);
		expect(kore.startsOf(VOICE.id)).toBe(1);
	});

	it('a start answered by a gateway error (502) is not sent again: Kore may have acted', async () => {
		kore.failRoute('start', { status: 502, body: 'Bad Gateway' });
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('id', VOICE), { options: { maxRetries: 3 } }),
			credentials: clientCredentials(kore),
		});
		expect(kore.startCalls).toHaveLength(1);
		expect(error.message).toMatch(
			/^Starting voice campaign "Spring \| Voice": Kore\.ai answered HTTP 502/,
		);
		expect(error.description).toMatch(/^The campaign may have started/);
	});

	it('a stop that times out is safe to repeat: retried, the campaign stopped', async () => {
		kore.failRoute('stop', { kind: 'hang' });
		const out = await run(
			params('stop', campaign('id', VOICE), { options: { timeout: 1, maxRetries: 1 } }),
		);
		expect(out[0].json.status).toBe('Stopped');
		expect(kore.stopCalls).toHaveLength(2);
	});

	it.each([
		[
			'without a status',
			{ message: 'Campaign queued' },
			`Starting voice campaign "Spring | Voice": Kore.ai answered without the campaign's new status: Campaign queued`,
		],
		[
			'with another status',
			{ status: 'Paused', message: 'Campaign is paused' },
			'Starting voice campaign "Spring | Voice": Kore.ai answered without status "Active" (it answered status "Paused"): Campaign is paused',
		],
		[
			'for another campaign',
			{ status: 'Active', message: 'Campaign Started', campaignId: 'cd-other' },
			`Starting voice campaign "Spring | Voice": Kore.ai answered without the id of campaign ${VOICE.id} (it named "cd-other" instead): Campaign Started`,
		],
		[
			'"success" (not how Kore answers a start)',
			{ status: 'success', message: 'ok' },
			'Starting voice campaign "Spring | Voice": Kore.ai answered without status "Active" (it answered status "success"): ok',
		],
	])('an answer %s is a failure with Kore’s text', async (_label, body, message) => {
		kore.failRoute('start', { status: 200, body });
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('id', VOICE)),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(message);
		expect(error.description).toMatch(/^The campaign may have started/);
		expect(kore.startCalls).toHaveLength(1);
	});

	it('Kore refusing a start (HTTP 400): its text, not retried', async () => {
		kore.failRoute('start', {
			status: 400,
			body: { status: 'failure', message: 'Campaign is in Preparing state' },
		});
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('name', VOICE)),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'Starting voice campaign "Spring | Voice": Kore.ai answered HTTP 400: Campaign is in Preparing state',
		);
		expect(error.description).toMatch(/^Kore\.ai did not start the campaign/);
		expect(kore.startCalls).toHaveLength(1);
	});
});

describe('Get Contact Results', () => {
	it.each(MODES)('%s: 230 contacts come out as 230 items over 3 pages of 100', async (mode) => {
		const out = await run(params('getResults', campaign(mode, VOICE), { returnAll: true }));
		expect(out).toHaveLength(230);
		expect(kore.resultsCalls.map((c: { body: IDataObject }) => c.body)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
			{ page: 3, limit: 100 },
		]);
		expect(kore.resultsCalls[0].query).toEqual({ view: 'contacts' });
		expect(new Set(out.map((o) => o.json.uniqueId)).size).toBe(230);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
		expect(out[3].json).toEqual({
			campaignId: VOICE.id,
			campaignName: VOICE.name,
			phoneNumber: '+15550000003',
			uniqueId: `${VOICE.id}-contact-4`,
			dialerOutcome: 'Answered',
			attempts: 1,
			botOutboundStatus: 'Completed',
			botOutboundStatusDetail: 'Transferred to an agent',
			agentDispositionCodes: ['Interested', 'Callback'],
			botSessionId: 'bs-000004-standin',
		});
	});

	it('Limit 10: 10 items, one call asking for 10', async () => {
		const out = await run(params('getResults', campaign('id', VOICE), { limit: 10 }));
		expect(out).toHaveLength(10);
		expect(kore.resultsCalls.map((c: { body: IDataObject }) => c.body)).toEqual([
			{ page: 1, limit: 10 },
		]);
	});

	it('Limit 150: two pages of 100, the second cut to 50', async () => {
		const out = await run(params('getResults', campaign('name', VOICE), { limit: 150 }));
		expect(out).toHaveLength(150);
		expect(kore.resultsCalls).toHaveLength(2);
	});

	it('a campaign with fewer contacts than a page: one call', async () => {
		const out = await run(params('getResults', campaign('list', FEW), { returnAll: true }));
		expect(out).toHaveLength(3);
		expect(kore.resultsCalls).toHaveLength(1);
	});

	it.each(MODES)('%s: an SMS campaign is refused before any results call', async (mode) => {
		const error = await runNodeExpectingError({
			parameters: params('getResults', campaign(mode, SMS), { returnAll: true }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'"Renewal | SMS" is an SMS campaign: Kore.ai offers per-contact results for voice campaigns only.',
		);
		expect(kore.resultsCalls).toHaveLength(0);
	});

	it('a failure after some pages keeps them: with Continue on Fail they come out before the error item', async () => {
		kore.failRoute('results', { status: 200, body: { status: 'success', data: {} } });
		const first = await run(params('getResults', campaign('id', VOICE), { returnAll: true }), {
			continueOnFail: true,
		});
		expect(first).toHaveLength(1);
		expect((first[0].json.error as IDataObject).message).toBe(
			'Contact results of voice campaign "Spring | Voice", page 1: Kore.ai answered without contact results (data.results)',
		);
		kore.reset();
		const page = (n: number) => ({
			status: 200,
			body: {
				status: 'success',
				data: {
					results: Array.from({ length: 100 }, (_, i) => ({ uniqueId: `u${n}-${i}` })),
					totalPages: 3,
				},
			},
		});
		kore.failRoute('results', page(1), { status: 500, body: { message: 'boom' } });
		const out = await run(
			params('getResults', campaign('id', VOICE), {
				returnAll: true,
				options: { maxRetries: 0 },
			}),
			{ continueOnFail: true },
		);
		expect(out).toHaveLength(101);
		expect(out[99].json.uniqueId).toBe('u1-99');
		expect((out[100].json.error as IDataObject).message).toBe(
			'Contact results of voice campaign "Spring | Voice", page 2: Kore.ai answered HTTP 500: boom',
		);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
	});
});

describe('Get Contact Results read whole or not at all', () => {
	const uniqueIds = (out: Array<{ json: IDataObject }>) => out.map((o) => o.json.uniqueId);
	const allOf = (n: number) => Array.from({ length: n }, (_, i) => `${VOICE.id}-contact-${i + 1}`);
	const pages = () => kore.resultsCalls.map((c: { body: IDataObject }) => c.body.page);

	it('an empty page before Kore’s totalPages: the walk goes on, all 230 read', async () => {
		kore.setResultsFaults({ emptyPages: [2] });
		const out = await run(params('getResults', campaign('id', VOICE), { returnAll: true }));
		expect(uniqueIds(out)).toEqual(allOf(230));
		expect(pages()).toEqual([1, 2, 3, 4]);
	});

	it('empty pages up to a huge totalPages: the walk stops at its bound of 1,000 pages', async () => {
		kore.setResultsFaults({ emptyPages: Array.from({ length: 2_000 }, (_, i) => i + 2) });
		const error = await runNodeExpectingError({
			parameters: params('getResults', campaign('id', VOICE), { returnAll: true }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/the node stops there/);
		expect(pages()).toHaveLength(1_000);
	});

	it('fewer contacts than Kore’s totalResults: the item fails "read 200 of 230"', async () => {
		kore.setResultsFaults({ withheld: 30 });
		const error = await runNodeExpectingError({
			parameters: params('getResults', campaign('id', VOICE), { returnAll: true }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'Contact results of voice campaign "Spring | Voice": read 200 of 230, as Kore.ai\'s pages ended before every contact it counts came back.',
		);
		expect(error.description).toMatch(
			/^The node returns the results whole or not at all\. Run it again/,
		);
		expect(pages()).toEqual([1, 2, 3]);
	});

	it('with Continue on Fail the 200 read come out first, then the error item', async () => {
		kore.setResultsFaults({ withheld: 30 });
		const out = await run(params('getResults', campaign('name', VOICE), { returnAll: true }), {
			continueOnFail: true,
		});
		expect(out).toHaveLength(201);
		expect(uniqueIds(out.slice(0, 200))).toEqual(allOf(200));
		expect((out[200].json.error as IDataObject).message).toMatch(/: read 200 of 230, /);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('a Limit reached is no failure; a Limit beyond what came back is', async () => {
		kore.setResultsFaults({ withheld: 30 });
		const limited = await run(params('getResults', campaign('id', VOICE), { limit: 150 }));
		expect(uniqueIds(limited)).toEqual(allOf(150));
		const error = await runNodeExpectingError({
			parameters: params('getResults', campaign('id', VOICE), { limit: 250 }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/: read 200 of 230, /);
	});

	it('a contact handed out on two pages comes out once', async () => {
		kore.setResultsFaults({ overlap: 1 });
		const out = await run(params('getResults', campaign('id', VOICE), { returnAll: true }));
		expect(uniqueIds(out)).toEqual(allOf(230));
		expect(pages()).toEqual([1, 2, 3]);
	});

	it('contacts without a uniqueId cannot be told apart: each is kept', async () => {
		const page = (results: IDataObject[]) => ({
			status: 200,
			body: { status: 'success', data: { results, totalPages: 2, totalResults: 3 } },
		});
		const plain = { phoneNumber: '+15550000001' };
		kore.failRoute('results', page([plain, { uniqueId: 'u1' }]), page([plain, { uniqueId: 'u1' }]));
		const out = await run(params('getResults', campaign('id', VOICE), { returnAll: true }));
		expect(out.map((o) => [o.json.phoneNumber, o.json.uniqueId])).toEqual([
			['+15550000001', ''],
			['', 'u1'],
			['+15550000001', ''],
		]);
	});
});

describe('finding the campaign', () => {
	it('a name is looked up once per run: five items, three names, one walk of the list', async () => {
		const names = [VOICE.name, SMS.name, VOICE.name, FEW.name, SMS.name];
		const out = await run(
			(i: number) => params('get', campaign('name', { id: '', name: names[i] })),
			{
				items: names.map((name) => ({ json: { name } })),
			},
		);
		expect(out.map((o) => o.json.name)).toEqual(names);
		expect(out.map((o) => o.pairedItem)).toEqual(names.map((_, item) => ({ item })));
		expect(kore.listCalls.map((c: { body: IDataObject }) => c.body.type)).toEqual(['voice', 'sms']);
		expect(kore.getCalls).toHaveLength(5);
	});

	it('an id is read once per run: Stop twice By ID makes one GET (and one stop, both items sharing it)', async () => {
		const out = await run(() => params('stop', campaign('id', VOICE)), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(out.map((o) => o.json.status)).toEqual(['Stopped', 'Stopped']);
		expect(out.map((o) => o.json.callSentByItem)).toEqual([0, 0]);
		expect(kore.getCalls).toHaveLength(1);
		expect(kore.stopCalls).toHaveLength(1);
	});

	it('an unknown name: an item error naming it, and a name differing only in case is offered', async () => {
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('name', { id: '', name: 'spring | voice' })),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe('No voice or SMS campaign in Kore.ai is named "spring | voice".');
		expect(error.description).toBe(
			'Names must match exactly; Kore.ai has "Spring | Voice". Pick the campaign From List, or give it By ID.',
		);
		expect(error.context.itemIndex).toBe(0);
		expect(kore.startCalls).toHaveLength(0);
	});

	it('two campaigns with one name: an error listing their ids, asking for By ID; nothing started', async () => {
		const error = await runNodeExpectingError({
			parameters: params('start', campaign('list', { id: '', name: 'Twin' })),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'2 campaigns in Kore.ai are named "Twin": cd-000003-standin (voice, Ready), sms-000004-standin (SMS, Paused).',
		);
		expect(error.description).toMatch(/Set Campaign to By ID/);
		expect(kore.startCalls).toHaveLength(0);
	});

	it('Continue on Fail: each item its own outcome, in order, paired; a failed lookup fails every item that shared it', async () => {
		const names = [VOICE.name, 'Nope', 'Twin', SMS.name];
		const out = await run(
			(i: number) => params('start', campaign('name', { id: '', name: names[i] })),
			{
				items: names.map(() => ({ json: {} })),
				continueOnFail: true,
			},
		);
		expect(
			out.map((o) => [o.pairedItem, o.json.status ?? (o.json.error as IDataObject).message]),
		).toEqual([
			[{ item: 0 }, 'Active'],
			[{ item: 1 }, 'No voice or SMS campaign in Kore.ai is named "Nope".'],
			[{ item: 2 }, expect.stringMatching(/^2 campaigns in Kore\.ai are named "Twin"/)],
			[{ item: 3 }, 'Active'],
		]);
		expect(kore.startCalls).toHaveLength(2);

		kore.reset();
		kore.failRoute('list', {
			status: 403,
			body: { errors: [{ msg: 'Access denied', code: 403 }] },
		});
		const failed = await run(
			(i: number) => params('stop', campaign('name', { id: '', name: [VOICE.name, SMS.name][i] })),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(failed.map((o) => [o.pairedItem, (o.json.error as IDataObject).message])).toEqual([
			[{ item: 0 }, 'Listing voice campaigns, page 1: Kore.ai answered HTTP 403: Access denied'],
			[{ item: 1 }, 'Listing voice campaigns, page 1: Kore.ai answered HTTP 403: Access denied'],
		]);
		expect(kore.listCalls).toHaveLength(1);
	});

	it('an empty By ID is refused naming the field, nothing sent', async () => {
		const error = await runNodeExpectingError({
			parameters: params('start', { __rl: true, mode: 'id', value: '={{ "  " }}' }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/^Campaign ID is empty/);
		expect(kore.received).toHaveLength(0);
	});
});

describe('Dry Run', () => {
	it.each([
		[
			'get',
			'name',
			'GET',
			`/campaign/api/v2/public/{bot}/campaign/${VOICE.id}?accountId={account}`,
			undefined,
		],
		[
			'start',
			'id',
			'POST',
			`/campaign/api/v1/public/{bot}/campaign/${VOICE.id}?campaignType=voice&trigger=play`,
			{},
		],
		[
			'stop',
			'list',
			'POST',
			`/campaign/api/v1/public/{bot}/campaign/${VOICE.id}?campaignType=voice&trigger=stop`,
			{},
		],
		[
			'getResults',
			'id',
			'POST',
			`/campaign/api/v2/public/{bot}/campaign/${VOICE.id}/status?view=contacts`,
			{ page: 1, limit: 100 },
		],
	] as const)(
		'%s (%s): the exact request, token redacted; only read-only lookups are sent',
		async (operation, mode, method, path, body) => {
			const out = await run(
				params(operation, campaign(mode, VOICE), {
					returnAll: true,
					options: { dryRun: true },
				}),
			);
			const request = out[0].json.request as IDataObject;
			const credentials = clientCredentials(kore);
			expect(out[0].json).toMatchObject({ dryRun: true, operation, id: VOICE.id });
			expect(request.method).toBe(method);
			expect(request.url).toBe(
				`${kore.url}${path.replace('{bot}', String(credentials.botId)).replace('{account}', kore.accountId)}`,
			);
			expect(request.body).toEqual(body);
			expect((request.headers as IDataObject).auth).toBe('[redacted]');
			expect(JSON.stringify(out)).not.toContain(String(credentials.clientSecret));
			expect(kore.startCalls.length + kore.stopCalls.length + kore.resultsCalls.length).toBe(0);
			expect(
				kore.received.every((r: { route: string }) => r.route === 'list' || r.route === 'get'),
			).toBe(true);
		},
	);

	it('Get By ID: nothing sent at all; Start of an SMS campaign by name shows its channel', async () => {
		const get = await run(params('get', campaign('id', SMS), { options: { dryRun: true } }));
		expect(get[0].json).toMatchObject({ dryRun: true, operation: 'get', id: SMS.id });
		expect(kore.received).toHaveLength(0);
		const start = await run(params('start', campaign('name', SMS), { options: { dryRun: true } }));
		expect(start[0].json).toMatchObject({ id: SMS.id, name: SMS.name, type: 'sms' });
		expect(String((start[0].json.request as IDataObject).url)).toMatch(
			/campaignType=sms&trigger=play$/,
		);
		expect(kore.startsOf(SMS.id)).toBe(0);
	});
});
