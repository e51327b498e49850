/**
 * The stand-in's call details (dev/standInCalls.js through dev/koreStandIn.js), through plain
 * HTTP requests signed as Kore wants: Kore's documented limits, the headers and the scope.
 */
import { signKoreJwt } from '../../nodes/KoreCampaign/transport/jwt';
import { KORE } from '../../dev/fixtures';
import { useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn({
	calls: [{ from: '2027-01-04T00:00:00Z', days: 7, count: 1500 }],
});

const BODY = {
	startDate: '2027-01-04 00:00:00',
	endDate: '2027-01-11 00:00:00',
	timeZoneOffset: 0,
	direction: 'Outbound',
	selectedFields: ['campaigninfo', 'customerinfo'],
	channels: [],
	queues: [],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function details(
	body: Json = BODY,
	query = 'offset=0&limit=100',
	headers: Record<string, string> = {},
	account = kore.accountId,
) {
	const response = await fetch(
		`${kore.url}/agentassist/api/public/analytics/account/${account}/v2/interactionDetails?${query}`,
		{
			method: 'POST',
			headers: {
				auth: signKoreJwt(KORE.clientId, KORE.clientSecret),
				accountId: kore.accountId,
				iId: KORE.botId,
				'Content-Type': 'application/json',
				...headers,
			},
			body: JSON.stringify(body),
		},
	);
	return { status: response.status, body: (await response.json()) as Json };
}

describe('stand-in: call details', () => {
	it('a week: numResults is the window total, 100 a page newest first, offset up to 10', async () => {
		const first = await details();
		expect(first.status).toBe(200);
		expect(first.body.numResults).toBe(1500);
		expect(first.body.data).toHaveLength(100);
		const times = first.body.data.map((r: Json) => r.sessionStartTime);
		expect([...times].sort().reverse()).toEqual(times);
		expect(first.body.data[0]).toMatchObject({
			Direction: 'Outbound',
			campaigninfo: { campaignId: expect.stringMatching(/^cd-/) },
			customerinfo: { phoneNumber: expect.stringMatching(/^\+1555/) },
		});
		const last = await details(BODY, 'offset=10&limit=100');
		expect(last.body.data).toHaveLength(100);
		// Calls 1,101 to 1,500 are out of reach of this window.
		expect((await details(BODY, 'offset=11&limit=100')).status).toBe(400);
	});

	it('refuses more than 7 days, a limit over 100, a wrong body, and reads timeZoneOffset', async () => {
		const eightDays = await details({ ...BODY, endDate: '2027-01-12 00:00:00' });
		expect(eightDays).toEqual({
			status: 400,
			body: { status: 'failure', message: "The days' range can't be more than seven days" },
		});
		expect((await details(BODY, 'offset=0&limit=101')).status).toBe(400);
		expect((await details(BODY, 'offset=0')).status).toBe(400);
		expect((await details({ ...BODY, direction: 'outbound' })).status).toBe(400);
		expect((await details({ ...BODY, extra: 1 })).status).toBe(400);
		// New York's midnight is 05:00 UTC: the same window shifted by 300 minutes.
		const shifted = await details({
			...BODY,
			startDate: '2027-01-03 19:00:00',
			endDate: '2027-01-10 19:00:00',
			timeZoneOffset: 300,
		});
		expect(shifted.body.numResults).toBe(1500);
	});

	it('checks the JWT, the iId header and the account in the path; refuses an app without the scope', async () => {
		expect((await details(BODY, undefined, { auth: 'not-a-jwt' })).status).toBe(401);
		expect((await details(BODY, undefined, { iId: 'st-other' })).status).toBe(400);
		expect((await details(BODY, undefined, {}, 'other-account')).status).toBe(400);
		kore.setAnalyticsScope(false);
		expect(await details()).toEqual({
			status: 401,
			body: { errors: [{ msg: 'You are not authorized to access this API', code: 401 }] },
		});
	});

	it('the history is the same on every reset; addCall adds or replaces one call', async () => {
		const before = kore.calls.map((r: Json) => r.conversationId);
		kore.reset();
		expect(kore.calls.map((r: Json) => r.conversationId)).toEqual(before);
		kore.addCall({ startedAt: '2027-01-05T10:00:00Z', endedAt: null, conversationId: 'c-x' });
		kore.addCall({ startedAt: '2027-01-05T10:00:00Z', conversationId: 'c-x' });
		const added = kore.calls.filter((r: Json) => r.conversationId === 'c-x');
		expect(added).toHaveLength(1);
		expect(added[0].sessionEndTime).toBe('2027-01-05T10:00:30.000Z');
		expect((await details()).body.numResults).toBe(1501);
	});
});
