/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * The Kore stand-in itself (dev/koreStandIn.js): its routes beyond schedule and list, through
 * plain HTTP requests signed as Kore wants, its state, its test-only controls and its faults.
 */
import { signKoreJwt } from '../../nodes/KoreCampaign/transport/jwt';
import { KORE } from '../../dev/fixtures';
import { startKoreStandIn, useKoreStandIn } from '../helpers/standIn';

const { ROUTE_NAMES } = require('../../dev/koreStandIn.js') as { ROUTE_NAMES: string[] };

const kore = useKoreStandIn();
/** 230 contacts on a voice campaign; one SMS campaign. */
const sized = useKoreStandIn({
	campaigns: [
		{ name: 'Big Dial', type: 'voice', status: 'Ready', contacts: 230 },
		{ name: 'Texts', type: 'sms', status: 'Ready' },
		{ name: 'Empty Dial', type: 'voice', status: 'Ready', contacts: 0 },
	],
	contactLists: [{ name: 'Only', usedBy: ['Big Dial'] }],
});

// Kore's answers are checked by value (toEqual), so their fields are read without a type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
interface Answer {
	status: number;
	body: Json;
}
interface Target {
	url: string;
	accountId: string;
}

const B = `/campaign/api/v2/public/${KORE.botId}/campaign`;
const V1 = `/campaign/api/v1/public/${KORE.botId}/campaign`;
const ADD = `/api/1.1/public/${KORE.botId}/campaign/contactList/addContacts`;

function headers(target: Target, withBody: boolean, extra: Record<string, string> = {}) {
	return {
		auth: signKoreJwt(KORE.clientId, KORE.clientSecret),
		accountId: target.accountId,
		iid: KORE.botId,
		...(withBody ? { 'Content-Type': 'application/json' } : {}),
		...extra,
	};
}

/** One request; `body` undefined sends none (and no Content-Type), a string is sent as it is. */
async function call(
	target: Target,
	method: string,
	path: string,
	body?: unknown,
	extra: Record<string, string> = {},
	signal?: AbortSignal,
): Promise<Answer> {
	const response = await fetch(target.url + path, {
		method,
		headers: headers(target, body !== undefined, extra),
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		signal,
	});
	return { status: response.status, body: (await response.json()) as Json };
}

const get = (t: Target, id: string, query = `accountId=${t.accountId}`) =>
	call(t, 'GET', `${B}/${encodeURIComponent(id)}?${query}`);
const trigger = (t: Target, id: string, type: string, what: 'play' | 'stop', body: unknown = {}) =>
	call(t, 'POST', `${V1}/${id}?campaignType=${type}&trigger=${what}`, body);
const results = (t: Target, id: string, body: unknown, query = 'view=contacts') =>
	call(t, 'POST', `${B}/${id}/status?${query}`, body);
const listCampaigns = (t: Target, body: Json) =>
	call(t, 'POST', `${B}/getAllCampaignDetails?accountId=${t.accountId}`, body);
const createList = (t: Target, body: unknown) =>
	call(t, 'POST', `${B}/contactList/createContactList?accountId=${t.accountId}`, body);
const listLists = (t: Target, body?: unknown) =>
	call(t, 'POST', `${B}/contactList/getAllListDetails?accountId=${t.accountId}&type=call`, body);
const listContacts = (t: Target, listId: string) =>
	call(t, 'GET', `${B}/contactList/${listId}/getAllContacts?accountId=${t.accountId}`);
const addContacts = (t: Target, body: unknown) => call(t, 'POST', ADD, body);

/** Waits (bounded) until `ready()` holds; a request that never answers is seen this way. */
async function until(ready: () => boolean): Promise<void> {
	for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(ready()).toBe(true);
}

const failure = (message: string) => ({ status: 'failure', message });

describe('GET one campaign', () => {
	it('answers a voice campaign with the documented fields, priority as a string', async () => {
		const answer = await get(kore, 'cd-000001-standin');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			status: 'success',
			message: 'Campaign fetched successfully',
			data: {
				_id: 'cd-000001-standin',
				name: 'Spring Promo 1 | Voice',
				description: 'Spring Promo 1 | Voice (stand-in)',
				status: 'Active',
				priority: '1',
				dialingMode: 'Progressive',
				dialingStrategy: expect.any(Object),
				contactLists: [kore.contactLists[0]._id],
				dncLists: { name: 'Stand-in DNC' },
				schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false },
				createdAt: '2026-01-01T00:00:00.000Z',
				updatedAt: '2026-01-01T00:00:00.000Z',
			},
		});
		expect(kore.getCalls).toHaveLength(1);
		expect(kore.getCalls[0].headers['content-type']).toBeUndefined();
	});

	it('answers an SMS campaign with its format, under _id', async () => {
		const sms = kore.findCampaign('Renewal Reminder | SMS');
		const answer = await get(kore, sms.record.id);
		expect(answer.body.data).toMatchObject({
			_id: sms.record.id,
			name: 'Renewal Reminder | SMS',
			status: 'Scheduled',
			priority: '1',
			format: 'text',
			schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: true },
		});
		expect(answer.body.data.dialingMode).toBeUndefined();
	});

	it('an unknown id is HTTP 404 failure; a wrong query is 400; a bad JWT is 401', async () => {
		expect(await get(kore, 'cd-nope')).toEqual({
			status: 404,
			body: failure('Campaign cd-nope not found'),
		});
		expect(await get(kore, 'cd-000001-standin', 'accountId=someone-else')).toEqual({
			status: 400,
			body: failure('query must be exactly accountId=<your account id>'),
		});
		const forged = await call(
			kore,
			'GET',
			`${B}/cd-000001-standin?accountId=${kore.accountId}`,
			undefined,
			{
				auth: signKoreJwt(KORE.clientId, 'wrong secret'),
			},
		);
		expect(forged.status).toBe(401);
		expect(forged.body.errors[0].msg).toBe('error verifying the jwt: invalid signature');
	});
});

