import { createHmac } from 'node:crypto';

import {
	checkPastedJwt,
	signKoreJwt,
	SUBJECT_CLAIM,
	TOKEN_LIFETIME_SECONDS,
} from '../../../nodes/KoreCampaignSchedule/transport/jwt';

function decode(part: string) {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

describe('signKoreJwt', () => {
	const now = Date.UTC(2027, 0, 1, 12, 0, 0);
	const token = signKoreJwt('cs-app', 'secret-1', now);
	const [h, p, s] = token.split('.');

	it('is an HS256 JWT whose signature verifies with the client secret', () => {
		expect(decode(h)).toEqual({ alg: 'HS256', typ: 'JWT' });
		const expected = createHmac('sha256', 'secret-1').update(`${h}.${p}`).digest('base64url');
		expect(s).toBe(expected);
		const wrong = createHmac('sha256', 'secret-2').update(`${h}.${p}`).digest('base64url');
		expect(s).not.toBe(wrong);
	});

	it('carries appId, sub, iat, a short exp and a random jti', () => {
		const claims = decode(p);
		expect(claims).toEqual({
			sub: SUBJECT_CLAIM,
			appId: 'cs-app',
			iat: now / 1000,
			exp: now / 1000 + TOKEN_LIFETIME_SECONDS,
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(TOKEN_LIFETIME_SECONDS).toBeLessThanOrEqual(3600);
	});

	it('never repeats a token, even within the same millisecond', () => {
		const tokens = new Set(
			Array.from({ length: 200 }, () => signKoreJwt('cs-app', 'secret-1', now)),
		);
		expect(tokens.size).toBe(200);
	});

	it('does not contain the secret', () => {
		expect(Buffer.from(p, 'base64url').toString()).not.toContain('secret-1');
		expect(token).not.toContain('secret-1');
	});
});

describe('checkPastedJwt', () => {
	const now = Date.UTC(2027, 0, 1);
	const valid = signKoreJwt('cs-app', 's', now);

	it('accepts a well-formed, unexpired token', () => {
		expect(checkPastedJwt(valid, now)).toBeUndefined();
	});
	it('accepts a token without exp (Kore documents no lifetime)', () => {
		const noExp = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"appId":"x"}').toString('base64url')}.sig`;
		expect(checkPastedJwt(noExp, now)).toBeUndefined();
	});
	it.each([
		['', /empty/],
		['Bearer abc.def.ghi', /three parts/],
		['abc.def', /three parts/],
		['abc.%%%.ghi', /three parts/],
		[`abc.${Buffer.from('not json').toString('base64url')}.sig`, /not a JSON object/],
	])('rejects %j', (token, reason) => {
		expect(checkPastedJwt(token, now)).toMatch(reason);
	});
	it('rejects an expired token and says when it expired, without quoting it', () => {
		const message = checkPastedJwt(valid, now + (TOKEN_LIFETIME_SECONDS + 1) * 1000);
		expect(message).toMatch(/expired at 2027-01-01T00:05:00.000Z/);
		expect(message).not.toContain(valid);
	});
});
