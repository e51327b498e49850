import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { contactListJson } from '../../contacts/contactLists';
import type { ContactListRef } from '../../contacts/contactListTarget';
import {
	contactListUrl,
	findContactList,
	listIdOf,
	readContactListRef,
} from '../../contacts/contactListTarget';
import { showValue } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import type { KoreConnection } from '../../transport/connection';
import { isPlainObject } from '../../transport/isPlainObject';
import type { KoreRequest } from '../../transport/request';
import {
	contactListField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation, prepareRef } from '../operation';

const RESOURCE = 'contactList';
const OPERATION = 'get';

const description: INodeProperties[] = [
	contactListField(OPERATION, 'The contact list to read', { byId: true }),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** Fields of Kore's list that contactListJson already puts first, under the node's names. */
const LEADING_FIELDS = new Set([
	'_id',
	'id',
	'name',
	'description',
	'status',
	'totalRecordCount',
	'isListInUse',
	'campaignInUse',
	'allowDuplicates',
	'updatedAt',
]);

/** Kore's GET of one contact list: a read, safe to repeat. */
export function getContactListRequest(connection: KoreConnection, listId: string): KoreRequest {
	return {
		method: 'GET',
		url: contactListUrl(connection, listId),
		repeatable: true,
		label: `Reading contact list ${listId}`,
		hints: {
			notFound:
				"Kore.ai has no contact list with this ID for this bot. Check the ID (Contact List → Get Many lists them) and the credential's Bot ID.",
		},
	};
}

/** The output of Get: the list's fields as Get Many gives them, then everything else Kore.ai
 * returned. `listed` (the list call's record, when the name was looked up) fills in what the GET
 * leaves out; whether the list is in use is left out when neither says. */
export function contactListDetailJson(
	data: Record<string, unknown>,
	listed: Record<string, unknown> = {},
): IDataObject {
	const merged = { ...listed, ...data };
	const json = contactListJson(merged);
	if (merged.isListInUse === undefined && merged.campaignInUse === undefined) {
		delete json.isListInUse;
		delete json.campaigns;
	}
	const details = Object.fromEntries(
		Object.entries(data).filter(([key]) => !LEADING_FIELDS.has(key)),
	) as IDataObject;
	return { ...json, ...details };
}

/** Get: one contact list, read with Kore's GET. */
export const get = defineOperation<{ ref: ContactListRef; dryRun: boolean }>({
	resource: RESOURCE,
	option: {
		name: 'Get',
		value: OPERATION,
		description: "Get one contact list's status, contact count and the campaigns using it",
		action: 'Get a contact list',
	},
	description,
	prepare: prepareRef(readContactListRef),
	async execute(run, { ref, dryRun }) {
		const { client, itemIndex } = run;
		// By name the run's one list call gives the id; by id the GET is the only call.
		const listed = ref.by === 'name' ? await findContactList(run, ref) : undefined;
		const id = listed !== undefined ? listIdOf(listed) : ref.by === 'id' ? ref.id : '';
		const request = getContactListRequest(client.connection, id);
		if (dryRun) {
			const summary: IDataObject = { operation: OPERATION, id };
			if (ref.by === 'name') summary.name = ref.name;
			return [dryRunJson(summary, request, client)];
		}
		const answer = await client.send(request, itemIndex);
		const data = answer.data;
		if (!isPlainObject(data))
			throw client.unreadable(request, 'the contact list (data)', answer, itemIndex);
		const answeredId = data._id ?? data.id;
		if (answeredId !== undefined && answeredId !== id) {
			throw client.unreadable(
				request,
				`contact list ${id} (it answered with ${showValue(answeredId)})`,
				answer,
				itemIndex,
			);
		}
		return [contactListDetailJson({ ...data, _id: id }, listed)];
	},
});
