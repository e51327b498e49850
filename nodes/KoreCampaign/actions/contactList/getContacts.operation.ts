import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { CONTACTS_PAGE_SIZE, ContactPager, contactIdOf } from '../../contacts/contactPages';
import type { ContactListRef } from '../../contacts/contactListTarget';
import { findContactList, listIdOf, readContactListRef } from '../../contacts/contactListTarget';
import { InputError, withOutputs } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import { readItemOptions, wholeNumber } from '../../run/parameters';
import {
	contactListField,
	dryRunOption,
	optionsCollection,
	returnAllAndLimit,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation } from '../operation';

const RESOURCE = 'contactList';
const OPERATION = 'getContacts';

/** Largest Limit: Get Contacts returns at most this many contacts unless Return All is on. */
const MAX_LIMIT = 10_000;

const description: INodeProperties[] = [
	contactListField(OPERATION, 'The contact list whose contacts to read', { byId: true }),
	...returnAllAndLimit(RESOURCE, OPERATION, MAX_LIMIT),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

interface ContactsReading {
	ref: ContactListRef;
	/** Undefined: all of them. */
	limit?: number;
	dryRun: boolean;
}

/** A contact as the node outputs it: Kore's fields, `_id` as `id`, and the list's id. */
export function contactJson(record: Record<string, unknown>, listId: string): IDataObject {
	const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== '_id'));
	return { id: contactIdOf(record), ...(rest as IDataObject), contactListId: listId };
}

/** Get Contacts: a list's contacts, page by page; one output item per contact. */
export const getContacts = defineOperation<ContactsReading>({
	resource: RESOURCE,
	option: {
		name: 'Get Contacts',
		value: OPERATION,
		description: 'List the contacts of one contact list, page by page',
		action: 'Get contacts of a contact list',
	},
	description,
	prepare({ read, itemIndex, workflowTimezone }) {
		const returnAll = read('returnAll', itemIndex, false) === true;
		return {
			ref: readContactListRef(read, itemIndex),
			limit: returnAll
				? undefined
				: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT),
			dryRun: readItemOptions(read, itemIndex, workflowTimezone).dryRun,
		};
	},
	async execute(run, { ref, limit, dryRun }) {
		const { client, itemIndex } = run;
		const listId = ref.by === 'name' ? listIdOf(await findContactList(run, ref)) : ref.id;
		const wanted = limit ?? Number.POSITIVE_INFINITY;
		const pager = new ContactPager(client, listId, Math.min(CONTACTS_PAGE_SIZE, wanted));
		if (dryRun) {
			const summary: IDataObject = { operation: OPERATION, id: listId };
			if (ref.by === 'name') summary.name = ref.name;
			return [dryRunJson(summary, pager.nextRequest(), client)];
		}
		const contacts: IDataObject[] = [];
		while (contacts.length < wanted && !pager.done) {
			let records: Array<Record<string, unknown>>;
			try {
				records = await pager.next(itemIndex);
			} catch (error) {
				throw withOutputs(error as Error, contacts);
			}
			for (const record of records.slice(0, wanted - contacts.length))
				contacts.push(contactJson(record, listId));
		}
		if (pager.stalled && contacts.length < wanted) {
			throw withOutputs(
				new InputError(
					`Kore.ai answered page ${pager.pagesRead} of list ${listId} with contacts it had already handed out, so the node cannot read further; ${contacts.length} contacts read.`,
					'returnAll',
					'Kore.ai may have changed how this call pages (it documents no paging parameters): please report it. Set a Limit to read only the first contacts.',
				),
				contacts,
			);
		}
		if (pager.cutShort && contacts.length < wanted) {
			throw withOutputs(
				new InputError(
					`Kore.ai lists more than ${pager.skip} contacts in list ${listId}; the node stops after ${pager.pagesRead} pages.`,
					'returnAll',
					'Set a Limit to read fewer contacts.',
				),
				contacts,
			);
		}
		return contacts;
	},
});
