import {
	CampaignPager,
	campaignIdOf,
	campaignJson,
	listRequest,
	MAX_LIST_PAGES,
	readListPage,
} from '../../../nodes/KoreCampaign/campaigns/campaignList';
import type { KoreClient } from '../../../nodes/KoreCampaign/transport/client';
import type { KoreRequest } from '../../../nodes/KoreCampaign/transport/request';
import { readConnection } from '../../../nodes/KoreCampaign/transport/connection';
import { clientCredentials, KORE } from '../../../dev/fixtures';

const connection = readConnection(
	clientCredentials('https://platform.kore.ai/', { accountId: 'acc 1/2' }),
);

describe('listRequest', () => {
	it('asks for one channel from where the walk stands: limit, skip and page agree; the account in the query', () => {
		expect(
			listRequest(
				connection,
				'sms',
				{ skip: 100, pageSize: 50, pagesRead: 2 },
				{ sortBy: { name: 'asc' } },
			),
		).toEqual({
			method: 'POST',
			url: `https://platform.kore.ai/campaign/api/v2/public/${KORE.botId}/campaign/getAllCampaignDetails?accountId=acc%201%2F2`,
			body: { type: 'sms', limit: 50, skip: 100, page: 3, sortBy: { name: 'asc' } },
			repeatable: true,
			label: 'Listing SMS campaigns, page 3',
		});
	});
	it('after a capped page the page size is what came back, so skip and page still agree', () => {
		expect(
			listRequest(
				connection,
				'voice',
				{ skip: 10, pageSize: 5, pagesRead: 2 },
				{ sortBy: { createdAt: 'desc' } },
			).body,
		).toMatchObject({ limit: 5, skip: 10, page: 3 });
	});
	it('labels a voice list call as voice campaigns, with the page it reads', () => {
		expect(
			listRequest(
				connection,
				'voice',
				{ skip: 0, pageSize: 50, pagesRead: 0 },
				{ sortBy: { name: 'asc' } },
			).label,
		).toBe('Listing voice campaigns, page 1');
	});
	it('adds filters.status only when statuses are chosen', () => {
		const at = { skip: 0, pageSize: 10, pagesRead: 0 };
		const sortBy = { createdAt: 'desc' as const };
		expect(listRequest(connection, 'voice', at, { statuses: [], sortBy }).body).not.toHaveProperty(
			'filters',
		);
		expect(
			(
				listRequest(connection, 'voice', at, { statuses: ['Ready', 'Paused'], sortBy }).body as {
					filters: unknown;
				}
			).filters,
		).toEqual({ status: ['Ready', 'Paused'] });
	});
});

describe('campaignJson', () => {
	const common = {
		name: 'N',
		status: 'Ready',
		priority: 2,
		createdAt: 'c',
		updatedAt: 'u',
		description: 'd',
	};
	it('a recurring schedule shows as isRecurrenceEnabled: true', () => {
		expect(
			campaignJson(
				{
					...common,
					_id: 'cd-1',
					schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: true },
				},
				'voice',
			),
		).toMatchObject({ isSchedulingEnabled: true, isRecurrenceEnabled: true });
	});
	it('voice campaigns carry _id, SMS campaigns id; the schedule flags are booleans', () => {
		expect(
			campaignJson(
				{
					...common,
					_id: 'cd-1',
					schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: false },
				},
				'voice',
			),
		).toEqual({
			id: 'cd-1',
			name: 'N',
			type: 'voice',
			status: 'Ready',
			priority: 2,
			isSchedulingEnabled: true,
			isRecurrenceEnabled: false,
			createdAt: 'c',
			updatedAt: 'u',
		});
		expect(campaignJson({ ...common, id: 'sms-1' }, 'sms')).toMatchObject({
			id: 'sms-1',
			type: 'sms',
			isSchedulingEnabled: false,
			isRecurrenceEnabled: false,
		});
	});
});

describe('campaignIdOf', () => {
	it('an SMS campaign is known by id, a voice campaign by _id, each falling back to the other', () => {
		const both = { id: 'sms-1', _id: 'cd-1' };
		expect([campaignIdOf(both, 'sms'), campaignIdOf(both, 'voice')]).toEqual(['sms-1', 'cd-1']);
		expect([campaignIdOf({ _id: 'cd-2' }, 'sms'), campaignIdOf({ id: 'sms-2' }, 'voice')]).toEqual([
			'cd-2',
			'sms-2',
		]);
	});
	it.each([[{}], [{ _id: 7 }], [{ _id: null, id: { $oid: 'x' } }]])(
		'a record without a text id has the empty id: %j',
		(record) => expect(campaignIdOf(record, 'voice')).toBe(''),
	);
});

