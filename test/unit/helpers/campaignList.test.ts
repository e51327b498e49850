import {
	campaignIdOf,
	campaignJson,
	listRequest,
	readListPage,
} from '../../../nodes/KoreCampaignSchedule/helpers/campaignList';
import { readConnection } from '../../../nodes/KoreCampaignSchedule/transport/connection';
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
