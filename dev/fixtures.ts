/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Values the stand-in expects and the tests sign with. Fake, local-only. */
export const KORE = {
	accountId: '6170a1b2c3d4e5f6a7b8c9d0',
	botId: 'st-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
	clientId: 'cs-9f8e7d6c-5b4a-3210-fedc-ba9876543210',
	clientSecret: 'stand-in-client-secret-Zq8vN3xR7tL2pW5k',
};

/**
 * A client-credentials credential for `target`: a host, or a running stand-in, whose current
 * account is used (a fresh one per test: the node's rate limiter is shared per account).
 */
export function clientCredentials(
	target: string | { url: string; accountId: string },
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		host: typeof target === 'string' ? target : target.url,
		accountId: typeof target === 'string' ? KORE.accountId : target.accountId,
		botId: KORE.botId,
		authMode: 'clientCredentials',
		clientId: KORE.clientId,
		clientSecret: KORE.clientSecret,
		...overrides,
	};
}

/** A schedule window safely in the future, as the date picker gives it. */
export const WINDOW = { startDateTime: '2031-01-27T18:29:00', endDateTime: '2031-02-27T18:29:00' };
