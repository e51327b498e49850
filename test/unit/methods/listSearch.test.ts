import { parseToken } from '../../../nodes/KoreCampaignSchedule/methods/listSearch';

/** The picker's "more" token (`channel:page`); anything else starts the list again. */
describe('parseToken', () => {
	it.each([
		['0:2', { channel: 0, page: 2 }],
		['1:1', { channel: 1, page: 1 }],
		['1:1000', { channel: 1, page: 1000 }],
	])('%j goes on at %j', (token, expected) => expect(parseToken(token)).toEqual(expected));

	it.each([
		undefined,
		'',
		'x',
		'0',
		'0:x',
		'x:2',
		'-1:2',
		'2:1',
		'0:0',
		'0:1001',
		'0:1.5',
		'0.5:1',
	])('%j starts from the first page of the first channel', (token) =>
		expect(parseToken(token)).toEqual({ channel: 0, page: 1 }),
	);
});