describe('start and stop (v1)', () => {
	it('start makes the campaign Active, counts it, and the list shows the new dates', async () => {
		const before = kore.findCampaign('Spring Promo 3 | Voice').record;
		expect(before.status).toBe('Ready');
		const started = await trigger(kore, before._id, 'voice', 'play');
		expect(started.status).toBe(200);
		expect(started.body).toEqual({
			status: 'Active',
			message: 'Campaign Started',
			campaignInstanceId: 'cid-000001-started',
			updatedAt: expect.any(String),
		});
		expect(started.body.updatedAt > '2026-01-01T02:00:00.000Z').toBe(true);
		expect(kore.startsOf(before._id)).toBe(1);
		expect(kore.startsOf('Spring Promo 3 | Voice')).toBe(1);
		expect(kore.startCalls).toHaveLength(1);
		expect(kore.counters).toMatchObject({ accepted: 1, rejected: 0 });
		const listed = await listCampaigns(kore, { type: 'voice', limit: 50 });
		const record = listed.body.data.results.find((r: Json) => r._id === before._id);
		expect(record).toMatchObject({
			status: 'Active',
			updatedAt: started.body.updatedAt,
			campaignInstanceUpdatedAt: started.body.updatedAt,
		});
		// A second start starts it again: the count shows the double start.
		const again = await trigger(kore, before._id, 'voice', 'play');
		expect(again.body.campaignInstanceId).toBe('cid-000002-started');
		expect(again.body.updatedAt > started.body.updatedAt).toBe(true);
		expect(kore.startsOf(before._id)).toBe(2);
	});

	it('stop makes it Stopped; stopping a stopped campaign answers the same and changes nothing', async () => {
		const id = kore.findCampaign('Spring Promo 1 | Voice').record._id;
		const stopped = await trigger(kore, id, 'voice', 'stop');
		expect(stopped.body).toEqual({
			status: 'Stopped',
			message: 'Campaign Stopped',
			campaignInstanceId: 'cid-000001-standin',
			updatedAt: expect.any(String),
		});
		expect(kore.findCampaign(id).record.status).toBe('Stopped');
		const twice = await trigger(kore, id, 'voice', 'stop');
		expect(twice).toEqual({ status: 200, body: stopped.body });
		expect(kore.stopsOf(id)).toBe(2);
		expect(kore.stopCalls).toHaveLength(2);
		expect(kore.startsOf(id)).toBe(0);
	});

	it('an SMS campaign starts with campaignType=sms, and refuses voice; bad body and query are 400', async () => {
		const sms = kore.findCampaign('Winback | SMS').record.id;
		expect((await trigger(kore, sms, 'sms', 'play')).body.status).toBe('Active');
		expect(await trigger(kore, sms, 'voice', 'play')).toEqual({
			status: 400,
			body: failure(`Campaign ${sms} is not a voice campaign`),
		});
		expect(await trigger(kore, sms, 'sms', 'stop', { force: true })).toEqual({
			status: 400,
			body: failure('body must be {}'),
		});
		const noType = await call(kore, 'POST', `${V1}/${sms}?trigger=play`, {});
		expect(noType).toEqual({
			status: 400,
			body: failure('query must be exactly campaignType=voice|sms&trigger=play|stop'),
		});
		expect((await trigger(kore, 'cd-gone', 'voice', 'play')).status).toBe(404);
		expect(kore.startsOf(sms)).toBe(1);
	});

	it('the v1 path must carry the same bot id as the iid header', async () => {
		const answer = await call(
			kore,
			'POST',
			'/campaign/api/v1/public/st-other/campaign/cd-000001-standin?campaignType=voice&trigger=play',
			{},
		);
		expect(answer).toEqual({
			status: 400,
			body: failure('streamId in the path must equal the iid header'),
		});
		expect(kore.startsOf('cd-000001-standin')).toBe(0);
	});
});

