import {
	channelOfDetail,
	readCampaignRef,
} from '../../../nodes/KoreCampaign/campaigns/campaignTarget';
import {
	contactResultJson,
	readResultsPage,
} from '../../../nodes/KoreCampaign/actions/campaign/getResults.operation';
import { thrown } from '../../helpers/thrown';

const refOf = (campaignName: unknown) =>
	readCampaignRef(
		(name, _item, fallback) => (name === 'campaignName' ? campaignName : fallback),
		0,
	);

describe('readCampaignRef: the Campaign field as a name or an id', () => {
	it.each([
		['Spring | Voice', { by: 'name', name: 'Spring | Voice' }],
		['  Spring  ', { by: 'name', name: 'Spring' }],
		[2027, { by: 'name', name: '2027' }],
		[
			{ __rl: true, mode: 'list', value: 'A' },
			{ by: 'name', name: 'A' },
		],
		[
			{ __rl: true, mode: 'name', value: ' B ' },
			{ by: 'name', name: 'B' },
		],
		[
			{ __rl: true, mode: 'id', value: ' cd-1 ' },
			{ by: 'id', id: 'cd-1' },
		],
		[
			{ __rl: true, mode: 'id', value: 42 },
			{ by: 'id', id: '42' },
		],
	])('%j reads as %j', (value, expected) => expect(refOf(value)).toEqual(expected));

	it.each([
		[{ __rl: true, mode: 'id', value: '  ' }, /^Campaign ID is empty/],
		[{ __rl: true, mode: 'id', value: {} }, /^Campaign ID got \{\}/],
		[{ __rl: true, mode: 'id' }, /^Campaign ID is empty/],
		[{ __rl: true, mode: 'name', value: '' }, /^Campaign Name is empty/],
		['', /^Campaign Name is empty/],
	])('%j is refused, naming the field', (value, message) => {
		const error = thrown(() => refOf(value));
		expect(error.message).toMatch(message);
		expect(error.field).toBe('campaignName');
	});
});

describe('channelOfDetail: voice or SMS from a GET answer', () => {
	it.each([
		[{ campaignType: 'SMS', dialingMode: 'Progressive' }, 'sms'],
		[{ type: 'voice' }, 'voice'],
		[{ channel: 'sms' }, 'sms'],
		[{ type: 'campaign', dialingMode: 'Preview' }, 'voice'],
		[{ dialingStrategy: {} }, 'voice'],
		[{ dncLists: { name: 'x' } }, 'voice'],
		[{ format: 'text' }, 'sms'],
		[{ message: { template_name: 't' } }, 'sms'],
		[{ totalMessagesSent: 0 }, 'sms'],
		[{ campaignExecutionType: 'immediate' }, 'sms'],
		[{ name: 'x', status: 'Ready', contactLists: [] }, undefined],
	])('%j is %s', (data, channel) => expect(channelOfDetail(data)).toBe(channel));
});

describe('contact results', () => {
	const target = { id: 'cd-1', name: 'Spring', channel: 'voice' as const };

	it('a page: results and totalPages when Kore gives them; anything else is not a page', () => {
		expect(readResultsPage({ data: { results: [{ a: 1 }], totalPages: 3 } })).toEqual({
			results: [{ a: 1 }],
			totalPages: 3,
		});
		expect(readResultsPage({ data: { results: [], totalPages: '3' } })).toEqual({ results: [] });
		expect(readResultsPage({ data: { results: [], totalPages: 3, totalResults: 230 } })).toEqual({
			results: [],
			totalPages: 3,
			totalResults: 230,
		});
		for (const totalResults of ['230', -1, 2.5, null])
			expect(readResultsPage({ data: { results: [], totalResults } })).toEqual({ results: [] });
		expect(readResultsPage({ data: { results: [1] } })).toBeUndefined();
		expect(readResultsPage({ data: [] })).toBeUndefined();
		expect(readResultsPage({})).toBeUndefined();
	});

	it('a contact: Kore fields under the node names, missing ones empty', () => {
		expect(
			contactResultJson(
				{
					phoneNumber: '+1',
					uniqueId: 'u',
					dialerOutcome: 'Answered',
					numberOfAttemptsSoFar: 2,
					botOutboundStatus: 'Completed',
					botOutboundStatusDetail: 'd',
					agentDispositionCodes: ['A'],
					botSessionId: 'bs',
				},
				target,
			),
		).toEqual({
			campaignId: 'cd-1',
			campaignName: 'Spring',
			phoneNumber: '+1',
			uniqueId: 'u',
			dialerOutcome: 'Answered',
			attempts: 2,
			botOutboundStatus: 'Completed',
			botOutboundStatusDetail: 'd',
			agentDispositionCodes: ['A'],
			botSessionId: 'bs',
		});
		expect(
			contactResultJson({ numberOfAttemptsSoFar: '2', agentDispositionCodes: 'A' }, target),
		).toEqual({
			campaignId: 'cd-1',
			campaignName: 'Spring',
			phoneNumber: '',
			uniqueId: '',
			dialerOutcome: '',
			attempts: 0,
			botOutboundStatus: '',
			botOutboundStatusDetail: '',
			agentDispositionCodes: [],
			botSessionId: '',
		});
	});
});
