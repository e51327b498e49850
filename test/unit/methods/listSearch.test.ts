import { parseToken } from '../../../nodes/KoreCampaign/methods/listSearch';

const START = { channel: 0, position: { skip: 0, pageSize: 50, pagesRead: 0 } };

/** The picker's "more" token (`channel:skip:pageSize:pagesRead`); anything else starts the list again. */
describe('parseToken', () => {
	it.each([
		['0:50:50:1', { channel: 0, position: { skip: 50, pageSize: 50, pagesRead: 1 } }],
		['1:10:5:2', { channel: 1, position: { skip: 10, pageSize: 5, pagesRead: 2 } }],
		['1:49950:50:999', { channel: 1, position: { skip: 49950, pageSize: 50, pagesRead: 999 } }],
	])('%j goes on at %j', (token, expected) => expect(parseToken(token)).toEqual(expected));

	it.each([
		undefined,
		'',
		'x',
		'0',
		'0:50',
		'0:50:50',
		'0:x:50:1',
		'x:50:50:1',
		'-1:50:50:1',
		'2:50:50:1',
		'0:-1:50:1',
		'0:50:0:1',
		'0:50:51:1',
		'0:50:50:0',
		'0:50:50:1000',
		'0:50000:50:1',
		'0:50.5:50:1',
		'0.5:50:50:1',
	])('%j starts from the first page of the first channel', (token) =>
		expect(parseToken(token)).toEqual(START),
	);
});