describe('readListPage', () => {
	it('reads data.results and data.hasMore', () => {
		expect(
			readListPage({
				status: 'success',
				data: { results: [{ name: 'A' }], hasMore: true, skip: 0, limit: 1 },
			}),
		).toEqual({ results: [{ name: 'A' }], hasMore: true });
		expect(readListPage({ data: { results: [] } })).toEqual({ results: [], hasMore: false });
	});
	it.each([
		[{ status: 'success', message: 'ok' }],
		[{ status: 'success', id: 'cd-1' }],
		[{ status: 'success', data: { results: 'none' } }],
		[{ status: 'success', data: { results: [1, 2] } }],
		[{ status: 'success', data: [] }],
		[{ status: 'success', data: null }],
		[{ status: 'success', data: { results: [{ name: 'A' }, null] } }],
	])('an answer without a list of campaigns is not a page: %j', (body) => {
		expect(readListPage(body)).toBeUndefined();
	});
});

/**
 * A client that answers the pager's list calls with `pages`, in order, and records what was asked;
 * a call beyond them fails the test.
 */
function pagesClient(...pages: Array<Record<string, unknown>>) {
	const sent: KoreRequest[] = [];
	const client = {
		connection,
		send: async (request: KoreRequest) => {
			sent.push(request);
			const answer = pages.shift();
			if (answer === undefined) throw new Error(`unexpected call: ${request.label}`);
			return answer;
		},
		unreadable: (request: KoreRequest, expected: string) =>
			new Error(`${request.label}: no ${expected}`),
	} as unknown as KoreClient;
	return { client, sent };
}

/** A list answer with voice campaigns of these ids (undefined: a record without an id). */
const page = (ids: Array<string | undefined>, hasMore: boolean) => ({
	status: 'success',
	data: {
		results: ids.map((id, n) =>
			id === undefined ? { name: `nameless ${n}` } : { _id: id, name: id },
		),
		hasMore,
	},
});
const names = (count: number, from = 0) =>
	Array.from({ length: count }, (_, n) => `cp-${String(from + n).padStart(3, '0')}`);
const sortBy = { sortBy: { name: 'asc' as const } };

describe('CampaignPager', () => {
	it('walks to the last page, is done only then and never cut short, and makes no call after', async () => {
		const { client, sent } = pagesClient(page(names(50), true), page(names(12, 50), false));
		const pager = new CampaignPager(client, 'voice', sortBy);
		expect([pager.done, pager.cutShort]).toEqual([false, false]);

		expect(await pager.next(0)).toHaveLength(50);
		expect([pager.done, pager.cutShort]).toEqual([false, false]);
		expect(pager.position).toEqual({ skip: 50, pageSize: 50, pagesRead: 1 });

		expect(await pager.next(0)).toHaveLength(12);
		expect([pager.done, pager.cutShort]).toEqual([true, false]);
		// A short last page is the end of the list, not a cap on pages.
		expect(pager.position).toEqual({ skip: 62, pageSize: 50, pagesRead: 2 });

		expect(await pager.next(0)).toEqual([]);
		expect(sent.map((r) => (r.body as { skip: number }).skip)).toEqual([0, 50]);
	});

	it('a page longer than asked for does not raise the page size', async () => {
		const { client, sent } = pagesClient(page(names(60), true), page([], false));
		const pager = new CampaignPager(client, 'voice', sortBy);
		await pager.next(0);
		expect(pager.position).toEqual({ skip: 60, pageSize: 50, pagesRead: 1 });
		await pager.next(0);
		expect(sent[1].body).toMatchObject({ limit: 50, skip: 60, page: 2 });
	});

	it('an empty page that says there is more ends the walk and keeps the page size', async () => {
		const { client } = pagesClient(page([], true));
		const pager = new CampaignPager(client, 'voice', sortBy);
		expect(await pager.next(0)).toEqual([]);
		expect([pager.done, pager.cutShort]).toEqual([true, false]);
		expect(pager.position).toEqual({ skip: 0, pageSize: 50, pagesRead: 1 });
	});

	it('stops at its bound: cut short while Kore says there is more, not when the last page was the end', async () => {
		const atBound = { skip: 0, pageSize: 50, pagesRead: MAX_LIST_PAGES - 1 };
		const more = new CampaignPager(pagesClient(page(['a'], true)).client, 'voice', sortBy, atBound);
		await more.next(0);
		expect([more.done, more.cutShort]).toEqual([true, true]);
		expect(await more.next(0)).toEqual([]);

		const end = new CampaignPager(pagesClient(page(['a'], false)).client, 'voice', sortBy, atBound);
		await end.next(0);
		expect([end.done, end.cutShort]).toEqual([true, false]);
	});

	it('hands each id out once across pages; records without an id each come out', async () => {
		const { client } = pagesClient(
			page(['a', 'b', undefined], true),
			page(['b', undefined, 'c'], false),
		);
		const pager = new CampaignPager(client, 'voice', sortBy);
		expect((await pager.next(0)).map((r) => r._id ?? r.name)).toEqual(['a', 'b', 'nameless 2']);
		expect((await pager.next(0)).map((r) => r._id ?? r.name)).toEqual(['nameless 1', 'c']);
	});

	it('an answer that is not a list is reported through the client, naming what was missing', async () => {
		const { client } = pagesClient({ status: 'success', data: {} });
		await expect(new CampaignPager(client, 'sms', sortBy).next(0)).rejects.toThrow(
			'Listing SMS campaigns, page 1: no a campaign list (data.results)',
		);
	});
});
