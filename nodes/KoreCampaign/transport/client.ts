import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Slot } from './accountLimiter';
import { accountLimiter, WaitAborted, waitOrAbort } from './accountLimiter';
import type { KoreConnection } from './connection';
import {
	CREDENTIAL_TYPE,
	KoreCredentialError,
	koreHeaders,
	readAuth,
	readConnection,
} from './connection';
import { connectionFailure, credentialProblem } from './connectionErrors';
import type { KoreFailure, KoreOutcome } from './koreAnswer';
import { interpretKoreAnswer } from './koreAnswer';
import type { KoreRequest } from './request';
import type { RetryPolicy } from './retry';
import { backoffMs, DEFAULT_RETRY_POLICY, rateLimitPauseMs, retryLeft } from './retry';
import type { RunTries } from './triesMemory';

/** Where calls are made from: a node's run, the editor loading a list, or a trigger's poll. */
export type KoreContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** How one client paces, times out and retries its calls. */
export interface ClientSettings {
	/** 0 = no limit of its own (the account's other users still count). */
	requestsPerMinute: number;
	timeoutMs: number;
	maxRetries: number;
}

/** What the editor's list search and the trigger use: the node's defaults. */
export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
	requestsPerMinute: 60,
	timeoutMs: 30_000,
	maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
};

/** The generic advice after a lost answer to a call that is safe to repeat. */
export const HARMLESS_REPEAT =
	'Kore.ai may still have carried it out; running this item again does no harm.';

/**
 * Whether `error` is Kore refusing a retry after an earlier attempt of the call got no answer
 * (the first attempt may have done it: a delete's 404 then means it is gone). The client marks
 * such an error in its context.
 */
export function isRefusalAfterLostAnswer(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context.refusedAfterLostAnswer === true;
}

/** What a dry run shows in place of the token. */
export const REDACTED_TOKEN = '[redacted]';

/** A call not safe to repeat that went out: its label and the input items it answers for. */
export interface SentCall {
	label: string;
	items: number[];
}

/** The calls of one client that were not safe to repeat and went out (in this try of the node or an
 * earlier one): those Kore.ai accepted, and those it may have carried out although no answer came
 * back. */
export interface UnrepeatableCalls {
	accepted: SentCall[];
	uncertain: SentCall[];
}

/** What n8n's HTTP helper returns with `returnFullResponse: true`. */
interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
}

/** One execution's (or one poll's, or one list search's) way to Kore.ai. */
export class KoreClient {
	/** The Kore.ai account (host + account ID): the unit of Kore's rate limit. */
	private readonly account: string;
	private readonly retry: RetryPolicy;
	private readonly unrepeatable: UnrepeatableCalls = { accepted: [], uncertain: [] };

	private constructor(
		private readonly ctx: KoreContext,
		readonly connection: KoreConnection,
		private readonly credentials: ICredentialsDecrypted,
		private readonly settings: ClientSettings,
		/** Aborted when the run stops (a failure without Continue on Fail, or n8n's Stop). */
		private readonly signal: AbortSignal | undefined,
		/** What earlier tries of this run of the node sent (n8n's Retry On Fail), if known. */
		private readonly tries: RunTries | undefined,
	) {
		this.account = `${connection.host} ${connection.accountId}`;
		this.retry = { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries };
	}

