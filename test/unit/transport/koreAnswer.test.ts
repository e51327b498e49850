import {
	GENERIC_HINTS,
	interpretKoreAnswer,
	koreText,
	parseRetryAfter,
} from '../../../nodes/KoreCampaign/transport/koreAnswer';

const NOW = Date.UTC(2027, 0, 1);
const read = (status: number, body: unknown, headers: Record<string, unknown> = {}, hints = {}) =>
	interpretKoreAnswer(status, body, headers, NOW, hints);

describe('interpretKoreAnswer: what is a success', () => {
	it.each([
		[200, { status: 'success', id: 'cd-1' }],
		[299, { status: 'success', data: { results: [] } }],
		// Start and stop answer with the campaign's new state, add-contacts with a message only.
		[200, { status: 'Active', message: 'Campaign Started', campaignInstanceId: 'cid-1' }],
		[200, { status: 'Stopped', message: 'Campaign Stopped' }],
		[200, { message: 'Adding contacts to public list is in progress' }],
		[201, {}],
	])('HTTP %i %j is handed to the operation as it is', (status, body) => {
		expect(read(status, body)).toStrictEqual({ ok: true, body });
	});

	it.each([
		[200, { status: 'failure', message: 'Campaign X is not in a schedulable state' }],
		[200, { status: 'error', message: 'broken' }],
		[199, { status: 'success' }],
		[300, { status: 'success' }],
		[200, []],
		[200, 'text'],
		[200, ''],
		[200, null],
	])('HTTP %i %j is a failure', (status, body) => {
		expect(read(status, body).ok).toBe(false);
	});
});

