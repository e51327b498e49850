import { createHmac, randomUUID } from 'node:crypto';

import { isPlainObject } from './isPlainObject';

/** How long a token we sign stays valid. Kore caps tokens carrying a `jti` at one hour. */
export const TOKEN_LIFETIME_SECONDS = 5 * 60;

/** `sub` claim: Kore accepts any identifier here; this one names the caller. */
export const SUBJECT_CLAIM = 'n8n-nodes-kore-campaign';

export interface KoreJwtClaims {
	sub: string;
	appId: string;
	iat: number;
	exp: number;
	jti: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** Signs a fresh HS256 JWT for Kore.ai's public APIs with the app's client secret. */
export function signKoreJwt(
	clientId: string,
	clientSecret: string,
	nowMs: number = Date.now(),
): string {
	const iat = Math.floor(nowMs / 1000);
	const claims: KoreJwtClaims = {
		sub: SUBJECT_CLAIM,
		appId: clientId,
		iat,
		exp: iat + TOKEN_LIFETIME_SECONDS,
		jti: randomUUID(),
	};
	const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(
		JSON.stringify(claims),
	)}`;
	const signature = createHmac('sha256', clientSecret).update(signingInput).digest('base64url');
	return `${signingInput}.${signature}`;
}

/** Three base64url segments, the last (signature) possibly empty: the JWS compact form. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Checks that a pasted token looks like a JWT and has not expired, without verifying its signature
 * (only Kore can). */
export function checkPastedJwt(token: string, nowMs: number = Date.now()): string | undefined {
	if (token === '') {
		return 'The JWT field is empty. Paste a token generated for your Kore.ai app, or switch Authentication to "Client ID and Secret" to let n8n sign one per request.';
	}
	if (!JWT_SHAPE.test(token)) {
		return 'The JWT field does not hold a JSON Web Token (expected three parts separated by dots, like xxxxx.yyyyy.zzzzz). Paste the whole token, without "Bearer" or quotes.';
	}
	let payload: unknown;
	try {
		payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
	} catch {
		payload = undefined;
	}
	if (!isPlainObject(payload)) {
		return 'The JWT field does not hold a readable JSON Web Token (its middle part is not a JSON object). Paste the token exactly as Kore.ai generated it.';
	}
	const exp = payload.exp;
	if (typeof exp === 'number' && exp * 1000 <= nowMs) {
		return `The pasted JWT expired at ${new Date(exp * 1000).toISOString()}. Generate a new one, or switch Authentication to "Client ID and Secret" so n8n signs a fresh token for every request.`;
	}
	return undefined;
}