describe('per-contact results and status', () => {
	it('pages over a voice campaign’s contacts, the same on every call', async () => {
		const id = sized.findCampaign('Big Dial').record._id;
		const first = await results(sized, id, { page: 1, limit: 100 });
		expect(first.status).toBe(200);
		expect(first.body.data).toMatchObject({
			page: 1,
			limit: 100,
			totalPages: 3,
			totalResults: 230,
		});
		expect(first.body.data.results).toHaveLength(100);
		expect(Object.keys(first.body.data.results[0]).sort()).toEqual(
			[
				'agentDispositionCodes',
				'botOutboundStatus',
				'botOutboundStatusDetail',
				'botSessionId',
				'dialerOutcome',
				'numberOfAttemptsSoFar',
				'phoneNumber',
				'uniqueId',
			].sort(),
		);
		const last = await results(sized, id, { page: 3, limit: 100 });
		expect(last.body.data.results).toHaveLength(30);
		expect(last.body.data.results[29].uniqueId).toBe(`${id}-contact-230`);
		expect(await results(sized, id, { page: 1, limit: 100 })).toEqual(first);
		expect((await results(sized, id, { page: 4, limit: 100 })).body.data.results).toEqual([]);
		const empty = sized.findCampaign('Empty Dial').record._id;
		expect((await results(sized, empty, { page: 1, limit: 10 })).body.data).toEqual({
			results: [],
			page: 1,
			limit: 10,
			totalPages: 0,
			totalResults: 0,
		});
	});

	it('results faults: an empty middle page, contacts withheld, pages that overlap; reset lifts them', async () => {
		const id = sized.findCampaign('Big Dial').record._id;
		const page = async (n: number) => (await results(sized, id, { page: n, limit: 100 })).body.data;
		const ids = (data: Json) => data.results.map((r: Json) => Number(r.uniqueId.split('-').pop()));
		sized.setResultsFaults({ emptyPages: [2] });
		expect(await page(2)).toMatchObject({ results: [], totalPages: 4, totalResults: 230 });
		expect(ids(await page(3))[0]).toBe(101);
		expect(ids(await page(4))).toHaveLength(30);
		sized.setResultsFaults({ withheld: 30 });
		expect(ids(await page(2))).toHaveLength(100);
		expect(await page(3)).toMatchObject({ results: [], totalPages: 3, totalResults: 230 });
		sized.setResultsFaults({ overlap: 1 });
		expect(ids(await page(1)).slice(-1)).toEqual([100]);
		expect(ids(await page(2)).slice(0, 1)).toEqual([100]);
		expect(ids(await page(3))).toEqual(Array.from({ length: 31 }, (_, i) => 200 + i));
		expect(() => sized.setResultsFaults({ emptyPage: 2 })).toThrow(/unknown results fault/);
		sized.reset();
		expect(ids(await page(3))).toHaveLength(30);
	});

	it('refuses SMS campaigns, a bad page or limit, and a query other than view=contacts', async () => {
		const sms = sized.findCampaign('Texts').record.id;
		const voice = sized.findCampaign('Big Dial').record._id;
		expect(await results(sized, sms, { page: 1, limit: 10 })).toEqual({
			status: 400,
			body: failure('Per-contact results are available for voice campaigns only'),
		});
		expect((await results(sized, voice, { page: 0, limit: 10 })).status).toBe(400);
		expect((await results(sized, voice, { page: 1, limit: 101 })).status).toBe(400);
		expect((await results(sized, voice, { page: 1 })).status).toBe(400);
		expect(
			(
				await results(
					sized,
					voice,
					{ page: 1, limit: 10 },
					`view=contacts&accountId=${sized.accountId}`,
				)
			).body,
		).toEqual(failure('query must be exactly view=contacts'));
		expect(sized.resultsCalls).toHaveLength(5);
	});

	it('view=status answers id, status and name', async () => {
		const id = sized.findCampaign('Texts').record.id;
		const answer = await results(sized, id, {}, `accountId=${sized.accountId}&view=status`);
		expect(answer).toEqual({
			status: 200,
			body: { status: 'success', data: { id, status: 'Ready', name: 'Texts' } },
		});
		expect(
			(await results(sized, id, { page: 1 }, `accountId=${sized.accountId}&view=status`)).status,
		).toBe(400);
		expect(sized.statusCalls).toHaveLength(2);
	});
});

