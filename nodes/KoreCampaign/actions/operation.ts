import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ReadParameter } from '../run/parameters';
import { readItemOptions } from '../run/parameters';
import type { KoreConnection } from '../transport/connection';
import type { ItemContext, RunContext } from '../run/runContext';

/** What an operation gets to read and check one item. */
export interface ItemInput {
	read: ReadParameter;
	itemIndex: number;
	/** When the run started, for "the end must be in the future". */
	nowMs: number;
	connection: KoreConnection;
	/** The workflow's timezone, read once per run. */
	workflowTimezone: string;
}

/** `prepare` of an operation on one thing `readRef` names (a campaign, a list): it and Dry Run. */
export function prepareRef<Ref>(readRef: (read: ReadParameter, itemIndex: number) => Ref) {
	return ({ read, itemIndex, workflowTimezone }: ItemInput): { ref: Ref; dryRun: boolean } => ({
		ref: readRef(read, itemIndex),
		dryRun: readItemOptions(read, itemIndex, workflowTimezone).dryRun,
	});
}

/** The node's resources: what an operation acts on. */
export type Resource = 'campaign' | 'contactList' | 'call';

/** Shows a field for one operation of one resource (and, optionally, more conditions). */
export function showFor(
	resource: Resource,
	operation: string,
	more: NonNullable<IDisplayOptions['show']> = {},
): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation], ...more } };
}

/** What every operation has: its resource, its entry in the Operation list, its fields, its check. */
interface OperationBase<Prepared> {
	resource: Resource;
	option: INodePropertyOptions & { value: string };
	description: INodeProperties[];
	/** Reads and checks one item and sends nothing, so that every item is checked before the first
	 * call; throws (an InputError) for an item that cannot be sent. */
	prepare(input: ItemInput): Prepared;
}

/** One operation of the node, in one file (`actions/<resource>/<name>.operation.ts`), that sends
 * each item on its own: `execute` sends it (or describes it, for a dry run) through the run's
 * client, reads Kore's answer itself and returns the output json(s) for that item. */
export interface ItemOperation<Prepared = unknown> extends OperationBase<Prepared> {
	execute(item: ItemContext, prepared: Prepared): Promise<IDataObject[]>;
}

/** One prepared item, as a batch operation receives it. */
export interface PreparedEntry<Prepared = unknown> {
	itemIndex: number;
	prepared: Prepared;
}

/** What became of one item of a batch. */
export type ItemOutcome = { outputs: IDataObject[] } | { outputs?: IDataObject[]; error: unknown };

/** An operation that sends many items in one call (Add Contacts). */
export interface BatchOperation<Prepared = unknown> extends OperationBase<Prepared> {
	/** Splits the prepared items (input order) into calls; every entry in exactly one batch. */
	batches(entries: Array<PreparedEntry<Prepared>>): Array<Array<PreparedEntry<Prepared>>>;
	/** Checks that need all of the run's items of the operation at once, made with the items' own
	 * checks (before anything is sent): the items it refuses, each with its error. */
	refuse?(entries: Array<PreparedEntry<Prepared>>): Map<number, Error>;
	executeBatch(run: RunContext, batch: Array<PreparedEntry<Prepared>>): Promise<ItemOutcome[]>;
}

/** An operation of the node: items sent one by one, or in batches. */
export type KoreOperation<Prepared = unknown> = ItemOperation<Prepared> | BatchOperation<Prepared>;

/** Whether the operation sends its items in batches. */
export function isBatchOperation(operation: KoreOperation): operation is BatchOperation {
	return 'executeBatch' in operation;
}

/** Declares an operation; its prepared items stay typed inside its own file. */
export function defineOperation<Prepared>(
	operation: ItemOperation<Prepared> | BatchOperation<Prepared>,
): KoreOperation {
	return operation as unknown as KoreOperation;
}
