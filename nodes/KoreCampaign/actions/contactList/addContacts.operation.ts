import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Contact } from '../../contacts/contacts';
import { contactListNameOf, contactOf, MAX_CONTACT_PRIORITY } from '../../contacts/contacts';
import { wholeNumber } from '../../run/parameters';
import { batchDryRun } from '../../run/output';
import type { KoreConnection } from '../../transport/connection';
import { enc } from '../../transport/endpoints';
import type { KoreRequest } from '../../transport/request';
import {
	contactListField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import type { PreparedEntry } from '../operation';
import { defineOperation, showFor } from '../operation';
import { batchesBy } from '../workUnits';

/** Add contacts to a list by its name (v1.1, the only documented way to add many at once). */
export const addContactsUrl = (c: KoreConnection) =>
	`${c.host}/api/1.1/public/${enc(c.botId)}/campaign/contactList/addContacts`;

const RESOURCE = 'contactList';
const OPERATION = 'addContacts';
const forAdd = showFor(RESOURCE, OPERATION);

/** Contacts per call: Kore documents no cap; 1,000 keeps one request body well under a megabyte. */
export const BATCH_SIZE = { default: 100, min: 1, max: 1_000 } as const;

const description: INodeProperties[] = [
	contactListField(OPERATION, 'The contact list to add to. Kore.ai finds it by its exact name.'),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123',
		description:
			'The number to dial, in international form: "+", country code and number (spaces, dashes, dots and brackets are dropped, and so is a "(0)" right after the country code)',
		displayOptions: forAdd,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forAdd,
		options: [
			{
				displayName: 'Contact Priority',
				name: 'contactPriority',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: MAX_CONTACT_PRIORITY, numberPrecision: 0 },
				description: "The contact's priority in the list (a whole number)",
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'America/New_York',
				description: "The contact's IANA time zone, e.g. Europe/Berlin",
			},
			{
				displayName: 'Unique ID',
				name: 'uniqueId',
				type: 'string',
				default: '',
				description: 'Your own ID for the contact (a CRM record ID, for example)',
			},
		],
	},
	optionsCollection(RESOURCE, OPERATION, [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			default: 100,
			typeOptions: { minValue: BATCH_SIZE.min, maxValue: BATCH_SIZE.max, numberPrecision: 0 },
			description:
				'How many contacts to send in one call. Kore.ai documents no cap; lower it if Kore.ai refuses large calls.',
		},
		dryRunOption,
		...runSettingOptions,
	]),
];

/** One item, checked: the contact and where it goes. */
interface ContactItem {
	listName: string;
	contact: Contact;
	batchSize: number;
	dryRun: boolean;
	/** Set when the item is put in a batch: the batch's number in the run, from 1. */
	batch?: number;
}

/** Advice for an add-contacts call that failed, naming the list. */
function addContactsHints(listName: string): KoreRequest['hints'] {
	const list = JSON.stringify(listName);
	return {
		rejected: `Kore.ai did not accept this batch for the list ${list}. Its message above says why. The node checked every phone number (E.164) and time zone before sending; check the other fields of these rows.`,
		notFound: `Kore.ai found no contact list named ${list}: Add Contacts finds a list by its exact name. Create it first (Contact List → Create, If the List Exists → Use Existing) or pick it From List.`,
		maybeDone: `The contacts of this batch may have been added to ${list}: the call may have reached Kore.ai although its answer did not come back, so the node did not send it again. Check the list's totalRecordCount (Contact List → Get Many) before running these rows again: on a list that allows duplicates they would be added twice, and Kore.ai does not document whether a list that disallows them skips a number it already has.`,
	};
}

/** One batch's call: the contacts for `listName`, by name (Kore's v1.1 addContacts). */
export function addContactsRequest(
	connection: KoreConnection,
	listName: string,
	contacts: Contact[],
	batch: number,
	items?: number[],
): KoreRequest {
	return {
		method: 'POST',
		url: addContactsUrl(connection),
		body: { contact_list_name: listName, data: contacts as unknown as IDataObject[] },
		// Sent twice, the contacts are added twice on a list that allows duplicates.
		repeatable: false,
		...(items !== undefined ? { items } : {}),
		label: `Contact list ${JSON.stringify(listName)}, batch ${batch} (${contacts.length} contacts)`,
		hints: addContactsHints(listName),
	};
}

/** Items grouped by list name (lists in order of first appearance; a different Batch Size or Dry
 * Run keeps items apart too), each group cut into batches of its Batch Size in input order,
 * numbered from 1 across the run. */
export function contactBatches(
	entries: Array<PreparedEntry<ContactItem>>,
): Array<Array<PreparedEntry<ContactItem>>> {
	return batchesBy(entries, (p) => [p.listName, p.batchSize, p.dryRun]);
}

/** Add Contacts: each item is one contact. */
export const addContacts = defineOperation<ContactItem>({
	resource: RESOURCE,
	option: {
		name: 'Add Contacts',
		value: OPERATION,
		description: 'Add each item as a contact to a contact list, many contacts per call',
		action: 'Add contacts to a contact list',
	},
	description,
	prepare({ read, itemIndex }) {
		const listName = contactListNameOf(
			read('contactList', itemIndex, '', { extractValue: true }),
			'Contact List',
			'contactList',
		);
		const additional = (read('additionalFields', itemIndex, {}) ?? {}) as IDataObject;
		const contact = contactOf({ ...additional, phoneNumber: read('phoneNumber', itemIndex, '') });
		const options = (read('options', itemIndex, {}) ?? {}) as IDataObject;
		const batchSize = wholeNumber(
			options.batchSize ?? BATCH_SIZE.default,
			'Batch Size',
			'options.batchSize',
			BATCH_SIZE.max,
		);
		return { listName, contact, batchSize, dryRun: options.dryRun === true };
	},
	batches: contactBatches,
	async executeBatch({ client }, entries) {
		const { listName, dryRun, batch = 0 } = entries[0].prepared;
		const request = addContactsRequest(
			client.connection,
			listName,
			entries.map((entry) => entry.prepared.contact),
			batch,
			entries.map((entry) => entry.itemIndex),
		);
		const about = (entry: PreparedEntry<ContactItem>): IDataObject => ({
			contactList: listName,
			phoneNumber: entry.prepared.contact.phoneNumber,
			batch,
			batchSize: entries.length,
		});
		if (dryRun) return batchDryRun(entries, about, request, client);
		// A failure throws: the router gives each item of the batch that error.
		const answer = await client.send(request, entries[0].itemIndex);
		const message = typeof answer.message === 'string' ? answer.message : '';
		return entries.map((entry) => ({
			outputs: [{ ...about(entry), status: 'accepted', message }],
		}));
	},
});