describe('interpretKoreAnswer: failures, exactly', () => {
	it.each([
		[
			200,
			{
				status: 'failure',
				message: 'Campaign Acme Corporate Limited | Voice is not in a schedulable state',
			},
			{
				httpCode: 200,
				message:
					'Kore.ai reported a failure: Campaign Acme Corporate Limited | Voice is not in a schedulable state',
				description: GENERIC_HINTS.rejected,
				koreText: 'Campaign Acme Corporate Limited | Voice is not in a schedulable state',
				retryable: false,
				notCarriedOut: false,
				maybeDone: false,
			},
		],
		[
			404,
			{ status: 'failure', message: 'Campaign Data Rate Limit Upsel | SMS not found' },
			{
				httpCode: 404,
				message: 'Kore.ai answered HTTP 404: Campaign Data Rate Limit Upsel | SMS not found',
				description: GENERIC_HINTS.notFound,
				koreText: 'Campaign Data Rate Limit Upsel | SMS not found',
				retryable: false,
				notCarriedOut: false,
				maybeDone: false,
			},
		],
		[
			429,
			{ status: 'failure', message: "You've exceeded the per-minute rate limit. Please wait" },
			{
				httpCode: 429,
				message:
					"Kore.ai's rate limit was exceeded: You've exceeded the per-minute rate limit. Please wait",
				description: GENERIC_HINTS['429'],
				koreText: "You've exceeded the per-minute rate limit. Please wait",
				retryable: true,
				notCarriedOut: true,
				maybeDone: false,
				rateLimited: true,
			},
		],
		[
			429,
			'',
			{
				httpCode: 429,
				message: "Kore.ai's rate limit was exceeded",
				description: GENERIC_HINTS['429'],
				retryable: true,
				notCarriedOut: true,
				maybeDone: false,
				rateLimited: true,
			},
		],
		[
			401,
			{ errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] },
			{
				httpCode: 401,
				message: 'Kore.ai answered HTTP 401: Invalid SDK credentials',
				description: GENERIC_HINTS['401'],
				koreText: 'Invalid SDK credentials',
				retryable: false,
				notCarriedOut: false,
				maybeDone: false,
			},
		],
		[
			403,
			{},
			{
				httpCode: 403,
				message: 'Kore.ai answered HTTP 403 with no error message',
				description: GENERIC_HINTS['403'],
				retryable: false,
				notCarriedOut: false,
				maybeDone: false,
			},
		],
		[
			400,
			{ errors: [{ msg: 'a' }, { msg: 'b' }] },
			{
				httpCode: 400,
				message: 'Kore.ai answered HTTP 400: a; b',
				description: GENERIC_HINTS.rejected,
				koreText: 'a; b',
				retryable: false,
				notCarriedOut: false,
				maybeDone: false,
			},
		],
		[
			502,
			'<html><body><h1>502 Bad Gateway</h1></body></html>',
			{
				httpCode: 502,
				message:
					'Kore.ai answered HTTP 502 with an HTML page ("502 Bad Gateway"), probably from a proxy or gateway',
				description: GENERIC_HINTS['5xx'],
				retryable: true,
				notCarriedOut: false,
				maybeDone: true,
			},
		],
		[
			500,
			'',
			{
				httpCode: 500,
				message: 'Kore.ai answered HTTP 500 with an empty body',
				description: GENERIC_HINTS['5xx'],
				retryable: false,
				notCarriedOut: false,
				maybeDone: true,
			},
		],
		[
			503,
			'upstream down',
			{
				httpCode: 503,
				message: 'Kore.ai answered HTTP 503 with "upstream down"',
				description: GENERIC_HINTS['5xx'],
				retryable: true,
				notCarriedOut: false,
				maybeDone: true,
			},
		],
		[
			200,
			'<html>login</html>',
			{
				httpCode: 200,
				message: 'Kore.ai answered HTTP 200 with something that is not JSON: "login"',
				description: GENERIC_HINTS.notJson,
				retryable: false,
				notCarriedOut: false,
				maybeDone: true,
			},
		],
		[
			200,
			undefined,
			{
				httpCode: 200,
				message: 'Kore.ai answered HTTP 200 with an empty body',
				description: GENERIC_HINTS.notJson,
				retryable: false,
				notCarriedOut: false,
				maybeDone: true,
			},
		],
	])('HTTP %i %j', (status, body, expected) => {
		expect(read(status, body)).toStrictEqual({ ok: false, ...expected });
	});

	it("a rate limit is only HTTP 429 or Kore's own per-minute wording", () => {
		expect(read(503, { message: "You've exceeded the per-minute rate limit." })).toMatchObject({
			rateLimited: true,
			retryable: true,
			notCarriedOut: true,
		});
		for (const message of ['Too many requests', 'rate limit', 'Data Rate Limit Upsell not found'])
			expect(read(400, { status: 'failure', message })).not.toHaveProperty('rateLimited');
	});

	it("the operation's hints replace the generic 400, 404 and failure advice, not the others", () => {
		const hints = { rejected: 'R', notFound: 'N', maybeDone: 'M' };
		expect(read(400, {}, {}, hints)).toMatchObject({ description: 'R' });
		expect(read(422, {}, {}, hints)).toMatchObject({ description: 'R' });
		expect(read(200, { status: 'failure' }, {}, hints)).toMatchObject({ description: 'R' });
		expect(read(404, {}, {}, hints)).toMatchObject({ description: 'N' });
		expect(read(401, {}, {}, hints)).toMatchObject({ description: GENERIC_HINTS['401'] });
		expect(read(504, {}, {}, hints)).toMatchObject({ description: GENERIC_HINTS['5xx'] });
	});

	it('takes the wait from Retry-After', () => {
		expect(read(429, {}, { 'retry-after': '7' })).toMatchObject({ retryAfterMs: 7000 });
		expect(read(429, {})).not.toHaveProperty('retryAfterMs');
	});

	it('cuts a long non-JSON glimpse to 120 characters', () => {
		const outcome = read(200, `<p>${'word '.repeat(60)}</p>`);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		const shown = /"(.*)"$/.exec(outcome.message)?.[1] ?? '';
		expect(shown).toHaveLength(120);
		expect(shown.endsWith('...')).toBe(true);
	});

	it('shows a non-JSON glimpse of exactly 120 characters whole', () => {
		const body = 'x'.repeat(120);
		expect(read(200, body)).toMatchObject({
			message: `Kore.ai answered HTTP 200 with something that is not JSON: "${body}"`,
		});
	});

	it("shows a gateway's HTML page as its words, one space apart", () => {
		const page = '<html><body><h1>Bad</h1><p>Gateway</p>\n\n  <hr>nginx</body></html>';
		expect(read(502, page)).toMatchObject({
			message:
				'Kore.ai answered HTTP 502 with an HTML page ("Bad Gateway nginx"), probably from a proxy or gateway',
		});
	});

	it('shows a 2xx answer that is a bare JSON value (not an object) as its JSON text', () => {
		expect(read(200, 42)).toMatchObject({
			message: 'Kore.ai answered HTTP 200 with something that is not JSON: "42"',
			maybeDone: true,
		});
	});

	it.each([
		[200, null],
		[200, ''],
		[500, undefined],
		[500, null],
	])('calls HTTP %i with %j an empty body', (status, body) => {
		expect(read(status, body)).toMatchObject({
			message: `Kore.ai answered HTTP ${status} with an empty body`,
		});
	});
});

describe('parseRetryAfter', () => {
	it.each([
		['3', 3000],
		[3, 3000],
		['0.5', 500],
		[' 7 ', 7000],
		[['2'], 2000],
		['Fri, 01 Jan 2027 00:00:10 GMT', 10000],
		['Thu, 31 Dec 2026 23:00:00 GMT', 0],
		[undefined, undefined],
		[{}, undefined],
		['soon', undefined],
		['120', 120000],
		['1.25', 1250],
		['in 30', undefined],
		['30 seconds', undefined],
		['2027-01-01T00:00:10Z', 10000],
	])('%j -> %j', (header, ms) => expect(parseRetryAfter(header, NOW)).toBe(ms));
});

describe('koreText', () => {
	it('joins errors[].msg (or .message), else message, msg or error', () => {
		expect(koreText({ errors: [{ msg: 'a' }, { message: 'b' }, 'c', { msg: ' ' }] })).toBe(
			'a; b; c',
		);
		expect(koreText({ errors: [], message: 'm' })).toBe('m');
		expect(koreText({ msg: 'x' })).toBe('x');
		expect(koreText({ error: 'e' })).toBe('e');
		expect(koreText({ message: ' ' })).toBeUndefined();
		expect(koreText('x')).toBeUndefined();
		expect(koreText(['x'])).toBeUndefined();
	});

	it('falls back to message when no errors[] entry carries text', () => {
		expect(koreText({ errors: [{ code: 7 }, null], message: 'm' })).toBe('m');
	});
});
