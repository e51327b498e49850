/**
 * The campaign picker (node version 1.1) and Get Many, against the stand-in's
 * getAllCampaignDetails (one channel per call, limit/skip/page, hasMore, status filter).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { runNode, searchCampaignList } from '../../dev/engine';
import { clientCredentials, WINDOW } from '../../dev/fixtures';
import { KoreCampaignSchedule } from '../../nodes/KoreCampaign/KoreCampaignSchedule.node';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();
/** 120 voice campaigns (three pages of 50) and 3 SMS ones. */
const MANY = [
	...Array.from({ length: 120 }, (_, i) => ({
		name: `Bulk ${String(i).padStart(3, '0')}`,
		type: 'voice',
		status: i % 2 === 0 ? 'Ready' : 'Paused',
	})),
	{ name: 'Text A', type: 'sms', status: 'Ready' },
	{ name: 'Text B', type: 'sms', status: 'Stopped' },
	{ name: 'Text C', type: 'sms', status: 'Ready' },
];
const many = useKoreStandIn({ campaigns: MANY });

const getMany = (extra: IDataObject = {}) => ({
	operation: 'getMany',
	...extra,
	options: { requestsPerMinute: 0 },
});
/** A list answer as Kore gives it, for a stand-in fault: these records, and whether more follow. */
const listAnswer = (results: IDataObject[], hasMore: boolean) => ({
	status: 200,
	body: {
		status: 'success',
		message: 'Campaigns fetched successfully',
		data: { results, hasMore },
	},
});
const bodies = (standIn: typeof kore) =>
	standIn.listCalls.map((c: { body: IDataObject }) => c.body);

