/**
 * Call → Get Many (issue 35) through n8n's engine against the stand-in's call details: windows of
 * at most 7 days, a busy week narrowed until every call is read once, numResults trusted or not,
 * the campaign and direction filters, Limit, Dry Run, and the SmartAssist Analytics scope.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const BUSY_WEEK = { from: '2027-01-04T00:00:00Z', days: 7, count: 2500 };
const kore = useKoreStandIn({
	calls: [
		BUSY_WEEK,
		{ from: '2026-12-01T00:00:00Z', days: 30, count: 400 },
		{ from: '2027-01-04T00:00:00Z', days: 7, count: 40, direction: 'Inbound' },
	],
});

interface Row {
	conversationId: string;
	sessionStartTime: string;
	Direction: string;
	campaigninfo: { campaignId?: string; campaignName?: string };
}

/** The stand-in's calls that started within [from, to] (ISO, to the second), one direction. */
const callsBetween = (from: string, to: string, direction = 'Outbound') =>
	(kore.calls as Row[]).filter(
		(r) =>
			r.Direction === direction &&
			r.sessionStartTime >= new Date(from).toISOString() &&
			r.sessionStartTime <= new Date(to).toISOString(),
	);

const getMany = (parameters: IDataObject = {}, options: IDataObject = {}) => ({
	resource: 'call',
	operation: 'getMany',
	startDate: '2027-01-04T00:00:00Z',
	endDate: '2027-01-11T00:00:00Z',
	returnAll: true,
	...parameters,
	options: { requestsPerMinute: 0, ...options },
});
const run = (parameters: IDataObject, options: IDataObject = {}) =>
	runNode({ parameters: getMany(parameters, options), credentials: clientCredentials(kore) });
const ids = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json.conversationId);