describe('contact lists', () => {
	it('lists the configured lists, the one in use naming its campaign; with no body or {}', async () => {
		const answer = await listLists(kore);
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual([
			{
				_id: 'cl-000001-standin',
				name: 'Spring Leads',
				description: 'Leads for the spring promotion (stand-in)',
				totalRecordCount: 3,
				status: 'Ready',
				isListInUse: true,
				campaignInUse: [{ id: 'cd-000001-standin', name: 'Spring Promo 1 | Voice' }],
				source: 'passiveApi',
				updatedAt: '2026-01-01T00:00:00.000Z',
			},
			expect.objectContaining({ name: 'Renewals', totalRecordCount: 0, isListInUse: false }),
		]);
		expect(await listLists(kore, {})).toEqual(answer);
		expect((await listLists(kore, { page: 1 })).status).toBe(400);
		const noType = await call(
			kore,
			'POST',
			`${B}/contactList/getAllListDetails?accountId=${kore.accountId}`,
		);
		expect(noType.body).toEqual(
			failure('query must be exactly accountId=<your account id>&type=call'),
		);
	});

	it('creates a list, then refuses the same name; checks every field', async () => {
		const created = await createList(kore, {
			name: 'Autumn',
			description: 'Autumn leads',
			source: 'passiveApi',
			allowDuplicates: false,
		});
		expect(created).toEqual({
			status: 200,
			body: {
				status: 'success',
				message: 'Contact list Autumn created successfully',
				data: {
					_id: 'cl-000003-standin',
					name: 'Autumn',
					description: 'Autumn leads',
					status: 'Ready',
					totalRecordCount: 0,
					mapping: expect.objectContaining({ phoneNumber: 'phoneNumber' }),
					listType: 'call',
					campaignInUse: [],
					source: 'passiveApi',
					allowDuplicates: false,
				},
			},
		});
		expect((await listLists(kore)).body.data.map((l: Json) => l.name)).toEqual([
			'Spring Leads',
			'Renewals',
			'Autumn',
		]);
		expect(
			await createList(kore, { name: 'Autumn', source: 'passiveApi', allowDuplicates: true }),
		).toEqual({ status: 400, body: failure('Contact list Autumn already exists') });
		const base = { name: 'X', source: 'passiveApi', allowDuplicates: true };
		for (const bad of [
			{ ...base, name: 'n'.repeat(49) },
			{ ...base, name: '' },
			{ ...base, description: 'd'.repeat(257) },
			{ ...base, source: 'csv' },
			{ ...base, allowDuplicates: 'yes' },
			{ ...base, extra: 1 },
			{ name: 'X', source: 'passiveApi' },
		]) {
			expect((await createList(kore, bad)).status).toBe(400);
		}
		expect((await createList(kore, { ...base, name: 'n'.repeat(48) })).status).toBe(200);
		expect(kore.createListCalls).toHaveLength(10);
	});

	it('getAllContacts answers a list’s contacts; an unknown list is 404', async () => {
		const answer = await listContacts(kore, 'cl-000001-standin');
		expect(answer.body.data).toMatchObject({ hasMore: false, totalResults: 3, skip: 0 });
		expect(answer.body.data.results[0]).toEqual({
			_id: expect.stringMatching(/^cc-/),
			phoneNumber: expect.stringMatching(/^\+\d{8,15}$/),
			firstName: 'Contact 1',
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
		});
		expect(await listContacts(kore, 'cl-nope')).toEqual({
			status: 404,
			body: failure('Contact list cl-nope not found'),
		});
		expect(kore.listContactsCalls).toHaveLength(2);
	});

	it('getAllContacts pages by the optional skip and limit; a cap and an overlap misbehave as asked', async () => {
		const page = (query: string) =>
			call(
				kore,
				'GET',
				`${B}/contactList/cl-000001-standin/getAllContacts?accountId=${kore.accountId}${query}`,
			);
		const all = kore.contactsOf('Spring Leads').map((c: Json) => c._id);
		const ids = (answer: Answer) => answer.body.data.results.map((c: Json) => c._id);
		const first = await page('&skip=0&limit=2');
		expect(ids(first)).toEqual(all.slice(0, 2));
		expect(first.body.data).toMatchObject({ skip: 0, limit: 2, hasMore: true, totalResults: 3 });
		expect(ids(await page('&skip=2&limit=2'))).toEqual(all.slice(2));
		kore.setContactsPaging({ cap: 1, overlap: 1 });
		const capped = await page('&skip=2&limit=2');
		expect(ids(capped)).toEqual([all[1]]);
		expect(capped.body.data.hasMore).toBe(true);
		for (const bad of ['&limit=0', '&limit=101', '&skip=x', '&page=2', '&skip=1&skip=2'])
			expect((await page(bad)).status).toBe(400);
	});

	it('GET of one list answers it with its campaigns; DELETE removes an unused one, refuses one in use, 404 after', async () => {
		const one = (method: string, id: string) =>
			call(kore, method, `${B}/contactList/${id}?accountId=${kore.accountId}`);
		const got = await one('GET', 'cl-000001-standin');
		expect(got.body).toMatchObject({
			status: 'success',
			data: {
				_id: 'cl-000001-standin',
				name: 'Spring Leads',
				totalRecordCount: 3,
				isListInUse: true,
				campaignInUse: [{ id: 'cd-000001-standin', name: 'Spring Promo 1 | Voice' }],
			},
		});
		expect(await one('DELETE', 'cl-000001-standin')).toEqual({
			status: 400,
			body: failure('Contact list Spring Leads is in use by campaign(s) Spring Promo 1 | Voice'),
		});
		expect(await one('DELETE', 'cl-000002-standin')).toEqual({
			status: 200,
			body: { status: 'success', message: 'Contact list Renewals deleted successfully' },
		});
		expect((await one('DELETE', 'cl-000002-standin')).status).toBe(404);
		expect((await one('GET', 'cl-000002-standin')).status).toBe(404);
		expect(kore.contactLists.map((l: Json) => l.name)).toEqual(['Spring Leads']);
		expect(kore.getListCalls).toHaveLength(2);
		expect(kore.deleteListCalls).toHaveLength(3);
	});
});

