import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { KoreCredentialError } from '../../credentials/koreConnection';
import type { KoreFailure, KoreOutcome, KoreSuccess } from './koreResponse';
import { interpretKoreResponse } from './koreResponse';
import type { AccountLimiter, Slot } from './accountLimiter';
import type { KoreRequest } from './request';
import type { RetryPolicy } from './retry';
import { rateLimitPauseMs, withRetries } from './retry';

export const CREDENTIAL_TYPE = 'koreAiApi';

/** What n8n's HTTP helper returns with `returnFullResponse: true`. */
interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Node.js / axios error codes of a request that never got an answer. */
/**
 * Node.js / axios error codes of a request that never got an answer. `maybeDone`: the request
 * may have reached Kore.ai, so it may have been carried out.
 */
const CONNECTION_PROBLEMS: Record<string, { what: string; retryable: boolean; maybeDone?: boolean }> = {
	ECONNREFUSED: { what: 'the connection was refused (nothing is listening there)', retryable: false },
	ENOTFOUND: { what: 'the host name could not be found', retryable: false },
	EAI_AGAIN: { what: 'the host name could not be looked up (DNS)', retryable: true },
	ECONNRESET: { what: 'the connection was closed before Kore.ai answered', retryable: true, maybeDone: true },
	EPIPE: { what: 'the connection was closed while sending', retryable: true, maybeDone: true },
	ETIMEDOUT: { what: 'no answer came in time', retryable: true, maybeDone: true },
	ECONNABORTED: { what: 'no answer came in time', retryable: true, maybeDone: true },
	ESOCKETTIMEDOUT: { what: 'no answer came in time', retryable: true, maybeDone: true },
	EHOSTUNREACH: { what: 'the host is unreachable', retryable: true },
};

/** Said after a call that may have reached Kore.ai without its answer reaching us. */
const MAYBE_DONE =
	'Kore.ai may still have carried it out. Running this item again is safe: a new schedule replaces the previous one, and disabling twice changes nothing.';

/**
 * Walks an error's chain: n8n wraps the HTTP client's error in a NodeApiError, which keeps
 * the original as `errorResponse` (and, depending on the version, `cause`).
 */
function causes(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		chain.push(current as Record<string, unknown>);
		const { cause, errorResponse } = current as { cause?: unknown; errorResponse?: unknown };
		current = cause ?? errorResponse;
	}
	return chain;
}

/** Turns an error thrown before any answer arrived into a failure the user can act on. */
function connectionFailure(error: unknown, host: string, timeoutMs: number): KoreFailure {
	const chain = causes(error);
	const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string' && c in CONNECTION_PROBLEMS);
	const timedOut = chain.some((e) => typeof e.message === 'string' && /timeout/i.test(e.message));
	const problem = code !== undefined ? CONNECTION_PROBLEMS[code] : timedOut ? CONNECTION_PROBLEMS.ETIMEDOUT : undefined;
	const what =
		problem?.what === CONNECTION_PROBLEMS.ETIMEDOUT.what
			? `no answer came within ${Math.round(timeoutMs / 1000)} s`
			: (problem?.what ?? 'the request failed before any answer arrived');
	const advice =
		"Check the credential's Host (and that n8n can reach it through any proxy or firewall). A slow host can be given more time with the node's Timeout option.";
	return {
		ok: false,
		httpCode: 0,
		message: `Could not reach Kore.ai at ${host}: ${what}`,
		description: problem?.maybeDone ? `${MAYBE_DONE} ${advice}` : advice,
		retryable: problem?.retryable ?? false,
	};
}

/** Finds a credential problem raised by the credential's authenticate step, however wrapped. */
function credentialProblem(error: unknown): KoreCredentialError | undefined {
	return causes(error).find((e) => e.name === 'KoreCredentialError') as KoreCredentialError | undefined;
}

/**
 * Sends one request to Kore.ai through n8n's authenticated HTTP helper: the credential adds a
 * freshly signed `auth` token and the `accountId`/`iid` headers on every call.
 * HTTP errors do not throw; they come back as a KoreFailure, as do connection problems.
 * A credential problem throws the KoreCredentialError.
 */
async function sendOnce(ctx: IExecuteFunctions, transport: KoreTransport, request: KoreRequest): Promise<KoreOutcome> {
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
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: transport.credentials,
		})) as FullResponse;
	} catch (error) {
		// A credential field the authenticate step refused: the router reports it for the item.
		const problem = credentialProblem(error);
		if (problem !== undefined) throw problem;
		return connectionFailure(error, host, timeoutMs);
	}
	return interpretKoreResponse(response.statusCode, response.body, lowerCaseKeys(response.headers));
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
}

/**
 * The NodeApiError for a failed call. It is built from a clean summary, never from the HTTP
 * client's error, whose request config carries the signed token.
 */
function koreApiError(ctx: IExecuteFunctions, failure: KoreFailure, itemIndex: number): NodeApiError {
	const summary: JsonObject = { message: failure.message };
	if (failure.httpCode !== 0) summary.httpCode = String(failure.httpCode);
	if (failure.koreText !== undefined) summary.koreMessage = failure.koreText;
	return new NodeApiError(ctx.getNode(), summary, {
		message: failure.message,
		description: failure.description,
		...(failure.httpCode !== 0 ? { httpCode: String(failure.httpCode) } : {}),
		itemIndex,
	});
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
	ctx: IExecuteFunctions,
	transport: KoreTransport,
	request: KoreRequest,
	itemIndex: number,
): Promise<KoreSuccess & { attempts: number }> {
	const { limiter, account, signal } = transport;
	let slot: Slot = { epoch: -1 };
	const { outcome, attempts } = await withRetries(
		async () => {
			const answer = await sendOnce(ctx, transport, request);
			if (!answer.ok && answer.rateLimited) limiter.rateLimited(account, slot, rateLimitPauseMs(answer, transport.retry));
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
		const failure = attempts > 1 ? { ...outcome, message: `${outcome.message} (after ${attempts} attempts)` } : outcome;
		throw koreApiError(ctx, failure, itemIndex);
	}
	return { ...outcome, attempts };
}
