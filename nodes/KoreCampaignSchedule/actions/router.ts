import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { KoreConnection } from '../../../credentials/koreConnection';
import { KoreCredentialError, readAuth, readConnection } from '../../../credentials/koreConnection';
import { InputError } from '../inputError';
import { dryRunJson, successJson } from '../output';
import { accountLimiter, SYSTEM_CLOCK, WaitAborted } from '../accountLimiter';
import { mapInOrder } from '../pool';
import type { KoreRequest } from '../request';
import { buildRequest } from '../request';
import { DEFAULT_RETRY_POLICY } from '../retry';
import type { KoreTransport } from '../transport';
import { callKore, CREDENTIAL_TYPE } from '../transport';
import type { KoreCommand } from '../validation';
import { validateItem } from '../validation';
import type { ExecutionSettings } from './executionSettings';
import { readExecutionSettings } from './executionSettings';
import { readItemParameters } from './itemParameters';
import type { ReadParameter } from './parameterReader';
import { parameterReader } from './parameterReader';

/** What every item of one execution shares: where Kore.ai is, and how calls are paced and retried. */
interface KoreSession {
	connection: KoreConnection;
	transport: KoreTransport;
}

/**
 * Checks the credential and sets up the transport, once per execution. A credential problem is
 * kept and reported on every item, so that with "Continue on Fail" each input still yields its
 * own error item.
 */
async function openSession(
	ctx: IExecuteFunctions,
	settings: ExecutionSettings,
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
			credentials: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data: credentials },
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

/** One item, read, checked and built: what to send, or to describe for a dry run. */
interface PreparedItem {
	command: KoreCommand;
	request: KoreRequest;
	dryRun: boolean;
}

/** Reads, checks and builds one item. Nothing is sent here. */
function prepareItem(
	ctx: IExecuteFunctions,
	read: ReadParameter,
	itemIndex: number,
	session: KoreSession | KoreCredentialError,
	nowMs: number,
): PreparedItem {
	if (session instanceof KoreCredentialError) throw session;
	const { params, options } = readItemParameters(ctx, read, itemIndex);
	const command = validateItem(params, nowMs);
	return { command, request: buildRequest(command, session.connection), dryRun: options.dryRun };
}

/** Sends one prepared item (or describes it, for a dry run) and makes its output item. */
async function sendItem(ctx: IExecuteFunctions, item: PreparedItem, session: KoreSession, itemIndex: number): Promise<INodeExecutionData> {
	if (item.dryRun) {
		return { json: dryRunJson(item.command, item.request, session.connection), pairedItem: { item: itemIndex } };
	}
	const answer = await callKore(ctx, session.transport, item.request, itemIndex);
	return { json: successJson(item.command, answer), pairedItem: { item: itemIndex } };
}

/** Any failure of an item as the n8n error it should be, with the item's index, wrapped once. */
function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: error.description ?? `Fix the "${error.field}" parameter for this item; nothing was sent to Kore.ai for it.`,
		});
	}
	if (error instanceof WaitAborted) {
		return new NodeOperationError(ctx.getNode(), 'Nothing was sent to Kore.ai for this item: the run stopped before its turn came.', {
			itemIndex,
			description: 'The execution was stopped, or an earlier item failed while "On Error" is set to stop the workflow.',
		});
	}
	if (error instanceof KoreCredentialError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: 'Open the Kore.ai API credential and correct the field named above.',
		});
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The error item "Continue on Fail" puts in place of a failed input, paired to it. Its json holds
 * only `error` and `details`: n8n routes exactly such items to the error output ("continue
 * (using error output)"), and keeps them as they are on the regular one. (An item carrying the
 * error object itself would be cut down by n8n to `{ error: message }`, losing the details.)
 */
function errorItem(read: ReadParameter, error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	let campaignName: unknown;
	try {
		campaignName = read('campaignName', itemIndex, '');
	} catch {
		campaignName = undefined;
	}
	return {
		json: {
			error: error.message,
			details: {
				...(error.description ? { description: error.description } : {}),
				...(error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : {}),
				...(typeof campaignName === 'string' ? { campaignName } : {}),
			},
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * Owns the item loop: one Kore.ai call per input item, several in flight (Max Concurrency)
 * within the rate limit (Requests per Minute), outputs in input order, each paired to its
 * input. With "Continue on Fail" a failed item becomes an error item and the rest go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const nowMs = Date.now();
	const settings = readExecutionSettings(this);
	const continueOnFail = this.continueOnFail();
	// Stops the run: n8n's Stop, or (without Continue on Fail) the first failure. Calls waiting
	// for their turn are abandoned at once; n8n aborts calls in flight on Stop by itself.
	const stop = new AbortController();
	const cancelled = this.getExecutionCancelSignal();
	if (cancelled?.aborted) stop.abort();
	cancelled?.addEventListener('abort', () => stop.abort(), { once: true });
	const session = await openSession(this, settings, stop.signal);
	const read = parameterReader(this);

	// First every item is read, checked and built, as n8n's own nodes do: without Continue on
	// Fail a bad row stops the run before anything is sent, and reading parameters (n8n's
	// expression evaluation, most of the CPU) does not hold up the calls once they start.
	const prepared = items.map((_, itemIndex): PreparedItem | NodeApiError | NodeOperationError => {
		try {
			return prepareItem(this, read, itemIndex, session, nowMs);
		} catch (caught) {
			return asNodeError(this, caught, itemIndex);
		}
	});
	if (!continueOnFail) {
		const firstBad = prepared.find((item) => item instanceof NodeApiError || item instanceof NodeOperationError);
		if (firstBad) throw firstBad;
	}

	const results = await mapInOrder(items.length, settings.maxConcurrency, async (itemIndex) => {
		const item = prepared[itemIndex];
		try {
			if (item instanceof NodeApiError || item instanceof NodeOperationError) throw item;
			if (stop.signal.aborted) throw new WaitAborted();
			// A credential problem made every prepared item an error, so the session is open here.
			return await sendItem(this, item, session as KoreSession, itemIndex);
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (!continueOnFail || stop.signal.aborted) {
				stop.abort();
				throw error;
			}
			return errorItem(read, error, itemIndex);
		}
	});
	return [results];
}