describe('add contacts (v1.1, by list name)', () => {
	it('adds contacts, skipping numbers the list has when it refuses duplicates; answers with no status', async () => {
		const existing = kore.contactsOf('Spring Leads')[0].phoneNumber;
		const answer = await addContacts(kore, {
			contact_list_name: 'Spring Leads',
			data: [
				{ phoneNumber: '+14155550100', firstName: 'Ada', lastName: 'L', uniqueId: 'u-1' },
				{ phoneNumber: existing },
				{ phoneNumber: '+14155550100', timeZone: 'America/New_York' },
				{ phoneNumber: '+919876543210', contactPriority: 2 },
			],
		});
		expect(answer).toEqual({
			status: 200,
			body: { message: 'Adding contacts to public list is in progress' },
		});
		expect(kore.contactsOf('Spring Leads').map((c: Json) => c.phoneNumber)).toEqual([
			existing,
			expect.any(String),
			expect.any(String),
			'+14155550100',
			'+919876543210',
		]);
		const listed = (await listLists(kore)).body.data[0];
		expect(listed.totalRecordCount).toBe(5);
		expect(listed.updatedAt > '2026-01-01T00:00:00.000Z').toBe(true);
		expect(kore.addContactsCalls.map((c: Json) => c.body.data.length)).toEqual([4]);
		expect(kore.counters).toMatchObject({ accepted: 2, rejected: 0 });
	});

	it('a list that allows duplicates keeps them', async () => {
		const same = { phoneNumber: '+4915112345678' };
		await addContacts(kore, { contact_list_name: 'Renewals', data: [same, same] });
		expect(kore.contactsOf('cl-000002-standin')).toHaveLength(2);
		expect((await listContacts(kore, 'cl-000002-standin')).body.data.totalResults).toBe(2);
	});

	it('an unknown list name is HTTP 404; bad contacts and shapes are 400 and add nothing', async () => {
		expect(
			await addContacts(kore, {
				contact_list_name: 'Nope',
				data: [{ phoneNumber: '+14155550100' }],
			}),
		).toEqual({ status: 404, body: failure('Contact list Nope not found') });
		const bad = [
			{ contact_list_name: 'Renewals', data: [] },
			{ contact_list_name: 'Renewals', data: [{ phoneNumber: '4155550100' }] },
			{ contact_list_name: 'Renewals', data: [{ phoneNumber: '+1234567' }] },
			{ contact_list_name: 'Renewals', data: [{ phoneNumber: '+1234567890123456' }] },
			{ contact_list_name: 'Renewals', data: [{ phoneNumber: '+14155550100', email: 'a@b.c' }] },
			{ contact_list_name: 'Renewals', data: [{ phoneNumber: '+14155550100' }], extra: 1 },
			{ listName: 'Renewals', data: [{ phoneNumber: '+14155550100' }] },
		];
		for (const body of bad) expect((await addContacts(kore, body)).status).toBe(400);
		const withQuery = await call(kore, 'POST', `${ADD}?accountId=${kore.accountId}`, {
			contact_list_name: 'Renewals',
			data: [{ phoneNumber: '+14155550100' }],
		});
		expect(withQuery.body).toEqual(failure('this call takes no query'));
		expect(kore.contactsOf('Renewals')).toEqual([]);
	});
});

