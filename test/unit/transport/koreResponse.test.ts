import {
	interpretKoreResponse,
	koreText,
	parseRetryAfter,
} from '../../../nodes/KoreCampaignSchedule/transport/koreResponse';

describe('interpretKoreResponse', () => {
	it('reads a success', () => {
		expect(
			interpretKoreResponse(200, {
				status: 'success',
				message: 'Campaign X scheduled successfully',
				id: 'cd-1',
			}),
		).toEqual({
			ok: true,
			id: 'cd-1',
			status: 'success',
			message: 'Campaign X scheduled successfully',
		});
	});

	it.each([
		[
			200,
			{ status: 'failure', message: 'Campaign not found' },
			/Kore.ai reported a failure: Campaign not found/,
			false,
		],
		[200, { status: 'success', message: 'ok' }, /returned no campaign id/, false],
		[200, 'not json at all', /not JSON: "not json at all"/, false],
		[200, '', /empty body/, false],
		[200, { foo: 1 }, /without a "success" status/, false],
		[
			400,
			{ errors: [{ msg: 'endDateTime must be greater', code: 400 }] },
			/HTTP 400: endDateTime must be greater/,
			false,
		],
		[
			401,
			{ errors: [{ msg: 'error verifying the jwt: possibly a replay', code: 401 }] },
			/HTTP 401: error verifying the jwt: possibly a replay/,
			false,
		],
		[
			401,
			{ errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] },
			/Invalid SDK credentials/,
			false,
		],
		[403, {}, /HTTP 403 with no error message/, false],
		[
			404,
			{ status: 'failure', message: 'Campaign Z not found' },
			/HTTP 404: Campaign Z not found/,
			false,
		],
		[
			429,
			{ message: "You've exceeded the per-minute rate limit." },
			/rate limit was exceeded: You've exceeded/,
			true,
		],
		[
			200,
			{ status: 'failure', message: "You've exceeded the per-minute rate limit. Please wait" },
			/rate limit/,
			true,
		],
		[500, '', /HTTP 500 with an empty body/, false],
		[
			502,
			'<html><body><h1>502 Bad Gateway</h1></body></html>',
			/HTTP 502 with an HTML page \("502 Bad Gateway"\)/,
			true,
		],
		[503, 'upstream down', /HTTP 503 with "upstream down"/, true],
		[504, {}, /HTTP 504/, true],
	])('HTTP %i %j', (status, body, message, retryable) => {
		const outcome = interpretKoreResponse(status, body);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.message).toMatch(message);
		expect(outcome.retryable).toBe(retryable);
		expect(outcome.description.length).toBeGreaterThan(20);
	});

	it('a success whose message mentions a rate limit is a success (the message repeats the campaign name)', () => {
		expect(
			interpretKoreResponse(200, {
				status: 'success',
				message: 'Campaign Data Rate Limit Upsell | SMS scheduled successfully',
				id: 'cd-9',
			}),
		).toMatchObject({ ok: true, id: 'cd-9' });
		const noId = interpretKoreResponse(200, {
			status: 'success',
			message: 'Too Many Requests Promo scheduled',
		});
		expect(noId).toMatchObject({ ok: false, retryable: false });
		expect(noId).not.toHaveProperty('rateLimited');
	});

	it('marks only failures as rate limits: a 429, or a failure saying so', () => {
		expect(interpretKoreResponse(429, '')).toMatchObject({ rateLimited: true });
		expect(
			interpretKoreResponse(200, { status: 'failure', message: 'Too many requests' }),
		).toMatchObject({ rateLimited: true });
		expect(interpretKoreResponse(503, { message: 'rate limit' })).toMatchObject({
			rateLimited: true,
		});
		expect(interpretKoreResponse(400, { errors: [{ msg: 'bad date' }] })).not.toHaveProperty(
			'rateLimited',
		);
	});

	it('takes the wait from Retry-After', () => {
		const outcome = interpretKoreResponse(429, {}, { 'retry-after': '7' });
		expect(outcome).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
	});
});

describe('parseRetryAfter', () => {
	const now = Date.UTC(2027, 0, 1, 0, 0, 0);
	it.each([
		['3', 3000],
		['0.5', 500],
		[['2'], 2000],
		['Fri, 01 Jan 2027 00:00:10 GMT', 10000],
		['Thu, 31 Dec 2026 23:00:00 GMT', 0],
		[undefined, undefined],
		['soon', undefined],
	])('%j -> %j', (header, ms) => expect(parseRetryAfter(header, now)).toBe(ms));
});

describe('koreText', () => {
	it('joins errors[].msg, else message', () => {
		expect(koreText({ errors: [{ msg: 'a' }, { msg: 'b' }] })).toBe('a; b');
		expect(koreText({ message: 'm' })).toBe('m');
		expect(koreText('x')).toBeUndefined();
	});
});