describe('Call → Get Many', () => {
	it('a week of 2,500 calls: 2,500 items, each once, the full window narrowed until none is full', async () => {
		const out = await run({});
		const expected = callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z');
		expect(expected).toHaveLength(2500);
		expect(out).toHaveLength(2500);
		expect(new Set(ids(out)).size).toBe(2500);
		expect(new Set(ids(out))).toEqual(new Set(expected.map((r) => r.conversationId)));
		// Oldest first, all paired to the one input item.
		const starts = out.map((i) => i.json.startedAt as string);
		expect([...starts].sort()).toEqual(starts);
		expect(out.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(
			true,
		);
		const calls = kore.callDetailsCalls as Array<{ body: IDataObject; query: IDataObject }>;
		// Every window Kore was asked for is at most 7 days, every offset at most 10.
		for (const call of calls) {
			const span =
				Date.parse(`${call.body.endDate as string}Z`) -
				Date.parse(`${call.body.startDate as string}Z`);
			expect(span).toBeLessThanOrEqual(7 * 86_400_000);
			expect(Number(call.query.offset)).toBeLessThanOrEqual(10);
			expect(call.query.limit).toBe('100');
		}
		expect(calls.length).toBeLessThanOrEqual(40);
		expect(calls[0].body).toEqual({
			startDate: '2027-01-04 00:00:00',
			endDate: '2027-01-11 00:00:00',
			timeZoneOffset: 0,
			direction: 'Outbound',
			selectedFields: ['campaigninfo', 'customerinfo'],
			channels: [],
			queues: [],
		});
	});

	it('one item per call with its campaign, attempt, contact status and dispositions, times in UTC', async () => {
		const out = await run({ returnAll: false, limit: 1 });
		const row = callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z').sort((a, b) =>
			a.sessionStartTime < b.sessionStartTime ? -1 : 1,
		)[0] as unknown as IDataObject & {
			campaigninfo: IDataObject;
			customerinfo: IDataObject;
		};
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({
			conversationId: row.conversationId,
			sessionId: row.sessionId,
			channel: 'voice',
			direction: 'outbound',
			startedAt: row.sessionStartTime,
			endedAt: row.sessionEndTime,
			phoneNumber: row.customerinfo.phoneNumber,
			campaignId: row.campaigninfo.campaignId,
			campaignName: row.campaigninfo.campaignName,
			campaignInstanceId: row.campaigninfo.campaignInstanceId,
			campaignDialingListId: row.campaigninfo.campaignDialingListId,
			attempt: row.campaigninfo.attempt,
			contactStatus: row.campaigninfo.contactStatus,
			dispositions: row.dispositions,
			dispositionRemarks: row.dispositionRemarks,
			finalStatus: row.finalStatus,
		});
	});

	it.each(['page', 'absent'])(
		'numResults served as %s: full windows found by 11 full pages, still each call once',
		async (numResults) => {
			kore.setCallsPaging({ numResults });
			const out = await run({});
			expect(out).toHaveLength(2500);
			expect(new Set(ids(out)).size).toBe(2500);
		},
	);

	it('a span of 30 days: windows of at most 7 days, adjacent ones sharing their edge second', async () => {
		const out = await run({ startDate: '2026-12-01T00:00:00Z', endDate: '2026-12-31T00:00:00Z' });
		const expected = callsBetween('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z');
		expect(out).toHaveLength(expected.length);
		expect(new Set(ids(out)).size).toBe(expected.length);
		const windows = new Set(
			(kore.callDetailsCalls as Array<{ body: IDataObject }>).map((c) =>
				JSON.stringify([c.body.startDate, c.body.endDate]),
			),
		);
		expect([...windows].map((w) => JSON.parse(w) as string[])).toEqual([
			['2026-12-01 00:00:00', '2026-12-08 00:00:00'],
			['2026-12-08 00:00:00', '2026-12-15 00:00:00'],
			['2026-12-15 00:00:00', '2026-12-22 00:00:00'],
			['2026-12-22 00:00:00', '2026-12-29 00:00:00'],
			['2026-12-29 00:00:00', '2026-12-31 00:00:00'],
		]);
	});

	it('a call in the second two windows share comes out once', async () => {
		kore.addCall({ startedAt: '2026-12-08T00:00:00Z', conversationId: 'c-edge' });
		const out = await run({ startDate: '2026-12-01T00:00:00Z', endDate: '2026-12-15T00:00:00Z' });
		expect(ids(out).filter((id) => id === 'c-edge')).toHaveLength(1);
	});

	it("Campaign filter by name or by ID: only that campaign's calls, all of them", async () => {
		const expected = callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z').filter(
			(r) => r.campaigninfo.campaignName === 'Spring Promo 3 | Voice',
		);
		expect(expected.length).toBeGreaterThan(100);
		const id = expected[0].campaigninfo.campaignId as string;
		for (const campaignName of [
			{ __rl: true, mode: 'name', value: 'Spring Promo 3 | Voice' },
			{ __rl: true, mode: 'list', value: 'Spring Promo 3 | Voice' },
			{ __rl: true, mode: 'id', value: id },
		]) {
			const out = await run({ filters: { campaignName } });
			expect(out.map((i) => i.json.campaignId)).toEqual(expected.map(() => id));
			expect(new Set(ids(out))).toEqual(new Set(expected.map((r) => r.conversationId)));
		}
	});

	it('Direction: inbound reads Inbound, both reads each direction', async () => {
		expect(await run({ filters: { direction: 'inbound' } })).toHaveLength(40);
		kore.reset();
		const both = await run({ filters: { direction: 'both' } });
		expect(both).toHaveLength(2540);
		const directions = new Set(
			(kore.callDetailsCalls as Array<{ body: IDataObject }>).map((c) => c.body.direction),
		);
		expect(directions).toEqual(new Set(['Outbound', 'Inbound']));
	});

	/** Calls in the order Limit keeps them: oldest start first, then by conversation id. */
	const oldestFirst = (
		a: { sessionStartTime: string; conversationId: string },
		b: { sessionStartTime: string; conversationId: string },
	) =>
		a.sessionStartTime === b.sessionStartTime
			? a.conversationId < b.conversationId
				? -1
				: 1
			: a.sessionStartTime < b.sessionStartTime
				? -1
				: 1;

	it('Limit: the oldest calls, reading no further than needed', async () => {
		const out = await run({ returnAll: false, limit: 50 });
		const expected = callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z')
			.sort(oldestFirst)
			.slice(0, 50);
		expect(ids(out)).toEqual(expected.map((r) => r.conversationId));
		expect(kore.callDetailsCalls.length).toBeLessThan(20);
	});

	it('Limit with Direction both: the oldest of both directions, each read no further than needed', async () => {
		const both = await run({ returnAll: false, limit: 50, filters: { direction: 'both' } });
		const oldest = [
			...callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z'),
			...callsBetween('2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z', 'Inbound'),
		]
			.sort(oldestFirst)
			.slice(0, 50);
		expect(ids(both)).toEqual(oldest.map((r) => r.conversationId));
		const requestsBoth = kore.callDetailsCalls.length;
		await run({ returnAll: false, limit: 50 });
		await run({ returnAll: false, limit: 50, filters: { direction: 'inbound' } });
		// Both costs what each direction costs alone, not a read of the whole busy week.
		expect(requestsBoth).toBe(kore.callDetailsCalls.length - requestsBoth);
	});

	it("Start and End without an offset are the workflow timezone's wall-clock time, sent in UTC", async () => {
		await runNode({
			parameters: getMany({
				startDate: '2027-01-04T05:30:00',
				endDate: '2027-01-04 17:30:00',
				returnAll: false,
				limit: 1,
			}),
			credentials: clientCredentials(kore),
			timezone: 'Asia/Kolkata',
		});
		expect(kore.callDetailsCalls[0].body).toMatchObject({
			startDate: '2027-01-04 00:00:00',
			endDate: '2027-01-04 12:00:00',
			timeZoneOffset: 0,
		});
	});

	it('Dry Run: the first request, token redacted; nothing sent', async () => {
		const out = await run({}, { dryRun: true });
		expect(out[0].json).toMatchObject({
			dryRun: true,
			operation: 'getMany',
			windows: 1,
			request: {
				method: 'POST',
				url: `${kore.url}/agentassist/api/public/analytics/account/${kore.accountId}/v2/interactionDetails?offset=0&limit=100`,
				headers: { auth: '[redacted]', iid: expect.any(String) },
				body: { startDate: '2027-01-04 00:00:00', direction: 'Outbound' },
			},
		});
		expect(kore.received).toHaveLength(0);
	});

	it('an End before the Start fails before anything is sent', async () => {
		const error = await runNodeExpectingError({
			parameters: getMany({ endDate: '2027-01-03T00:00:00Z' }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/End Date & Time .* must be after Start Date & Time/);
		expect(kore.received).toHaveLength(0);
	});
});

describe("Kore.ai's failures", () => {
	it('a refused request names the window and page, with advice to check Start and End', async () => {
		kore.failRoute('callDetails', {
			status: 400,
			body: { status: 'failure', message: 'bad range' },
		});
		const error = await runNodeExpectingError({
			parameters: getMany(),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			'Call details 2027-01-04 00:00:00 to 2027-01-11 00:00:00 UTC (outbound), page 1: Kore.ai answered HTTP 400: bad range',
		);
		expect(error.description).toMatch(/check Start and End/);
	});

	it('an answer without data is an error, not an empty list', async () => {
		kore.failRoute('callDetails', { status: 200, body: { numResults: 3 } });
		const error = await runNodeExpectingError({
			parameters: getMany(),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/Kore.ai answered without a page of call details \(data\)/);
	});
	it('Continue on Fail part-way with a Limit: the calls read so far, never more than the Limit', async () => {
		// The busy week's first window is read page by page; its second page is refused.
		kore.onRequest = (record: { path: string }) => {
			if (!record.path.includes('interactionDetails')) return;
			kore.onRequest = undefined;
			kore.failRoute('callDetails', { status: 400, body: { errors: [{ msg: 'refused' }] } });
		};
		const out = await runNode({
			parameters: getMany({ returnAll: false, limit: 5 }),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(kore.callDetailsCalls).toHaveLength(2);
		const calls = out.filter((item) => item.json.error === undefined);
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.length).toBeLessThanOrEqual(5);
		expect(out[out.length - 1].json.error).toBeDefined();
		for (const item of out) expect(item.pairedItem).toEqual({ item: 0 });
	});
});

describe('the SmartAssist Analytics scope', () => {
	it('without it: an error naming the scope and where to map it; sent once (a 401 is not retried)', async () => {
		kore.setAnalyticsScope(false);
		const error = await runNodeExpectingError({
			parameters: getMany(),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			"Kore.ai refused call details (HTTP 401): the app needs the SmartAssist Analytics API scope, or the credential's token was not accepted",
		);
		expect(error.description).toMatch(
			/App Settings > Dev Tools > API Scopes, add SmartAssist Analytics/,
		);
		expect(error.description).toMatch(/You are not authorized to access this API/);
		expect(kore.callDetailsCalls).toHaveLength(1);
	});

	it('a token Kore.ai refuses (a wrong Client Secret): the scope is not the only cause named', async () => {
		const error = await runNodeExpectingError({
			parameters: getMany(),
			credentials: clientCredentials(kore, { clientSecret: 'not-the-secret-of-this-app' }),
		});
		expect(error.message).toMatch(/SmartAssist Analytics/);
		expect(error.message).toMatch(/or the credential/);
		expect(error.description).toMatch(/Client ID and Client Secret/);
		expect(error.description).not.toMatch(/not-the-secret/);
	});

	it('Continue on Fail: an error item paired to its input', async () => {
		kore.setAnalyticsScope(false);
		const out = await runNode({
			parameters: getMany(),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(out).toHaveLength(1);
		expect((out[0].json.error as IDataObject).message).toMatch(/SmartAssist Analytics/);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});
});