describe('test-only controls', () => {
	it('setCampaignStatus moves status and dates, by name or id; the list shows it', async () => {
		const record = kore.setCampaignStatus('Spring Promo 3 | Voice', 'Completed', {
			at: '2026-06-01T12:00:00.000Z',
		});
		expect(record).toMatchObject({
			status: 'Completed',
			updatedAt: '2026-06-01T12:00:00.000Z',
			campaignInstanceUpdatedAt: '2026-06-01T12:00:00.000Z',
		});
		const listed = await listCampaigns(kore, {
			type: 'voice',
			limit: 50,
			filters: { status: ['Completed'] },
		});
		expect(listed.body.data.results.map((r: Json) => r.name)).toEqual([
			'Spring Promo 2 | Voice',
			'Spring Promo 3 | Voice',
		]);
		const bumped = kore.setCampaignStatus(record._id, 'Paused');
		expect(bumped.updatedAt > '2026-06-01T12:00:00.000Z').toBe(true);
		expect(() => kore.setCampaignStatus('No such', 'Paused')).toThrow(/no campaign/);
		expect(() => kore.setCampaignStatus(record._id, 'Sleeping')).toThrow(/status must be/);
	});

	it('addCampaign adds the newest campaign; removeCampaign takes one away', async () => {
		const entry = kore.addCampaign({ name: 'Fresh | Voice', type: 'voice', status: 'Ready' });
		expect(entry.record._id).toBe('cd-000014-standin');
		const newest = await listCampaigns(kore, {
			type: 'voice',
			limit: 1,
			sortBy: { createdAt: 'desc' },
		});
		expect(newest.body.data.results[0].name).toBe('Fresh | Voice');
		expect((await get(kore, entry.record._id)).status).toBe(200);
		expect(kore.removeCampaign('Fresh | Voice')).toBe(true);
		expect(kore.removeCampaign('Fresh | Voice')).toBe(false);
		expect((await get(kore, entry.record._id)).status).toBe(404);
		expect(() => kore.addCampaign({ name: 'Winback | SMS', type: 'sms' })).toThrow(/already/);
	});

	it('setUnlisted leaves a campaign out of the list (GET still knows it) until listed again', async () => {
		const names = async () =>
			(await listCampaigns(kore, { type: 'sms', limit: 50 })).body.data.results.map(
				(r: Json) => r.name,
			);
		kore.setUnlisted('Winback | SMS', true);
		expect(await names()).not.toContain('Winback | SMS');
		expect((await get(kore, 'sms-000011-standin')).status).toBe(200);
		kore.setUnlisted('Winback | SMS', false);
		expect(await names()).toContain('Winback | SMS');
		expect(() => kore.setUnlisted('No such', true)).toThrow(/no campaign/);
	});

	it('serveBot serves another bot of the account, with only its campaigns, until reset()', async () => {
		const other = 'st-other-bot';
		kore.serveBot(other, [{ name: 'Other | SMS', type: 'sms' }]);
		const refused = await listCampaigns(kore, { type: 'sms', limit: 50 });
		expect(refused.status).toBe(400);
		expect(refused.body.message).toMatch(/does not match the bot/);
		const listed = await call(
			kore,
			'POST',
			`/campaign/api/v2/public/${other}/campaign/getAllCampaignDetails?accountId=${kore.accountId}`,
			{ type: 'sms', limit: 50 },
			{ iid: other },
		);
		expect(listed.body.data.results.map((r: Json) => [r.id, r.name])).toEqual([
			['sms-000014-standin', 'Other | SMS'],
		]);
		kore.reset();
		const back = await listCampaigns(kore, { type: 'sms', limit: 50 });
		expect(back.body.data.results).toHaveLength(5);
	});

	it('the same over HTTP under /__standin/, which is not recorded as a Kore call', async () => {
		const post = (path: string, body: unknown, method = 'POST') =>
			fetch(`${kore.url}/__standin/campaigns${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
		const changed = await post(`/${encodeURIComponent('Winback | SMS')}`, { status: 'Active' });
		expect(changed.status).toBe(200);
		expect(changed.body.campaign).toMatchObject({ name: 'Winback | SMS', status: 'Active' });
		const added = await post('', { name: 'Remote | SMS', type: 'sms' });
		expect(added.body).toMatchObject({ ok: true, type: 'sms', campaign: { name: 'Remote | SMS' } });
		expect((await post(`/${added.body.campaign.id}`, undefined, 'DELETE')).status).toBe(200);
		expect(kore.findCampaign('Remote | SMS')).toBeUndefined();
		expect((await post('/nothing', { status: 'Active' })).status).toBe(404);
		expect(
			(await post(`/${encodeURIComponent('Winback | SMS')}`, { status: 'Bored' })).status,
		).toBe(400);
		expect(kore.received).toHaveLength(0);
	});

	it('reset() brings back the configured campaigns, lists and counts', async () => {
		await trigger(kore, 'cd-000003-standin', 'voice', 'play');
		kore.addCampaign('Temporary');
		await createList(kore, { name: 'Temp', source: 'passiveApi', allowDuplicates: false });
		kore.setListPageCap(1);
		kore.failRoute('get', { status: 500 });
		kore.reset();
		expect(kore.startsOf('cd-000003-standin')).toBe(0);
		expect(kore.findCampaign('cd-000003-standin').record).toMatchObject({
			status: 'Ready',
			updatedAt: '2026-01-01T02:00:00.000Z',
		});
		expect(kore.findCampaign('Temporary')).toBeUndefined();
		expect(kore.contactLists.map((l: Json) => l.name)).toEqual(['Spring Leads', 'Renewals']);
		expect(
			(await listCampaigns(kore, { type: 'voice', limit: 50 })).body.data.results,
		).toHaveLength(8);
		expect((await get(kore, 'cd-000003-standin')).status).toBe(200);
	});
});

describe('list page cap', () => {
	it('answers at most the cap, skip as the offset, hasMore while more remain', async () => {
		kore.setListPageCap(5);
		const first = await listCampaigns(kore, { type: 'voice', limit: 50, skip: 0, page: 1 });
		expect(first.body.data).toMatchObject({ skip: 0, limit: 50, hasMore: true, totalResults: 8 });
		expect(first.body.data.results.map((r: Json) => r.name)).toEqual(
			[1, 2, 3, 4, 5].map((n) => `Spring Promo ${n} | Voice`),
		);
		const rest = await listCampaigns(kore, { type: 'voice', limit: 50, skip: 5, page: 2 });
		expect(rest.body.data.results.map((r: Json) => r.name)).toEqual(
			[6, 7, 8].map((n) => `Spring Promo ${n} | Voice`),
		);
		expect(rest.body.data.hasMore).toBe(false);
		kore.setListPageCap(0);
		expect(
			(await listCampaigns(kore, { type: 'voice', limit: 50 })).body.data.results,
		).toHaveLength(8);
	});
});

describe('faults by route', () => {
	it('hangs exactly the start call: it is recorded, never answered, while other calls answer', async () => {
		kore.failRoute('start', { kind: 'hang' });
		const abort = new AbortController();
		const path = `${V1}/cd-000003-standin?campaignType=voice&trigger=play`;
		const hung = call(kore, 'POST', path, {}, {}, abort.signal).catch((e: Error) => e.name);
		await until(() => kore.startCalls.length === 1);
		expect(kore.startCalls[0]).toMatchObject({ fault: 'hang', status: 0, route: 'start' });
		expect((await get(kore, 'cd-000003-standin')).body.data.status).toBe('Ready');
		expect(await trigger(kore, 'cd-000003-standin', 'voice', 'stop')).toMatchObject({
			status: 200,
		});
		expect(kore.startsOf('cd-000003-standin')).toBe(0);
		abort.abort();
		expect(await hung).toBe('AbortError');
		// Only closing ends the hung call (kore is shared by the file: use a stand-in of its own).
		const own = await startKoreStandIn({ ...KORE });
		own.failRoute('start', { kind: 'hang' });
		const pending = trigger(own, 'cd-000003-standin', 'voice', 'play').then(
			() => 'answered',
			() => 'cut off',
		);
		await until(() => own.startCalls.length === 1);
		await own.close();
		expect(await pending).toBe('cut off');
	});

	it('apply: true lets the start take effect and loses the answer', async () => {
		kore.failRoute('start', { status: 504, body: 'Gateway Timeout', apply: true });
		const answer = await fetch(
			`${kore.url}${V1}/cd-000003-standin?campaignType=voice&trigger=play`,
			{
				method: 'POST',
				headers: headers(kore, true),
				body: '{}',
			},
		);
		expect(answer.status).toBe(504);
		expect(kore.startsOf('cd-000003-standin')).toBe(1);
		expect(kore.startCalls[0].applied).toMatchObject({ status: 200, body: { status: 'Active' } });
	});

	it('each route has a name; an unknown one is refused', async () => {
		expect(ROUTE_NAMES).toEqual([
			'schedule',
			'list',
			'get',
			'start',
			'stop',
			'results',
			'status',
			'create',
			'delete',
			'createList',
			'listLists',
			'addContacts',
			'listContacts',
			'getList',
			'deleteList',
			'callBack',
			'callDetails',
		]);
		expect(() => kore.failRoute('pause', { status: 500 })).toThrow(/no route named pause/);
		kore.failRoute('addContacts', { status: 503, body: failure('busy') });
		expect(
			await addContacts(kore, {
				contact_list_name: 'Renewals',
				data: [{ phoneNumber: '+14155550100' }],
			}),
		).toEqual({ status: 503, body: failure('busy') });
		expect(kore.contactsOf('Renewals')).toEqual([]);
		expect((await listLists(kore)).status).toBe(200);
	});

	it('an unknown path is 404 with Kore’s errors shape', async () => {
		const answer = await call(kore, 'POST', `${B}/cd-000001-standin`, {});
		expect(answer).toEqual({
			status: 404,
			body: { errors: [{ msg: `No route for POST ${B}/cd-000001-standin`, code: 404 }] },
		});
		expect(kore.received[0].route).toBeUndefined();
	});
});

describe('campaign create and delete', () => {
	const hours = {
		frequency: 'WEEKLY',
		timezone: 'Asia/Kolkata',
		days: [{ day: 'MO', start: '9:00 AM', end: '6:00 PM' }],
	};
	const voiceBody = (extra: Json = {}): Json => ({
		name: 'New | Voice',
		description: '',
		campaignType: 'voice',
		contactLists: ['Spring Leads'],
		dncLists: { name: 'Renewals' },
		priority: '3',
		dialingMode: 'Agentless',
		dialingStrategy: {
			callerId: { phoneNumber: '+14155550123' },
			callingHours: hours,
			dialingOrder: 'FIFO',
			maxAttemptsPerRecord: 3,
			defaultRetryPeriod: 10,
			maxRingTime: 30,
		},
		experienceFlowName: 'Flow',
		enableMachineDetect: 'no',
		...extra,
	});
	const create = (t: Target, type: string, body: unknown) =>
		call(t, 'POST', `${B}?accountId=${t.accountId}&campaignType=${type}`, body);
	const status = (t: Target, id: string) =>
		call(t, 'POST', `${B}/${id}/status?accountId=${t.accountId}&view=status`, {});

	it('a voice campaign answers data.id, Preparing, then Ready after one status call', async () => {
		const made = await create(kore, 'voice', voiceBody());
		expect(made).toMatchObject({
			status: 200,
			body: { status: 'success', data: { status: 'Preparing' } },
		});
		const id = (made.body.data as Json).id as string;
		expect((await status(kore, id)).body.data).toMatchObject({ status: 'Preparing' });
		expect((await status(kore, id)).body.data).toMatchObject({ status: 'Ready' });
	});

	it('an SMS campaign answers data._id and Ready; its message must be base64', async () => {
		const sms = {
			name: 'New | SMS',
			description: '',
			campaignType: 'sms',
			contactLists: ['Spring Leads'],
			priority: '3',
			dialingStrategy: { callerId: { phoneNumber: '+14155550123' }, callingHours: hours },
			format: 'simple',
		};
		expect(await create(kore, 'sms', { ...sms, message: { message: 'not base64!' } })).toEqual({
			status: 400,
			body: { status: 'failure', message: 'message.message must be the text, base64-encoded' },
		});
		const made = await create(kore, 'sms', { ...sms, message: { message: 'SGk=' } });
		expect(made.body.data).toMatchObject({ status: 'Ready', _id: expect.any(String) });
	});

	it.each([
		['an unknown contact list', { contactLists: ['Nope'] }, 'Contact list Nope not found'],
		[
			'no DNC list for voice',
			{ dncLists: undefined },
			'dncLists.name is required for a voice campaign',
		],
		[
			'a name taken',
			{ name: 'Spring Promo 1 | Voice' },
			'Campaign name Spring Promo 1 | Voice already exists',
		],
		['a name over 48', { name: 'x'.repeat(49) }, 'name must be at most 48 characters'],
	])('refuses %s', async (_, extra, message) => {
		expect(await create(kore, 'voice', voiceBody(extra as Json))).toEqual({
			status: 400,
			body: { status: 'failure', message },
		});
		expect(kore.campaigns).toHaveLength(13);
	});

	it('delete: an Active campaign is refused; a Ready one goes, and a second delete is 404', async () => {
		const del = (id: string, type = 'voice') =>
			call(kore, 'DELETE', `${B}/${id}?accountId=${kore.accountId}&campaignType=${type}`);
		expect((await del('cd-000001-standin')).status).toBe(400);
		expect(await del('cd-000003-standin')).toMatchObject({
			status: 200,
			body: { status: 'success' },
		});
		expect((await del('cd-000003-standin')).status).toBe(404);
	});
});

describe('call-backs (callContactAt)', () => {
	const INSTANCE = 'cid-000001-standin';
	const callBack = (
		t: Target,
		instance: string,
		body: unknown,
		query = `accountId=${t.accountId}`,
	) => call(t, 'POST', `${B}/${instance}/callContactAt?${query}`, body);
	const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

	it('answers each row: scheduled, an unknown entry and a past time refused; only the scheduled one is kept', async () => {
		const [first, second] = kore.dialingListIdsOf('cd-000001-standin');
		expect(first).toBe('cdl-000001-standin-001');
		const later = inAnHour();
		const answer = await callBack(kore, INSTANCE, [
			{ campaignDialingListId: first, timeToContact: later },
			{ campaignDialingListId: 'cdl-nope', timeToContact: later },
			{ campaignDialingListId: second, timeToContact: '2020-01-01T00:00:00Z' },
		]);
		expect(answer).toEqual({
			status: 200,
			body: {
				status: 'success',
				data: [
					{ campaignDialingListId: first, status: 'success', reason: '' },
					{
						campaignDialingListId: 'cdl-nope',
						status: 'failed',
						reason: 'dialing_list_entry_not_found',
					},
					{ campaignDialingListId: second, status: 'failed', reason: 'time_in_past' },
				],
			},
		});
		expect(kore.callBacks).toEqual([
			{ campaignInstanceId: INSTANCE, campaignDialingListId: first, timeToContact: later },
		]);
		expect(kore.callBackCalls).toHaveLength(1);
	});

	it('an unknown or SMS instance is HTTP 404 failure; a wrong body or query is 400; nothing is kept', async () => {
		const row = { campaignDialingListId: 'cdl-000001-standin-001', timeToContact: inAnHour() };
		expect(await callBack(kore, 'cid-nope', [row])).toEqual({
			status: 404,
			body: failure('Campaign instance cid-nope not found'),
		});
		const sms = kore.findCampaign('Renewal Reminder | SMS');
		expect((await callBack(kore, sms.instanceId, [row])).status).toBe(404);
		expect(await callBack(kore, INSTANCE, row)).toEqual({
			status: 400,
			body: failure('body must be a non-empty array of {campaignDialingListId, timeToContact}'),
		});
		expect(
			await callBack(kore, INSTANCE, [{ ...row, timeToContact: '2027-01-01 10:00:00' }]),
		).toEqual({
			status: 400,
			body: failure(
				'row 0: timeToContact must be an ISO 8601 time in UTC, e.g. 2026-06-18T17:55:00Z',
			),
		});
		expect(await callBack(kore, INSTANCE, [{ ...row, extra: 1 }])).toEqual({
			status: 400,
			body: failure('row 0 must have exactly campaignDialingListId and timeToContact'),
		});
		expect((await callBack(kore, INSTANCE, [row], '')).body).toEqual(
			failure('query must be exactly accountId=<your account id>'),
		);
		expect(kore.callBacks).toEqual([]);
	});

	it('a start issues a new instance, whose entries follow it', async () => {
		await trigger(kore, 'cd-000003-standin', 'voice', 'play');
		const started = kore.findCampaign('cd-000003-standin').instanceId;
		const [entry] = kore.dialingListIdsOf('cd-000003-standin');
		expect(entry).toBe(`cdl-${started.slice(4)}-001`);
		const answer = await callBack(kore, started, [
			{ campaignDialingListId: entry, timeToContact: inAnHour() },
		]);
		expect(answer.body.data[0].status).toBe('success');
	});
});
