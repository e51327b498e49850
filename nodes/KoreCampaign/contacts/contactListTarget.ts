import { NodeOperationError } from 'n8n-workflow';

import { errorForItem, InputError, showValue } from '../errors/errors';
import type { ReadParameter } from '../run/parameters';
import type { ItemContext } from '../run/runContext';
import type { KoreConnection } from '../transport/connection';
import { enc, v2Url } from '../transport/endpoints';
import { isPlainObject } from '../transport/isPlainObject';
import { fetchContactLists } from './contactLists';
import { contactListNameOf } from './contacts';

/** Which contact list an item means (Get, Get Contacts, Delete), and how the node finds its id. */

/** One contact list: `B/contactList/{id}` (GET reads it, DELETE deletes it). */
export const contactListUrl = (c: KoreConnection, listId: string) =>
	v2Url(c, `contactList/${enc(listId)}`);

/** The list as the item gives it: by name (From List, By Name) or By ID. */
export type ContactListRef = { by: 'name'; name: string } | { by: 'id'; id: string };

/** Reads the item's Contact List locator, unchecked by Kore. */
export function readContactListRef(read: ReadParameter, itemIndex: number): ContactListRef {
	const raw = read('contactList', itemIndex, '');
	const locator = isPlainObject(raw) ? (raw as { mode?: unknown; value?: unknown }) : undefined;
	if (locator?.mode === 'id') {
		const value = locator.value;
		const id = typeof value === 'string' ? value.trim() : '';
		if (id === '') {
			throw new InputError(
				`Contact List ID ${value === undefined || value === null || value === '' || typeof value === 'string' ? 'is empty' : `got ${showValue(value)}`}: enter the list's id as Kore.ai gives it (Get Many lists it, e.g. cl-…).`,
				'contactList',
			);
		}
		return { by: 'id', id };
	}
	return {
		by: 'name',
		name: contactListNameOf(
			locator === undefined ? raw : locator.value,
			'Contact List',
			'contactList',
		),
	};
}

/** How messages name the list the item means. */
export function describeRef(ref: ContactListRef): string {
	return ref.by === 'name' ? `contact list ${JSON.stringify(ref.name)}` : `contact list ${ref.id}`;
}

/** The bot's contact lists, read once per run (Kore's one list call, no paging) and shared by the
 * run's items; an item whose read did not fail itself gets the failure as its own error. */
export async function runContactLists(item: ItemContext): Promise<Array<Record<string, unknown>>> {
	const { ctx, client, memo, itemIndex } = item;
	const { answer, first } = memo.share('contact lists', () => fetchContactLists(client, itemIndex));
	try {
		return await answer;
	} catch (error) {
		throw first ? error : errorForItem(ctx, error, itemIndex);
	}
}

/** A list record's id (`_id` in the list call). */
export function listIdOf(record: Record<string, unknown>): string {
	const id = record._id ?? record.id;
	return typeof id === 'string' ? id : '';
}

/** The list of the run's list call that the item means: by exact name, or by id; an error naming
 * the list when there is none. */
export async function findContactList(
	item: ItemContext,
	ref: ContactListRef,
): Promise<Record<string, unknown>> {
	const { ctx, itemIndex } = item;
	const lists = await runContactLists(item);
	const found = lists.find((record) =>
		ref.by === 'name' ? record.name === ref.name : listIdOf(record) === ref.id,
	);
	if (found !== undefined && listIdOf(found) !== '') return found;
	if (ref.by === 'id') {
		throw new NodeOperationError(
			ctx.getNode(),
			`Kore.ai lists no contact list with the id ${JSON.stringify(ref.id)}.`,
			{
				itemIndex,
				description:
					"It may have been deleted already, or the id is mistyped. Contact List → Get Many lists the bot's lists with their ids; check the credential's Bot ID too.",
			},
		);
	}
	const alike = lists
		.filter(
			(record) =>
				typeof record.name === 'string' &&
				record.name.trim().toLowerCase() === ref.name.trim().toLowerCase(),
		)
		.slice(0, 3)
		.map((record) => JSON.stringify(record.name));
	throw new NodeOperationError(
		ctx.getNode(),
		`No contact list in Kore.ai is named ${JSON.stringify(ref.name)}.`,
		{
			itemIndex,
			description:
				alike.length > 0
					? `Names must match exactly; Kore.ai has ${alike.join(', ')}. Pick the list From List, or give it By ID.`
					: "Names must match exactly. Pick the list From List or give it By ID (Contact List → Get Many lists them); check the credential's Bot ID too.",
		},
	);
}
