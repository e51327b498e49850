import type { NodeError } from '../errors/errors';
import { FailureAfterOutputs, isNodeError } from '../errors/errors';
import type { RunContext } from '../run/runContext';
import type { BatchOperation, ItemOutcome, KoreOperation, PreparedEntry } from './operation';
import { isBatchOperation } from './operation';

/** One item, read and checked by its operation: what to send, nothing sent yet. */
export interface PreparedItem {
	operation: KoreOperation;
	prepared: unknown;
}

/** A unit of a run's work: the items it answers for (input order) and how to run it. */
export interface WorkUnit {
	items: number[];
	/** One outcome per entry of `items`, in that order; throwing fails every one of them. */
	run(run: RunContext): Promise<ItemOutcome[]>;
}

/** An item that failed its check: its unit only reports the failure. */
function failedUnit(itemIndex: number, error: NodeError): WorkUnit {
	return {
		items: [itemIndex],
		run: async () => [{ error }],
	};
}

/** An item sent on its own; outputs it produced before failing come out before its error. */
function itemUnit(itemIndex: number, item: PreparedItem): WorkUnit {
	const operation = item.operation as Exclude<KoreOperation, BatchOperation>;
	return {
		items: [itemIndex],
		async run(run) {
			try {
				return [{ outputs: await operation.execute({ ...run, itemIndex }, item.prepared) }];
			} catch (error) {
				if (error instanceof FailureAfterOutputs)
					return [{ outputs: error.outputs, error: error.failure }];
				return [{ outputs: [], error }];
			}
		},
	};
}

/** A batch operation's items, split into its calls, each a unit; every item in exactly one. */
function batchUnits(operation: BatchOperation, entries: PreparedEntry[]): WorkUnit[] {
	const batches = operation.batches(entries);
	const covered = batches.flat().map((entry) => entry.itemIndex);
	const given = entries.map((entry) => entry.itemIndex);
	if (
		covered.length !== given.length ||
		[...covered].sort((a, b) => a - b).some((itemIndex, i) => itemIndex !== given[i])
	) {
		throw new Error(
			`${operation.option.name}: its batches must hold every item exactly once (items ${given.join(', ')}; batches ${covered.join(', ')})`,
		);
	}
	return batches
		.filter((batch) => batch.length > 0)
		.map((batch) => ({
			items: batch.map((entry) => entry.itemIndex),
			run: (run) => operation.executeBatch(run, batch),
		}));
}

/** The run's units of work, in the order they start. */
export function workUnits(prepared: Array<PreparedItem | NodeError>): WorkUnit[] {
	const slots: Array<WorkUnit | BatchOperation> = [];
	const batched = new Map<BatchOperation, PreparedEntry[]>();
	prepared.forEach((item, itemIndex) => {
		if (isNodeError(item)) slots.push(failedUnit(itemIndex, item));
		else if (isBatchOperation(item.operation)) {
			const entries = batched.get(item.operation);
			const entry = { itemIndex, prepared: item.prepared };
			if (entries) entries.push(entry);
			else {
				batched.set(item.operation, [entry]);
				slots.push(item.operation);
			}
		} else slots.push(itemUnit(itemIndex, item));
	});
	return slots.flatMap((slot) =>
		'items' in slot ? [slot] : batchUnits(slot, batched.get(slot) ?? []),
	);
}

/** The prepared items with those their batch operation refuses on seeing all of its items (its
 * `refuse`) turned into errors, so that they fail with the items' own checks. */
export function refusedAcross(
	prepared: Array<PreparedItem | NodeError>,
	asError: (error: unknown, itemIndex: number) => NodeError,
): Array<PreparedItem | NodeError> {
	const refused = new Map<number, Error>();
	const operations = new Set<BatchOperation>();
	for (const item of prepared)
		if (!isNodeError(item) && isBatchOperation(item.operation)) operations.add(item.operation);
	for (const operation of operations) {
		if (operation.refuse === undefined) continue;
		const entries = prepared.flatMap((item, itemIndex) =>
			!isNodeError(item) && item.operation === operation
				? [{ itemIndex, prepared: item.prepared }]
				: [],
		);
		for (const [itemIndex, error] of operation.refuse(entries)) refused.set(itemIndex, error);
	}
	return prepared.map((item, itemIndex) => {
		const error = refused.get(itemIndex);
		return error === undefined ? item : asError(error, itemIndex);
	});
}

/**
 * Entries grouped by `keyOf` (groups in order of first appearance), each group cut into batches
 * of its items' Batch Size in input order; each entry's `batch` is its batch's number, from 1
 * across the run.
 */
export function batchesBy<T extends { batchSize: number; batch?: number }>(
	entries: Array<PreparedEntry<T>>,
	keyOf: (prepared: T) => unknown[],
): Array<Array<PreparedEntry<T>>> {
	const groups = new Map<string, Array<PreparedEntry<T>>>();
	for (const entry of entries) {
		const key = JSON.stringify(keyOf(entry.prepared));
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}
	const batches: Array<Array<PreparedEntry<T>>> = [];
	for (const group of groups.values()) {
		const size = group[0].prepared.batchSize;
		for (let start = 0; start < group.length; start += size) {
			const batch = batches.length + 1;
			batches.push(
				group
					.slice(start, start + size)
					.map(({ itemIndex, prepared }) => ({ itemIndex, prepared: { ...prepared, batch } })),
			);
		}
	}
	return batches;
}