describe('Get Many', () => {
	it('lists voice then SMS campaigns of the default catalogue, one item per campaign, paired to its input', async () => {
		const out = await runNode({ parameters: getMany(), credentials: clientCredentials(kore) });
		const catalogue = kore.campaigns as Array<{ channel: string; record: IDataObject }>;
		expect(out).toHaveLength(catalogue.length);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === JSON.stringify({ item: 0 }))).toBe(
			true,
		);
		const voice = catalogue.filter((c) => c.channel === 'voice').map((c) => c.record);
		const newestVoice = [...voice].sort((a, b) =>
			String(b.createdAt).localeCompare(String(a.createdAt)),
		)[0];
		expect(out[0].json).toEqual({
			id: newestVoice._id,
			name: newestVoice.name,
			type: 'voice',
			status: newestVoice.status,
			priority: newestVoice.priority,
			isSchedulingEnabled: false,
			isRecurrenceEnabled: false,
			createdAt: newestVoice.createdAt,
			updatedAt: newestVoice.updatedAt,
		});
		const sms = out.filter((o) => o.json.type === 'sms');
		expect(sms).toHaveLength(catalogue.filter((c) => c.channel === 'sms').length);
		expect(sms.every((o) => /^sms-/.test(String(o.json.id)))).toBe(true);
		expect(sms.find((o) => o.json.name === 'Renewal Reminder | SMS')?.json).toMatchObject({
			isSchedulingEnabled: true,
			isRecurrenceEnabled: true,
		});
		expect(bodies(kore)).toEqual([
			{ type: 'voice', limit: 50, skip: 0, page: 1, sortBy: { createdAt: 'desc' } },
			{ type: 'sms', limit: 50, skip: 0, page: 1, sortBy: { createdAt: 'desc' } },
		]);
		expect(kore.listCalls[0].query).toEqual({ accountId: kore.accountId });
	});

	it('Return All walks every page until hasMore is false', async () => {
		const out = await runNode({
			parameters: getMany({ campaignType: 'voice', returnAll: true }),
			credentials: clientCredentials(many),
		});
		expect(out).toHaveLength(120);
		expect(new Set(out.map((o) => o.json.name)).size).toBe(120);
		expect(bodies(many).map((b: IDataObject) => [b.page, b.skip, b.limit])).toEqual([
			[1, 0, 50],
			[2, 50, 50],
			[3, 100, 50],
		]);
	});

	it('Limit stops early, across channels too', async () => {
		const sixty = await runNode({
			parameters: getMany({ campaignType: 'voice', limit: 60 }),
			credentials: clientCredentials(many),
		});
		expect(sixty).toHaveLength(60);
		expect(many.listCalls).toHaveLength(2);
		many.reset();
		const small = await runNode({
			parameters: getMany({ limit: 3 }),
			credentials: clientCredentials(many),
		});
		expect(small).toHaveLength(3);
		expect(bodies(many)).toEqual([
			{ type: 'voice', limit: 3, skip: 0, page: 1, sortBy: { createdAt: 'desc' } },
		]);
	});

	it('filters by status and channel', async () => {
		const out = await runNode({
			parameters: getMany({ campaignType: 'sms', filters: { status: ['Ready'] } }),
			credentials: clientCredentials(many),
		});
		expect(out.map((o) => o.json.name)).toEqual(['Text C', 'Text A']);
		expect(bodies(many)).toEqual([
			{
				type: 'sms',
				limit: 50,
				skip: 0,
				page: 1,
				sortBy: { createdAt: 'desc' },
				filters: { status: ['Ready'] },
			},
		]);
	});

	it('refuses a status Kore does not know, and a bad limit, before any call', async () => {
		const status = await runNodeExpectingError({
			parameters: getMany({ filters: { status: '={{ ["Ready", "Sleeping"] }}' } }),
			credentials: clientCredentials(kore),
		});
		expect(status.message).toBe(
			'Filters → Status: "Sleeping" is not a Kore.ai campaign status. Use any of Active, Completed, Ready, Paused, Preparing, Stopped, Scheduled, Rescheduled.',
		);
		const limit = await runNodeExpectingError({
			parameters: getMany({ limit: '={{ 0 }}' }),
			credentials: clientCredentials(kore),
		});
		expect(limit.message).toMatch(/^Limit must be a whole number from 1 to 10000/);
		expect(kore.received).toHaveLength(0);
	});

	it('list calls share the account limit and retries: a 429 is waited out and retried', async () => {
		kore.failNext({
			status: 429,
			body: { status: 'failure', message: "You've exceeded the per-minute rate limit." },
			headers: { 'retry-after': '1' },
		});
		const out = await runNode({
			parameters: getMany({ campaignType: 'sms' }),
			credentials: clientCredentials(kore),
		});
		expect(out.length).toBeGreaterThan(0);
		expect(kore.listCalls.map((c: { status: number }) => c.status)).toEqual([429, 200]);
	});

	it('Return All stops after 1,000 pages with advice, rather than list for ever', async () => {
		// Kore says "hasMore" on every page: 1,000 answers of one campaign each (a page cap of 1).
		many.failNext(
			...Array.from({ length: 1_000 }, (_, i) => listAnswer([{ name: `Old ${i}` }], true)),
		);
		const error = await runNodeExpectingError({
			parameters: getMany({ campaignType: 'voice', returnAll: true }),
			credentials: clientCredentials(many),
		});
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Kore.ai lists more than 1000 voice campaigns; the node stops there.',
		);
		expect(error.description).toBe('Set a Limit or a Status filter to list fewer campaigns.');
		expect(error.context.itemIndex).toBe(0);
		const pages = bodies(many).map((b: IDataObject) => b.page);
		expect(pages).toHaveLength(1_000);
		expect(pages[999]).toBe(1_000);
	}, 120_000); // 1,000 answers through the engine: seconds alone, longer on a busy machine

	it('an empty page that still says "hasMore" ends that channel', async () => {
		kore.failNext(listAnswer([], true));
		const out = await runNode({ parameters: getMany(), credentials: clientCredentials(kore) });
		expect(bodies(kore).map((b: IDataObject) => [b.type, b.page])).toEqual([
			['voice', 1],
			['sms', 1],
		]);
		expect(out.every((o) => o.json.type === 'sms')).toBe(true);
		expect(out.length).toBeGreaterThan(0);
	});

	it('a server that caps its pages: the walk goes on from what came back, nothing skipped', async () => {
		// 12 voice campaigns, at most 5 per answer though 50 were asked for.
		const records = Array.from({ length: 12 }, (_, i) => ({ _id: `cd-${i}`, name: `C${i}` }));
		kore.failNext(
			listAnswer(records.slice(0, 5), true),
			listAnswer(records.slice(5, 10), true),
			listAnswer(records.slice(10), false),
		);
		const out = await runNode({
			parameters: getMany({ campaignType: 'voice', returnAll: true }),
			credentials: clientCredentials(kore),
		});
		expect(out.map((o) => o.json.id)).toEqual(records.map((r) => r._id));
		expect(bodies(kore).map((b: IDataObject) => [b.skip, b.limit, b.page])).toEqual([
			[0, 50, 1],
			[5, 5, 2],
			[10, 5, 3],
		]);
	});

	it('a campaign handed out twice (the list shifted while paging) comes out once', async () => {
		kore.failNext(
			listAnswer(
				[
					{ _id: 'cd-1', name: 'A' },
					{ _id: 'cd-2', name: 'B' },
				],
				true,
			),
			listAnswer(
				[
					{ _id: 'cd-2', name: 'B' },
					{ _id: 'cd-3', name: 'C' },
				],
				false,
			),
		);
		const out = await runNode({
			parameters: getMany({ campaignType: 'voice', returnAll: true }),
			credentials: clientCredentials(kore),
		});
		expect(out.map((o) => o.json.id)).toEqual(['cd-1', 'cd-2', 'cd-3']);
	});

	it('a failure after some pages keeps them: with Continue on Fail they come out before the error item, which names channel and page', async () => {
		const first = Array.from({ length: 50 }, (_, i) => ({ _id: `cd-${i}`, name: `C${i}` }));
		const fail502 = { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' };
		kore.failNext(listAnswer(first, true), fail502);
		const out = await runNode({
			parameters: {
				...getMany({ campaignType: 'voice', returnAll: true }),
				options: { requestsPerMinute: 0, maxRetries: 0 },
			},
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(out).toHaveLength(51);
		expect(out.slice(0, 50).map((o) => o.json.id)).toEqual(first.map((r) => r._id));
		expect(out.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
		expect((out[50].json.error as { message: string }).message).toMatch(
			/^Listing voice campaigns, page 2: Kore\.ai answered HTTP 502 with an HTML page/,
		);
		kore.failNext(listAnswer(first, true), fail502);
		const error = await runNodeExpectingError({
			parameters: {
				...getMany({ campaignType: 'voice', returnAll: true }),
				options: { requestsPerMinute: 0, maxRetries: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/^Listing voice campaigns, page 2: Kore\.ai answered HTTP 502/);
		expect(error.context.itemIndex).toBe(0);
	});

	it('a Kore failure is a NodeApiError with its text; with Continue on Fail, one error item', async () => {
		kore.failNext({
			status: 403,
			body: { errors: [{ msg: 'Access denied for this API scope', code: 403 }] },
		});
		const error = await runNodeExpectingError({
			parameters: getMany(),
			credentials: clientCredentials(kore),
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'Listing voice campaigns, page 1: Kore.ai answered HTTP 403: Access denied for this API scope',
		);
		kore.failNext({ status: 200, body: { status: 'success', message: 'ok' } });
		const out = await runNode({
			parameters: getMany(),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(out).toEqual([
			{
				json: {
					error: expect.objectContaining({
						message: expect.stringMatching(/answered without a campaign list \(data\.results\)/),
						description: expect.any(String),
					}),
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('campaign picker (From List)', () => {
	it('lists voice then SMS campaigns by name, shown with channel and status; the value is the name', async () => {
		const first = await searchCampaignList(clientCredentials(kore));
		const catalogue = kore.campaigns as Array<{ channel: string; record: IDataObject }>;
		const byName = (channel: string) =>
			catalogue
				.filter((c) => c.channel === channel)
				.map((c) => String(c.record.name))
				.sort((a, b) => a.localeCompare(b));
		expect(first.results.map((r) => r.value)).toEqual([...byName('voice'), ...byName('sms')]);
		expect(first.results.find((r) => r.value === 'Spring Promo 3 | Voice')).toEqual({
			name: 'Spring Promo 3 | Voice · Voice · Ready',
			value: 'Spring Promo 3 | Voice',
		});
		expect(first.results.find((r) => r.value === 'Renewal Reminder | SMS')).toEqual({
			name: 'Renewal Reminder | SMS · SMS · Scheduled',
			value: 'Renewal Reminder | SMS',
		});
		expect(first.paginationToken).toBeUndefined();
		expect(bodies(kore)[0]).toEqual({
			type: 'voice',
			limit: 50,
			skip: 0,
			page: 1,
			sortBy: { name: 'asc' },
		});
	});

	it('search filters by name, any case', async () => {
		const found = await searchCampaignList(clientCredentials(kore), 'sms');
		expect(found.results.map((r) => r.value)).toEqual([
			'Renewal Reminder | SMS',
			'Spring Promo | SMS',
			'Survey | SMS',
			'Winback | SMS',
		]);
	});

	it('search text is trimmed: a pasted " bulk 00 " finds Bulk 000 to Bulk 009', async () => {
		const found = await searchCampaignList(clientCredentials(many), ' bulk 00 ');
		expect(found.results.map((r) => r.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Bulk 00${i}`),
		);
	});

	it('pages on with the token: 50 per answer, voice pages then SMS, nothing twice, nothing lost', async () => {
		const seen: string[] = [];
		const answers: Array<[number, string | undefined]> = [];
		let token: string | undefined;
		for (let request = 0; request < 10; request++) {
			const page = await searchCampaignList(clientCredentials(many), undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken;
			answers.push([page.results.length, token]);
			if (token === undefined) break;
		}
		// An answer stops at a full page; the last one runs on from voice into SMS.
		expect(answers).toEqual([
			[50, '0:50:50:1'],
			[50, '0:100:50:2'],
			[23, undefined],
		]);
		expect(seen).toHaveLength(MANY.length);
		expect(new Set(seen).size).toBe(MANY.length);
		expect(seen.slice(-3)).toEqual(['Text A', 'Text B', 'Text C']);
	});

	it('an answer reads at most 10 pages; without a match it is empty and the token goes on after page 10', async () => {
		// One campaign per page while "hasMore": a server capping its pages at 1.
		many.failNext(...Array.from({ length: 10 }, () => listAnswer([{ name: 'Other' }], true)));
		const found = await searchCampaignList(clientCredentials(many), 'nothing like it');
		expect(found).toEqual({ results: [], paginationToken: '0:10:1:10' });
		expect(bodies(many).map((b: IDataObject) => [b.page, b.skip, b.limit])).toEqual([
			[1, 0, 50],
			...Array.from({ length: 9 }, (_, i) => [i + 2, i + 1, 1]),
		]);
	});

	it('records without a name are left out; one without a status says so', async () => {
		kore.failNext(
			listAnswer(
				[{ status: 'Ready' }, { name: '', status: 'Ready' }, { name: 7 }, { name: 'No Status' }],
				false,
			),
		);
		const found = await searchCampaignList(clientCredentials(kore));
		expect(found.results.filter((r) => r.name.includes(' · Voice · '))).toEqual([
			{ name: 'No Status · Voice · unknown status', value: 'No Status' },
		]);
		expect(found.results.slice(1).every((r) => r.name.includes(' · SMS · '))).toBe(true);
	});

	it('an empty page that says "hasMore", and page 1,000, end the channel: the next call is SMS page 1', async () => {
		kore.failNext(listAnswer([], true));
		await searchCampaignList(clientCredentials(kore));
		kore.failNext(listAnswer([{ name: 'Last', status: 'Ready' }], true));
		const last = await searchCampaignList(clientCredentials(kore), undefined, '0:49950:50:999');
		expect(last.results[0]).toEqual({ name: 'Last · Voice · Ready', value: 'Last' });
		expect(bodies(kore).map((b: IDataObject) => [b.type, b.page])).toEqual([
			['voice', 1],
			['sms', 1],
			['voice', 1000],
			['sms', 1],
		]);
	});

	it('a bad credential is reported, naming the field', async () => {
		await expect(searchCampaignList(clientCredentials(kore, { botId: '' }))).rejects.toThrow(
			/Bot ID is empty/,
		);
	});
});

describe('node versions', () => {
	const { description } = new KoreCampaignSchedule();
	const shown = (typeVersion: number, values: IDataObject) =>
		description.properties
			.filter((p) =>
				NodeHelpers.displayParameter(
					{ resource: 'campaign', ...values } as INodeParameters,
					p,
					{ typeVersion },
					description,
				),
			)
			.map((p) => `${p.name}:${p.type}`);

	it('1.1 is the default; version 1 keeps the text field, 1.1 has the picker', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		expect(shown(1, { operation: 'disableSchedule' })).toEqual([
			'resource:options',
			'operation:options',
			'campaignName:string',
			'options:collection',
		]);
		expect(shown(1.1, { operation: 'disableSchedule' })).toEqual([
			'resource:options',
			'operation:options',
			'campaignName:resourceLocator',
			'options:collection',
		]);
		expect(shown(1.1, { operation: 'getMany', returnAll: false })).toEqual([
			'resource:options',
			'operation:options',
			'campaignType:options',
			'returnAll:boolean',
			'limit:number',
			'filters:collection',
			'options:collection',
		]);
	});

	it.each([
		['version 1, text', 1, 'Spring Promo 3 | Voice'],
		[
			'version 1.1, From List',
			1.1,
			{
				__rl: true,
				mode: 'list',
				value: 'Spring Promo 3 | Voice',
				cachedResultName: 'Spring Promo 3 | Voice · Voice · Ready',
			},
		],
		['version 1.1, By Name', 1.1, { __rl: true, mode: 'name', value: 'Spring Promo 3 | Voice' }],
		[
			'version 1.1, By Name from an expression',
			1.1,
			{ __rl: true, mode: 'name', value: '={{ "Spring Promo 3 | " + "Voice" }}' },
		],
	])('%s: the name is sent', async (_label, typeVersion, campaignName) => {
		const out = await runNode({
			typeVersion,
			parameters: {
				operation: 'schedule',
				campaignName,
				...WINDOW,
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(out[0].json).toMatchObject({
			status: 'success',
			campaignName: 'Spring Promo 3 | Voice',
		});
		expect(kore.scheduleCalls[0].query.campaignName).toBe('Spring Promo 3 | Voice');
	});

	it('an empty picker is refused naming the field, nothing sent', async () => {
		const error = await runNodeExpectingError({
			typeVersion: 1.1,
			parameters: {
				operation: 'disableSchedule',
				campaignName: { __rl: true, mode: 'name', value: '={{ "" }}' },
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/^Campaign Name is empty/);
		expect(kore.received).toHaveLength(0);
	});
});
