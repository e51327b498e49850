import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from '../errors/errors';
import {
	asNodeError,
	errorItem,
	InputError,
	isNodeError,
	showValue,
	withEarlierTries,
	withUnrepeatableCalls,
} from '../errors/errors';
import type { ReadParameter } from '../run/parameters';
import { parameterReader, readCampaignName } from '../run/parameters';
import { mapInOrder } from '../run/pool';
import type { RunContext } from '../run/runContext';
import { RunMemo } from '../run/runMemo';
import { readRunSettings } from '../run/runSettings';
import { WaitAborted } from '../transport/accountLimiter';
import { KoreClient } from '../transport/client';
import { KoreCredentialError } from '../transport/connection';
import type { RunTries } from '../transport/triesMemory';
import { triesMemory } from '../transport/triesMemory';
import type { ItemOutcome } from './operation';
import { DEFAULT_RESOURCE, operationNamed, OPERATIONS } from './operations';
import type { PreparedItem } from './workUnits';
import { refusedAcross, workUnits } from './workUnits';

/** The item loop: every item is first read and checked by its operation, then sent, several units
 * of work in flight (Max Concurrency) within the account's rate limit (Requests per Minute) — a
 * unit is one item, or one batch of a batch operation (see workUnits.ts). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const nowMs = Date.now();
	const settings = readRunSettings(this);
	const continueOnFail = this.continueOnFail();
	// Stops the run: n8n's Stop, or (without Continue on Fail) the first failure.
	const stop = new AbortController();
	const cancelled = this.getExecutionCancelSignal();
	const onCancel = () => stop.abort();
	if (cancelled?.aborted) stop.abort();
	cancelled?.addEventListener('abort', onCancel, { once: true });
	try {
		const client = await KoreClient.open(this, settings, stop.signal, triesOfThisRun(this));
		const read = parameterReader(this);
		const workflowTimezone = this.getTimezone();

		// First every item is read and checked, as n8n's own nodes do.
		const checked = items.map((_, itemIndex): PreparedItem | NodeError => {
			try {
				if (client instanceof KoreCredentialError) throw client;
				const resource = read('resource', itemIndex, DEFAULT_RESOURCE);
				const ofResource = OPERATIONS.filter((o) => o.resource === resource);
				if (ofResource.length === 0) {
					const resources = [...new Set(OPERATIONS.map((o) => `"${o.resource}"`))].join(', ');
					throw new InputError(
						`Resource: ${showValue(resource)} is not supported; use one of ${resources}.`,
						'resource',
					);
				}
				const value = read('operation', itemIndex);
				const operation = operationNamed(resource, value);
				if (operation === undefined) {
					const known = ofResource.map((o) => `"${o.option.value}"`).join(', ');
					throw new InputError(
						`Operation: ${showValue(value)} is not supported for ${showValue(resource)}; use one of ${known}.`,
						'operation',
					);
				}
				return {
					operation,
					prepared: operation.prepare({
						read,
						itemIndex,
						nowMs,
						connection: client.connection,
						workflowTimezone,
					}),
				};
			} catch (caught) {
				return asNodeError(this, caught, itemIndex);
			}
		});
		const prepared = refusedAcross(checked, (error, itemIndex) =>
			asNodeError(this, error, itemIndex),
		);
		if (!continueOnFail) {
			const firstBad = prepared.find(isNodeError);
			if (firstBad) throw firstBad;
		}

		// A credential problem made every prepared item an error, so the client is open when used.
		const units = workUnits(prepared);
		const run: RunContext = {
			ctx: this,
			client: client as KoreClient,
			memo: new RunMemo(),
			read,
			stop: stop.signal,
		};
		const results: INodeExecutionData[][] = [];
		const sent = mapInOrder(units.length, settings.maxConcurrency, async (u) => {
			const unit = units[u];
			let outcomes: ItemOutcome[];
			try {
				if (stop.signal.aborted) throw new WaitAborted();
				outcomes = await unit.run(run);
			} catch (caught) {
				outcomes = unit.items.map(() => ({ error: caught }));
			}
			unit.items.forEach((itemIndex, k) => {
				const outcome = outcomes[k] ?? { error: new Error('the operation gave no outcome') };
				const paired = { item: itemIndex };
				const outputs = (outcome.outputs ?? []).map((json) => ({ json, pairedItem: paired }));
				if (!('error' in outcome)) {
					results[itemIndex] = outputs;
					return;
				}
				const error = asNodeError(this, outcome.error, itemIndex);
				if (!continueOnFail || stop.signal.aborted) {
					stop.abort();
					throw error;
				}
				// The run's final error names every item's calls; an error item names its own.
				const own =
					client instanceof KoreClient
						? withEarlierTries(
								error,
								client.earlierCalls((i) => i === itemIndex),
							)
						: error;
				results[itemIndex] = [
					...outputs,
					errorItem(own, itemIndex, givenCampaignName(read, itemIndex)),
				];
			});
		});
		try {
			await sent;
		} catch (caught) {
			// Every unit in flight has ended (mapInOrder waits for them): the client knows all it sent.
			const notDone = items.map((_, i) => i).filter((i) => results[i] === undefined);
			throw isNodeError(caught) && client instanceof KoreClient
				? withUnrepeatableCalls(caught, client.unrepeatableCalls(), notDone)
				: caught;
		}
		return [results.flat()];
	} finally {
		cancelled?.removeEventListener('abort', onCancel);
	}
}

/** What earlier tries of this run of the node sent (n8n's Retry On Fail runs it again with the same
 * execution id and run index; a Loop's next round is a new run index). */
function triesOfThisRun(ctx: IExecuteFunctions): RunTries | undefined {
	const execution = ctx.getExecutionId();
	if (typeof execution !== 'string' || execution === '') return undefined;
	const runIndex: unknown = ctx.getWorkflowDataProxy(0).$runIndex;
	return triesMemory.forRun(
		execution,
		ctx.getNode().name,
		typeof runIndex === 'number' ? runIndex : 0,
	);
}

/** The item's campaign name as given, for its error item. */
function givenCampaignName(read: ReadParameter, itemIndex: number): unknown {
	try {
		if (read('resource', itemIndex, DEFAULT_RESOURCE) !== DEFAULT_RESOURCE) return undefined;
		return readCampaignName(read, itemIndex);
	} catch {
		return undefined;
	}
}