	/** Reads and checks the credential once. */
	static async open(
		ctx: KoreContext,
		settings: ClientSettings,
		signal?: AbortSignal,
		tries?: RunTries,
	): Promise<KoreClient | KoreCredentialError> {
		const data: ICredentialDataDecryptedObject = await ctx.getCredentials(CREDENTIAL_TYPE);
		let connection: KoreConnection;
		try {
			readAuth(data);
			connection = readConnection(data);
		} catch (error) {
			if (error instanceof KoreCredentialError) return error;
			throw new NodeOperationError(ctx.getNode(), error as Error);
		}
		const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		// Handed to n8n's helper so it does not fetch and decrypt the credential for every call.
		const credentials = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data,
		};
		return new KoreClient(ctx, connection, credentials, settings, signal, tries);
	}

	/** Sends one request within the account's rate limit and returns Kore's JSON answer, or throws a
	 * NodeApiError for the item with Kore's own text. */
	async send(request: KoreRequest, itemIndex: number): Promise<Record<string, unknown>> {
		if (!request.repeatable) {
			const tried = this.tries?.recall(request);
			if (tried?.outcome === 'accepted') {
				this.unrepeatable.accepted.push(sentCall(request, itemIndex));
				return tried.answer;
			}
			if (tried?.outcome === 'uncertain')
				throw this.failed(tried.failure, request, tried.attempts, itemIndex, true);
		}
		let attempts = 0;
		// Rate-limit answers so far: they have their own retry budget.
		let rateLimited = 0;
		// The last attempt's failure: what a stop while waiting to try again must report.
		let last: KoreFailure | undefined;
		// An attempt got no answer: a later refusal may be because that attempt did it.
		let unanswered = false;
		for (;;) {
			let slot: Slot;
			try {
				slot = await accountLimiter.acquire(
					this.account,
					this.settings.requestsPerMinute,
					this.signal,
				);
			} catch (error) {
				throw this.stopped(error, request, itemIndex, last);
			}
			const outcome = await this.sendOnce(request);
			attempts++;
			if (outcome.ok) {
				if (!request.repeatable) {
					this.unrepeatable.accepted.push(sentCall(request, itemIndex));
					this.tries?.remember(request, {
						outcome: 'accepted',
						answer: outcome.body,
						...sentCall(request, itemIndex),
					});
				}
				return outcome.body;
			}
			if (unanswered && !outcome.maybeDone && !outcome.retryable) {
				throw this.failed(outcome, request, attempts, itemIndex, false, true);
			}
			unanswered ||= outcome.maybeDone;
			last = outcome;
			if (outcome.rateLimited) {
				rateLimited++;
				accountLimiter.rateLimited(this.account, slot, rateLimitPauseMs(outcome, this.retry));
			}
			const failed = { failures: attempts, rateLimited };
			const mayRetry =
				(request.repeatable || outcome.notCarriedOut) && retryLeft(outcome, failed, this.retry);
			if (!mayRetry) throw this.failed(outcome, request, attempts, itemIndex);
			// The backoff doubles with each failure of the same kind.
			const retry = outcome.rateLimited ? rateLimited : attempts - rateLimited;
			try {
				await waitOrAbort(backoffMs(outcome, retry, this.retry), this.signal);
			} catch (error) {
				throw this.stopped(error, request, itemIndex, last);
			}
		}
	}

	/** The error for an answer Kore.ai accepted but the operation cannot read (a field it needs is
	 * missing): what was expected, and Kore's message when it gave one. */
	unreadable(
		request: KoreRequest,
		expected: string,
		answer: Record<string, unknown>,
		itemIndex: number,
		description = 'Check the campaign in Kore.ai; if this keeps happening, Kore.ai may have changed its API (please report it).',
	): NodeApiError {
		const said =
			typeof answer.message === 'string' && answer.message !== '' ? `: ${answer.message}` : '';
		const message = `${request.label ? `${request.label}: ` : ''}Kore.ai answered without ${expected}${said}`;
		return new NodeApiError(this.ctx.getNode(), { message }, { message, description, itemIndex });
	}

	/** The calls not safe to repeat that this client sent so far. */
	unrepeatableCalls(): UnrepeatableCalls {
		const earlier = this.earlierCalls(() => true);
		const copy = (calls: SentCall[]) => calls.map((c) => ({ label: c.label, items: [...c.items] }));
		return {
			accepted: copy([...this.unrepeatable.accepted, ...earlier.accepted]),
			uncertain: copy([...this.unrepeatable.uncertain, ...earlier.uncertain]),
		};
	}

	/** Calls not safe to repeat that earlier tries of this run (Retry On Fail) sent for items
	 * matching `forItem` and that this try did not reach: the item's failure must still own up to
	 * them. */
	earlierCalls(forItem: (itemIndex: number) => boolean): UnrepeatableCalls {
		const calls = (this.tries?.notRecalled() ?? []).filter((c) => c.items.some(forItem));
		const named = (outcome: string) =>
			calls
				.filter((c) => c.outcome === outcome)
				.map((c) => ({ label: c.label, items: [...c.items] }));
		return { accepted: named('accepted'), uncertain: named('uncertain') };
	}

	/**
	 * Notes what an item's work came to, for later tries of this run (n8n's Retry On Fail): a
	 * delete done leaves nothing to find, so a later try must answer as this one did.
	 */
	noteOutcome(key: string, outcome: IDataObject): void {
		this.tries?.note(key, outcome);
	}

	/** The outcome an earlier try of this run noted under `key`, if any. */
	notedOutcome(key: string): IDataObject | undefined {
		return this.tries?.noted(key) as IDataObject | undefined;
	}

	/** Whether an earlier try of this run sent this call (it is answered as it was then). */
	sentBefore(request: KoreRequest): boolean {
		return this.tries?.sentBefore(request) ?? false;
	}

	/** The request as a dry run shows it: exactly what would be sent, the token redacted. */
	describe(request: KoreRequest): IDataObject {
		return {
			method: request.method,
			url: request.url,
			headers: koreHeaders(this.connection, REDACTED_TOKEN),
			...(request.body !== undefined ? { body: request.body as IDataObject } : {}),
		};
	}

	/** Sends once through n8n's authenticated HTTP helper. */
	private async sendOnce(request: KoreRequest): Promise<KoreOutcome> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			// Sent as ready-made JSON text: n8n's HTTP helper silently drops an empty object body,
			// and some of Kore's calls need exactly `{}`.
			...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
			json: true,
			timeout: this.settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		let response: FullResponse;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: this.credentials },
			)) as FullResponse;
		} catch (error) {
			const problem = credentialProblem(error);
			if (problem !== undefined) throw problem;
			return connectionFailure(error, this.connection.host, this.settings.timeoutMs);
		}
		return interpretKoreAnswer(
			response.statusCode,
			response.body,
			lowerCaseKeys(response.headers),
			Date.now(),
			request.hints,
		);
	}

	/** What may have happened, said honestly: never "safe to repeat" for a call that is not. */
	private maybeDoneAdvice(request: KoreRequest): string {
		if (request.hints?.maybeDone !== undefined) return request.hints.maybeDone;
		return request.repeatable
			? HARMLESS_REPEAT
			: 'Kore.ai may have carried it out. Check in Kore.ai before running this item again.';
	}

	/** The NodeApiError for a failed call. */
	private failed(
		failure: KoreFailure,
		request: KoreRequest,
		attempts: number,
		itemIndex: number,
		recalled = false,
		refusedAfterUnanswered = false,
	): NodeApiError {
		let message = request.label ? `${request.label}: ${failure.message}` : failure.message;
		if (attempts > 1) message += ` (after ${attempts} attempts)`;
		let description = failure.description;
		if (failure.maybeDone) {
			if (!request.repeatable) {
				message += '. Kore.ai may have carried it out';
				this.unrepeatable.uncertain.push(sentCall(request, itemIndex));
				if (!recalled) {
					this.tries?.remember(request, {
						outcome: 'uncertain',
						failure,
						attempts,
						...sentCall(request, itemIndex),
					});
				}
			}
			description = `${this.maybeDoneAdvice(request)} ${description}`;
		}
		if (recalled) {
			message += '; it was not sent again';
			description = `An earlier try of this node in this execution (Retry On Fail) sent this call and got no answer, so this try did not send it again. ${description}`;
		}
		if (refusedAfterUnanswered) {
			message += '. An earlier attempt got no answer and may have done it';
			// Kore's own advice for a refusal ("did not stop the campaign") may be untrue here.
			description = `${this.maybeDoneAdvice(request)} Kore.ai refused the retry, as it does when the first attempt already took effect.`;
		}
		const summary: JsonObject = { message };
		if (failure.httpCode !== 0) summary.httpCode = String(failure.httpCode);
		if (failure.koreText !== undefined) summary.koreMessage = failure.koreText;
		const error = new NodeApiError(this.ctx.getNode(), summary, {
			message,
			description,
			...(failure.httpCode !== 0 ? { httpCode: String(failure.httpCode) } : {}),
			itemIndex,
		});
		if (refusedAfterUnanswered) error.context.refusedAfterLostAnswer = true;
		return error;
	}

	/** The run stopped while this call waited. */
	private stopped(
		error: unknown,
		request: KoreRequest,
		itemIndex: number,
		last: KoreFailure | undefined,
	): Error {
		if (!(error instanceof WaitAborted) || last === undefined) return error as Error;
		return new NodeOperationError(
			this.ctx.getNode(),
			`The run stopped before this item's call was tried again; it had failed: ${last.message}`,
			{
				itemIndex,
				description: last.maybeDone
					? this.maybeDoneAdvice(request)
					: 'Kore.ai did not carry it out; run the item again.',
			},
		);
	}
}

/** How a call is named to the user (its label, else its method and address), with its items. */
function sentCall(request: KoreRequest, itemIndex: number): SentCall {
	return {
		label: request.label ?? `${request.method} ${request.url}`,
		items: request.items ?? [itemIndex],
	};
}
