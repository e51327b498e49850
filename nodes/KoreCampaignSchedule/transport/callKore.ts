import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { koreApiError } from '../helpers/errors';
import { connectionFailure, credentialProblem } from './connectionErrors';
import { CREDENTIAL_TYPE } from './connection';
import type { KoreOutcome, KoreSuccess } from './koreResponse';
import { interpretKoreResponse } from './koreResponse';
import type { AccountLimiter, Slot } from './accountLimiter';
import type { KoreRequest } from './endpoints';
import type { RetryPolicy } from './retry';
import { rateLimitPauseMs, withRetries } from './retry';

/** Where calls are made from: a node's run, or the editor loading a list (list search). */
export type KoreCallContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What n8n's HTTP helper returns with `returnFullResponse: true`. */
interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * Sends one request to Kore.ai through n8n's authenticated HTTP helper: the credential adds a
 * freshly signed `auth` token and the `accountId`/`iid` headers on every call.
 * HTTP errors do not throw; they come back as a KoreFailure, as do connection problems.
 * A credential problem throws the KoreCredentialError.
 */
async function sendOnce(
	ctx: KoreCallContext,
	transport: KoreTransport,
	request: KoreRequest,
): Promise<KoreOutcome> {
	const { host, timeoutMs } = transport;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		// Sent as ready-made JSON text: n8n's HTTP helper silently drops an empty object body,
		// and Kore's disable call needs exactly `{}`.
		body: JSON.stringify(request.body),
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
			{
				credentialsDecrypted: transport.credentials,
			},
		)) as FullResponse;
	} catch (error) {
		// A credential field the authenticate step refused: the router reports it for the item.
		const problem = credentialProblem(error);
		if (problem !== undefined) throw problem;
		return connectionFailure(error, host, timeoutMs);
	}
	return interpretKoreResponse(
		response.statusCode,
		response.body,
		lowerCaseKeys(response.headers),
		Date.now(),
		request.expects,
	);
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
}

/** How one execution talks to Kore.ai: shared by all its items. */
export interface KoreTransport {
	/** The run's credential, read once; the credential's authenticate signs a token per call. */
	credentials: ICredentialsDecrypted;
	host: string;
	/** The Kore.ai account (host + account ID): the unit of Kore's rate limit. */
	account: string;
	requestsPerMinute: number;
	/** Shared by every run in this process (module level). */
	limiter: AccountLimiter;
	timeoutMs: number;
	retry: RetryPolicy;
	/** Aborted when the run stops (a failure without Continue on Fail, or n8n's Stop). */
	signal: AbortSignal;
	/** Waits between retries; rejects at once when `signal` aborts. */
	wait: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Sends one item's request within the account's rate limit, retrying what may succeed later
 * (a fresh token is signed for every attempt). Returns Kore's success, or throws a NodeApiError
 * for the item with Kore's own text. A rate-limit answer holds back every caller of the account.
 */
export async function callKore(
	ctx: KoreCallContext,
	transport: KoreTransport,
	request: KoreRequest,
	itemIndex: number,
): Promise<KoreSuccess & { attempts: number }> {
	const { limiter, account, signal } = transport;
	let slot: Slot = { seq: -1 };
	const { outcome, attempts } = await withRetries(
		async () => {
			const answer = await sendOnce(ctx, transport, request);
			if (!answer.ok && answer.rateLimited)
				limiter.rateLimited(account, slot, rateLimitPauseMs(answer, transport.retry));
			return answer;
		},
		transport.retry,
		{
			beforeAttempt: async () => {
				slot = await limiter.acquire(account, transport.requestsPerMinute, signal);
			},
			waitBeforeRetry: async (ms) => await transport.wait(ms, signal),
		},
	);
	if (!outcome.ok) {
		const failure =
			attempts > 1
				? { ...outcome, message: `${outcome.message} (after ${attempts} attempts)` }
				: outcome;
		throw koreApiError(ctx, failure, itemIndex);
	}
	return { ...outcome, attempts };
}
