import { createHmac } from 'node:crypto';

import {
	checkPastedJwt,
	signKoreJwt,
	SUBJECT_CLAIM,
	TOKEN_LIFETIME_SECONDS,
} from '../../../nodes/KoreCampaign/transport/jwt';

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

describe('JWT edges, exactly', () => {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const token = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.sig`;
	it('the header is exactly HS256/JWT and iat is whole seconds, rounded down', () => {
		const [header, payload] = signKoreJwt('cs-1', 'secret', 1_999).split('.');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
			alg: 'HS256',
			typ: 'JWT',
		});
		expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
			iat: 1,
			exp: 1 + TOKEN_LIFETIME_SECONDS,
		});
	});
	it('a middle part that is JSON but not an object is refused', () => {
		for (const payload of [null, [1], 'text', 5]) {
			expect(checkPastedJwt(token(payload), 0)).toMatch(
				/^The JWT field does not hold a readable JSON Web Token \(its middle part is not a JSON object\)/,
			);
		}
	});
	it('expired means exp at or before now; a non-numeric exp is left to Kore', () => {
		expect(checkPastedJwt(token({ exp: 100 }), 100_000)).toBe(
			'The pasted JWT expired at 1970-01-01T00:01:40.000Z. Generate a new one, or switch Authentication to "Client ID and Secret" so n8n signs a fresh token for every request.',
		);
		expect(checkPastedJwt(token({ exp: 100 }), 99_999)).toBeUndefined();
		expect(checkPastedJwt(token({ exp: '100' }), 10_000_000)).toBeUndefined();
	});
});
