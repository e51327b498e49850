import {
	campaignJson,
	listRequest,
} from '../../../nodes/KoreCampaignSchedule/transport/campaignList';
import { readConnection } from '../../../nodes/KoreCampaignSchedule/transport/connection';
import { interpretKoreResponse } from '../../../nodes/KoreCampaignSchedule/transport/koreResponse';
import { clientCredentials, KORE } from '../../../dev/fixtures';

const connection = readConnection(
	clientCredentials('https://platform.kore.ai/', { accountId: 'acc 1/2' }),
);

describe('listRequest', () => {
	it('asks for one channel, one page: limit, skip and page agree; the account in the query', () => {
		expect(
			listRequest(connection, { channel: 'sms', page: 3, pageSize: 50, sortBy: { name: 'asc' } }),
		).toEqual({
			method: 'POST',
			url: `https://platform.kore.ai/campaign/api/v2/public/${KORE.botId}/campaign/getAllCampaignDetails?accountId=acc%201%2F2`,
			body: { type: 'sms', limit: 50, skip: 100, page: 3, sortBy: { name: 'asc' } },
			expects: 'campaignList',
		});
	});
	it('adds filters.status only when statuses are chosen', () => {
		const query = {
			channel: 'voice' as const,
			page: 1,
			pageSize: 10,
			sortBy: { createdAt: 'desc' as const },
		};
		expect(listRequest(connection, { ...query, statuses: [] }).body).not.toHaveProperty('filters');
		expect(
			listRequest(connection, { ...query, statuses: ['Ready', 'Paused'] }).body.filters,
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

describe('interpretKoreResponse, list answers', () => {
	it('a success carries the page', () => {
		const body = {
			status: 'success',
			message: 'ok',
			data: { results: [{ name: 'A' }], hasMore: true, skip: 0, limit: 1 },
		};
		expect(interpretKoreResponse(200, body, {}, 0, 'campaignList')).toEqual({
			ok: true,
			id: '',
			status: 'success',
			message: 'ok',
			page: { results: [{ name: 'A' }], hasMore: true },
		});
	});
	it.each([
		[{ status: 'success', message: 'ok' }],
		[{ status: 'success', data: { results: 'none' } }],
		[{ status: 'success', data: { results: [1, 2] } }],
	])('a success without a list of campaigns is a failure: %j', (body) => {
		expect(interpretKoreResponse(200, body, {}, 0, 'campaignList')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/returned no campaign list/),
		});
	});
	it('a list answer is not mistaken for a schedule answer, nor the other way round', () => {
		expect(
			interpretKoreResponse(
				200,
				{ status: 'success', id: 'cd-1', message: 'm' },
				{},
				0,
				'campaignList',
			),
		).toMatchObject({ ok: false });
		expect(interpretKoreResponse(200, { status: 'success', data: { results: [] } })).toMatchObject({
			ok: false,
			message: expect.stringMatching(/no campaign id/),
		});
		expect(
			interpretKoreResponse(
				200,
				{ status: 'success', data: { results: [] }, message: 'm' },
				{},
				0,
				'campaignList',
			),
		).toMatchObject({ ok: true, page: { results: [], hasMore: false } });
	});
});
