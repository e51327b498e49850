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
		['120', 120_000],
		[' 7 ', 7000],
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

/** Whole outcomes, every field compared: each branch of the interpretation pinned down. */
describe('interpretKoreResponse, exactly', () => {
	const NOW = Date.UTC(2027, 0, 1);
	const hint = {
		400: /^Kore\.ai did not accept the request\./,
		401: /^Kore\.ai did not accept the token\./,
		403: /^The app is not allowed to manage campaigns\./,
		404: /^Kore\.ai found no such campaign or bot\./,
		429: /^Kore\.ai allows 60 campaign API calls per minute per account\./,
		'5xx': /^Kore\.ai had trouble on its side\./,
		failure: /^Kore\.ai answered but did not do it\./,
		notJson: /^Whatever answered is not Kore\.ai's campaign API/,
	};
	it.each([
		[
			200,
			{ status: 'success', id: 'cd-1' },
			{},
			{ ok: true, id: 'cd-1', status: 'success', message: '' },
		],
		[
			299,
			{ status: 'success', id: 'cd-2', message: 'm' },
			{},
			{ ok: true, id: 'cd-2', status: 'success', message: 'm' },
		],
		[
			300,
			{ status: 'success', id: 'cd-3' },
			{},
			{
				ok: false,
				httpCode: 300,
				message: 'Kore.ai answered HTTP 300 with no error message',
				description: hint[400],
				retryable: false,
			},
		],
		[
			199,
			{ status: 'success', id: 'cd-4' },
			{},
			{
				ok: false,
				httpCode: 199,
				message: 'Kore.ai answered HTTP 199 with no error message',
				description: hint[400],
				retryable: false,
			},
		],
		[
			200,
			{ status: 'success', id: '' },
			{},
			{
				ok: false,
				httpCode: 200,
				message:
					'Kore.ai reported success but returned no campaign id, so the result cannot be confirmed',
				description: /^Check the campaign in Kore\.ai/,
				retryable: false,
			},
		],
		[
			200,
			{ status: 'success', id: 7, message: 'done' },
			{},
			{
				ok: false,
				httpCode: 200,
				koreText: 'done',
				message:
					'Kore.ai reported success but returned no campaign id, so the result cannot be confirmed: done',
				description: /^Check the campaign/,
				retryable: false,
			},
		],
		[
			200,
			null,
			{},
			{
				ok: false,
				httpCode: 200,
				message: "Kore.ai answered HTTP 200 with an empty body instead of the campaign's status",
				description: hint.notJson,
				retryable: false,
			},
		],
		[
			200,
			undefined,
			{},
			{
				ok: false,
				httpCode: 200,
				message: "Kore.ai answered HTTP 200 with an empty body instead of the campaign's status",
				description: hint.notJson,
				retryable: false,
			},
		],
		[
			200,
			['x'],
			{},
			{
				ok: false,
				httpCode: 200,
				message: 'Kore.ai answered HTTP 200 with something that is not JSON: "["x"]"',
				description: hint.notJson,
				retryable: false,
			},
		],
		[
			200,
			{ status: 'pending', message: 'queued' },
			{},
			{
				ok: false,
				httpCode: 200,
				koreText: 'queued',
				message: 'Kore.ai answered HTTP 200 without a "success" status: queued',
				description: hint.notJson,
				retryable: false,
			},
		],
		[
			200,
			{ status: 'failure' },
			{},
			{
				ok: false,
				httpCode: 200,
				message: 'Kore.ai reported a failure',
				description: hint.failure,
				retryable: false,
			},
		],
		[
			401,
			{ errors: [{ msg: 'a' }, { message: 'b' }, 'c', { msg: '  ' }, { code: 1 }, 5] },
			{},
			{
				ok: false,
				httpCode: 401,
				koreText: 'a; b; c',
				message: 'Kore.ai answered HTTP 401: a; b; c',
				description: hint[401],
				retryable: false,
			},
		],
		[
			403,
			{ errors: [], message: 'scope' },
			{},
			{
				ok: false,
				httpCode: 403,
				koreText: 'scope',
				message: 'Kore.ai answered HTTP 403: scope',
				description: hint[403],
				retryable: false,
			},
		],
		[
			404,
			{ msg: 'gone' },
			{},
			{
				ok: false,
				httpCode: 404,
				koreText: 'gone',
				message: 'Kore.ai answered HTTP 404: gone',
				description: hint[404],
				retryable: false,
			},
		],
		[
			418,
			{ error: 'teapot' },
			{},
			{
				ok: false,
				httpCode: 418,
				koreText: 'teapot',
				message: 'Kore.ai answered HTTP 418: teapot',
				description: hint[400],
				retryable: false,
			},
		],
		[
			499,
			{ message: '   ' },
			{},
			{
				ok: false,
				httpCode: 499,
				message: 'Kore.ai answered HTTP 499 with no error message',
				description: hint[400],
				retryable: false,
			},
		],
		[
			500,
			'oops',
			{},
			{
				ok: false,
				httpCode: 500,
				message: 'Kore.ai answered HTTP 500 with "oops"',
				description: hint['5xx'],
				retryable: false,
			},
		],
		[
			501,
			null,
			{},
			{
				ok: false,
				httpCode: 501,
				message: 'Kore.ai answered HTTP 501 with an empty body',
				description: hint['5xx'],
				retryable: false,
			},
		],
		[
			502,
			undefined,
			{},
			{
				ok: false,
				httpCode: 502,
				message: 'Kore.ai answered HTTP 502 with an empty body',
				description: hint['5xx'],
				retryable: true,
			},
		],
		[
			503,
			'<!DOCTYPE html><p>down</p>',
			{},
			{
				ok: false,
				httpCode: 503,
				message:
					'Kore.ai answered HTTP 503 with an HTML page ("down"), probably from a proxy or gateway',
				description: hint['5xx'],
				retryable: true,
			},
		],
		[
			429,
			'',
			{ 'retry-after': '2.5' },
			{
				ok: false,
				httpCode: 429,
				message: "Kore.ai's rate limit was exceeded",
				description: hint[429],
				retryable: true,
				rateLimited: true,
				retryAfterMs: 2500,
			},
		],
		[
			400,
			{ message: 'Too Many Requests' },
			{},
			{
				ok: false,
				httpCode: 400,
				koreText: 'Too Many Requests',
				message: "Kore.ai's rate limit was exceeded: Too Many Requests",
				description: hint[429],
				retryable: true,
				rateLimited: true,
			},
		],
		[
			503,
			'x',
			{ 'retry-after': 'Fri, 01 Jan 2027 00:00:07 GMT' },
			{
				ok: false,
				httpCode: 503,
				message: 'Kore.ai answered HTTP 503 with "x"',
				description: hint['5xx'],
				retryable: true,
				retryAfterMs: 7000,
			},
		],
	])('HTTP %i %j %j', (status, body, headers, expected) => {
		const outcome = interpretKoreResponse(status, body, headers as Record<string, unknown>, NOW);
		const { description, ...rest } = expected as { description?: RegExp };
		// Strictly: a key present with the value undefined (retryAfterMs) is a difference too.
		if (description === undefined) expect(outcome).toStrictEqual(rest);
		else {
			expect(outcome).toStrictEqual({ ...rest, description: expect.any(String) });
			expect((outcome as { description: string }).description).toMatch(description);
		}
	});

	it('cuts a long non-JSON glimpse to 120 characters and strips tags and extra space', () => {
		const long = `<b>${'x'.repeat(200)}</b>   tail`;
		const outcome = interpretKoreResponse(200, long, {}, NOW) as { message: string };
		expect(outcome.message).toBe(
			`Kore.ai answered HTTP 200 with something that is not JSON: "${'x'.repeat(117)}..."`,
		);
		const short = interpretKoreResponse(500, `<i>a</i>\n\n  b${'y'.repeat(113)}`, {}, NOW) as {
			message: string;
		};
		expect(short.message).toBe(`Kore.ai answered HTTP 500 with "a b${'y'.repeat(113)}"`);
		const exactly120 = interpretKoreResponse(502, 'z'.repeat(120), {}, NOW) as { message: string };
		expect(exactly120.message).toBe(`Kore.ai answered HTTP 502 with "${'z'.repeat(120)}"`);
		const tags = interpretKoreResponse(502, '<b>Bad</b><i>Gateway</i>', {}, NOW) as {
			message: string;
		};
		expect(tags.message).toBe('Kore.ai answered HTTP 502 with "Bad Gateway"');
	});

	it('only a 2xx answer can be a success whose message merely mentions a rate limit', () => {
		const body = { status: 'success', id: 'cd-1', message: 'Rate limit upsell scheduled' };
		expect(interpretKoreResponse(200, body, {}, NOW)).toMatchObject({ ok: true });
		for (const status of [199, 300])
			expect(interpretKoreResponse(status, body, {}, NOW)).toMatchObject({
				ok: false,
				rateLimited: true,
				message: "Kore.ai's rate limit was exceeded: Rate limit upsell scheduled",
			});
	});

	it('a list answer without a message has an empty one', () => {
		const body = { status: 'success', data: { results: [], hasMore: false } };
		expect(interpretKoreResponse(200, body, {}, NOW, 'campaignList')).toStrictEqual({
			ok: true,
			id: '',
			status: 'success',
			message: '',
			page: { results: [], hasMore: false },
		});
	});

	it('a list answer that reports a failure is a failure, not a missing list', () => {
		expect(
			interpretKoreResponse(200, { status: 'failure', message: 'no bot' }, {}, NOW, 'campaignList'),
		).toMatchObject({ ok: false, message: 'Kore.ai reported a failure: no bot' });
	});

	it('koreText ignores what is not an object or has no usable text', () => {
		expect(koreText('text')).toBeUndefined();
		expect(koreText(null)).toBeUndefined();
		expect(koreText([{ msg: 'x' }])).toBeUndefined();
		expect(koreText({ errors: [{ msg: ' ' }], message: 'fallback' })).toBe('fallback');
		expect(koreText({ message: '', msg: 'second' })).toBe('second');
		expect(koreText({ message: 5 })).toBeUndefined();
	});

	it('parseRetryAfter reads seconds (also as a number), dates, and nothing else', () => {
		expect(parseRetryAfter(['3', '9'], NOW)).toBe(3000);
		expect(parseRetryAfter(4, NOW)).toBe(4000);
		expect(parseRetryAfter(' 1.25 ', NOW)).toBe(1250);
		expect(parseRetryAfter('x5', NOW)).toBeUndefined();
		expect(parseRetryAfter('5x', NOW)).toBeUndefined();
		expect(parseRetryAfter('Thu, 31 Dec 2026 23:59:00 GMT', NOW)).toBe(0);
		expect(parseRetryAfter(true, NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
	});
});
