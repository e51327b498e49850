import { NodeOperationError } from 'n8n-workflow';

import type { RunSettings } from '../helpers/runSettings';
import { accountLimiter, SYSTEM_CLOCK } from './accountLimiter';
import type { KoreCallContext, KoreTransport } from './callKore';
import type { KoreConnection } from './connection';
import { CREDENTIAL_TYPE, KoreCredentialError, readAuth, readConnection } from './connection';
import { DEFAULT_RETRY_POLICY } from './retry';

/** What every item of one execution shares: where Kore.ai is, and how calls are paced and retried. */
export interface KoreSession {
	connection: KoreConnection;
	transport: KoreTransport;
}

/**
 * Checks the credential and sets up the transport, once per execution. A credential problem is
 * returned, not thrown, so that with "Continue on Fail" each input still yields its own error item.
 */
export async function openSession(
	ctx: KoreCallContext,
	settings: RunSettings,
	signal: AbortSignal,
): Promise<KoreSession | KoreCredentialError> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let connection: KoreConnection;
	try {
		readAuth(credentials);
		connection = readConnection(credentials);
	} catch (error) {
		if (error instanceof KoreCredentialError) return error;
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		connection,
		transport: {
			// Handed to n8n's helper so it does not fetch and decrypt the credential for every call.
			credentials: {
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: CREDENTIAL_TYPE,
				data: credentials,
			},
			host: connection.host,
			account: `${connection.host} ${connection.accountId}`,
			requestsPerMinute: settings.requestsPerMinute,
			limiter: accountLimiter,
			timeoutMs: settings.timeoutMs,
			retry: { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries },
			signal,
			wait: SYSTEM_CLOCK.wait,
		},
	};
}
