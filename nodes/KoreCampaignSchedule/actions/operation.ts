import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ReadParameter } from '../helpers/parameters';
import type { KoreConnection } from '../transport/connection';
import type { KoreClient } from '../transport/client';
import type { RunMemo } from '../helpers/runMemo';

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

/** The node's resources: what an operation acts on. */
export type Resource = 'campaign' | 'contactList';

/** Shows a field for one operation of one resource (and, optionally, more conditions). */
export function showFor(
	resource: Resource,
	operation: string,
	more: NonNullable<IDisplayOptions['show']> = {},
): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation], ...more } };
}

/**
 * One operation of the node, in one file (`actions/<resource>/<name>.operation.ts`): its resource,
 * its entry in that resource's Operation list, its fields, and its two steps. `prepare` reads and checks an item and sends nothing, so
 * that every item is checked before the first call; `execute` sends it (or describes it, for a
 * dry run) and returns the output json(s) for that item.
 */
export interface KoreOperation<Prepared = unknown> {
	resource: Resource;
	option: INodePropertyOptions & { value: string };
	description: INodeProperties[];
	prepare(input: ItemInput): Prepared;
	/**
	 * Sends the item's call(s) through the run's client and reads Kore's answer itself. `memo`
	 * holds what the run's items look up once and share (a campaign's id by its name).
	 */
	execute(
		ctx: IExecuteFunctions,
		prepared: Prepared,
		client: KoreClient,
		itemIndex: number,
		memo: RunMemo,
	): Promise<IDataObject[]>;
}

/** Declares an operation; its prepared items stay typed inside its own file. */
export function defineOperation<Prepared>(operation: KoreOperation<Prepared>): KoreOperation {
	return operation as unknown as KoreOperation;
}
