import type { IDataObject, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WaitAborted } from '../transport/accountLimiter';
import type { KoreContext, SentCall, UnrepeatableCalls } from '../transport/client';
import { HARMLESS_REPEAT } from '../transport/client';
import { KoreCredentialError } from '../transport/connection';

/** The one place where failures become n8n errors. */

/** A problem with one item's parameters, found before anything is sent. */
export class InputError extends Error {
	constructor(
		message: string,
		/** The node parameter at fault, e.g. `startDateTime` or `options.timezone`. */
		readonly field: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** Shows a received value in a message: strings quoted, objects as JSON, long values cut. */
export function showValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (value === undefined) text = 'nothing';
	else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
		text = String(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export type NodeError = NodeApiError | NodeOperationError;

export function isNodeError(value: unknown): value is NodeError {
	return value instanceof NodeApiError || value instanceof NodeOperationError;
}

/** At most this many calls are named in an error; the others are counted (items are all named). */
const CALLS_NAMED = 5;

function callList(labels: readonly string[]): string {
	const named = labels.slice(0, CALLS_NAMED).join('; ');
	return labels.length > CALLS_NAMED ? `${named}; and ${labels.length - CALLS_NAMED} more` : named;
}

/** Input item numbers as ranges, in order: [0, 1, 2, 5, 7, 8] → "0–2, 5, 7–8". */
export function itemRanges(items: Iterable<number>): string {
	const sorted = [...new Set(items)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let i = 0; i < sorted.length; i++) {
		const first = sorted[i];
		while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
		ranges.push(first === sorted[i] ? `${first}` : `${first}–${sorted[i]}`);
	}
	return ranges.join(', ');
}

/** A run that stops at a failure loses the outputs of the items done before it. */
export function withUnrepeatableCalls(
	error: NodeError,
	calls: UnrepeatableCalls,
	notDone: readonly number[],
): NodeError {
	const { accepted, uncertain } = calls;
	if (accepted.length === 0 && uncertain.length === 0) return error;
	const count = (n: number) => (n === 1 ? 'a call' : `${n} calls`);
	const itemsOf = (sent: readonly SentCall[]) => sent.flatMap((call) => call.items);
	const parts: string[] = [];
	if (accepted.length > 0)
		parts.push(
			`Before the run stopped, Kore.ai accepted ${count(accepted.length)} of it that must not be sent again (input items ${itemRanges(itemsOf(accepted))}): ${callList(accepted.map((c) => c.label))}.`,
		);
	const others = uncertain.filter((call) => !error.message.startsWith(call.label));
	if (others.length > 0)
		parts.push(
			`Kore.ai may also have carried out ${count(others.length)} whose answer did not come back: ${callList(others.map((c) => c.label))}.`,
		);
	if (uncertain.length > 0)
		parts.push(
			`Input items that may have been carried out (no answer came back): ${itemRanges(itemsOf(uncertain))}.`,
		);
	const sent = new Set([...itemsOf(accepted), ...itemsOf(uncertain)]);
	const rest = notDone.filter((itemIndex) => !sent.has(itemIndex));
	if (rest.length > 0) parts.push(`Input items not done: ${itemRanges(rest)}.`);
	parts.push(
		'Running the same input again sends them all again: run only the items not done, or set Settings → On Error to "Continue (using error output)" to get every item\'s outcome.',
	);
	error.description = [error.description, ...parts].filter(Boolean).join(' ');
	return error;
}

/** An item's failure when earlier tries of the run (n8n's Retry On Fail) sent calls for it that
 * must not be sent again and this try did not reach them: says so first, and drops the advice that
 * running the item again does no harm. */
export function withEarlierTries(error: NodeError, calls: UnrepeatableCalls): NodeError {
	const { accepted, uncertain } = calls;
	if (accepted.length === 0 && uncertain.length === 0) return error;
	const named = [
		...accepted.map((c) => `${c.label} (accepted)`),
		...uncertain.map((c) => `${c.label} (no answer came back: it may have been carried out)`),
	];
	const note = `An earlier try of this node in this execution (Retry On Fail) already sent for this item what must not be sent again: ${callList(named)}. Check in Kore.ai before running this item again.`;
	const own = (error.description ?? '').replace(HARMLESS_REPEAT, '').trim();
	error.description = [note, own].filter(Boolean).join(' ');
	return error;
}

/** A failure after the item already produced outputs (Get Many's first pages). */
export class FailureAfterOutputs extends Error {
	constructor(
		readonly failure: unknown,
		readonly outputs: IDataObject[],
	) {
		super(failure instanceof Error ? failure.message : String(failure));
		this.name = 'FailureAfterOutputs';
	}
}

/** The failure to throw when `outputs` came before it. */
export function withOutputs(failure: unknown, outputs: IDataObject[]): FailureAfterOutputs {
	return new FailureAfterOutputs(failure, outputs);
}

/** The outputs a failure came after; [] for any other error. */
export function outputsBefore(error: unknown): IDataObject[] {
	return error instanceof FailureAfterOutputs ? error.outputs : [];
}

/** The same failure for another item. */
function copyForItem(ctx: KoreContext, error: NodeError, itemIndex: number): NodeError {
	const description = error.description ?? undefined;
	if (error instanceof NodeApiError) {
		return new NodeApiError(
			ctx.getNode(),
			(error.errorResponse as JsonObject | undefined) ?? { message: error.message },
			{
				message: error.message,
				description,
				...(error.httpCode ? { httpCode: error.httpCode } : {}),
				itemIndex,
			},
		);
	}
	return new NodeOperationError(ctx.getNode(), error.message, { description, itemIndex });
}

/** Any failure of an item as the n8n error it should be, with the item's index, wrapped once. */
export function asNodeError(ctx: KoreContext, error: unknown, itemIndex: number): NodeError {
	if (isNodeError(error)) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error.context.itemIndex === itemIndex ? error : copyForItem(ctx, error, itemIndex);
	}
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description:
				error.description ??
				`Fix the "${error.field}" parameter for this item; nothing was sent to Kore.ai for it.`,
		});
	}
	if (error instanceof WaitAborted) {
		return new NodeOperationError(
			ctx.getNode(),
			'Nothing was sent to Kore.ai for this item: the run stopped before its turn came.',
			{
				itemIndex,
				description:
					'The execution was stopped, or an earlier item failed while "On Error" is set to stop the workflow.',
			},
		);
	}
	if (error instanceof KoreCredentialError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: 'Open the Kore.ai API credential and correct the field named above.',
		});
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The error item "Continue on Fail" puts in place of a failed input, paired to it. */
export function errorItem(
	error: NodeError,
	itemIndex: number,
	campaignName: unknown,
): INodeExecutionData {
	return {
		json: {
			error: {
				message: error.message,
				...(error.description ? { description: error.description } : {}),
				...(error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : {}),
				...(typeof campaignName === 'string' ? { campaignName } : {}),
			},
		},
		pairedItem: { item: itemIndex },
	};
}

/** A failure one item's lookup met, as another item's own error (a shared lookup fails every item
 * that waited for it): the same message, advice and HTTP code, with that item's index. */
export function errorForItem(ctx: KoreContext, error: unknown, itemIndex: number): unknown {
	if (!isNodeError(error) || error.context.itemIndex === itemIndex) return error;
	const description = error.description ?? undefined;
	if (error instanceof NodeApiError) {
		const httpCode = error.httpCode ?? undefined;
		return new NodeApiError(
			ctx.getNode(),
			{ message: error.message, ...(httpCode ? { httpCode } : {}) },
			{ message: error.message, description, ...(httpCode ? { httpCode } : {}), itemIndex },
		);
	}
	return new NodeOperationError(ctx.getNode(), error.message, { description, itemIndex });
}
