import type { IDataObject } from 'n8n-workflow';

import type { KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { accountQuery, v2Url } from '../transport/endpoints';
import type { KoreRequest } from '../transport/request';
import { isPlainObject } from '../transport/isPlainObject';

/** Every contact list of the bot (no paging). */
export const listContactListsUrl = (c: KoreConnection) =>
	v2Url(c, 'contactList/getAllListDetails', `${accountQuery(c)}&type=call`);

/** The bot's contact lists as Kore's getAllListDetails gives them (one call, no paging: Kore's page
 * documents none), for Get Many, Create's "does it exist" and the list picker. */

type KoreRecord = Record<string, unknown>;

/** Every contact list of the bot: a read, safe to repeat. Kore's page sends no body. */
export function listContactListsRequest(connection: KoreConnection): KoreRequest {
	return {
		method: 'POST',
		url: listContactListsUrl(connection),
		repeatable: true,
		label: 'Listing contact lists',
		hints: {
			notFound: "Kore.ai found no such bot. Check the credential's Bot ID and Host.",
		},
	};
}

/** Reads every contact list of the bot (Kore's records), or throws for the item. */
export async function fetchContactLists(
	client: KoreClient,
	itemIndex: number,
): Promise<KoreRecord[]> {
	const request = listContactListsRequest(client.connection);
	const answer = await client.send(request, itemIndex);
	if (!Array.isArray(answer.data)) {
		throw client.unreadable(request, 'the list of contact lists (data)', answer, itemIndex);
	}
	return answer.data.filter(isPlainObject);
}

/** The list named exactly `name` (Kore's addContacts finds a list by its exact name). */
export function contactListNamed(records: KoreRecord[], name: string): KoreRecord | undefined {
	return records.find((record) => record.name === name);
}

/** `campaignInUse` as `[{ id, name }]`. */
function campaignsOf(value: unknown): IDataObject[] {
	if (!Array.isArray(value)) return [];
	return value.filter(isPlainObject).map((c) => ({
		id: typeof c.id === 'string' ? c.id : typeof c._id === 'string' ? c._id : '',
		name: typeof c.name === 'string' ? c.name : '',
	}));
}

/** A list record as the node outputs it. */
export function contactListJson(record: KoreRecord): IDataObject {
	const campaigns = campaignsOf(record.campaignInUse);
	const json: IDataObject = {
		id:
			typeof record._id === 'string' ? record._id : typeof record.id === 'string' ? record.id : '',
		name: typeof record.name === 'string' ? record.name : '',
		description: typeof record.description === 'string' ? record.description : '',
		status: typeof record.status === 'string' ? record.status : '',
		totalRecordCount: typeof record.totalRecordCount === 'number' ? record.totalRecordCount : 0,
		isListInUse:
			typeof record.isListInUse === 'boolean' ? record.isListInUse : campaigns.length > 0,
		campaigns,
	};
	if (typeof record.allowDuplicates === 'boolean') json.allowDuplicates = record.allowDuplicates;
	if (typeof record.updatedAt === 'string') json.updatedAt = record.updatedAt;
	return json;
}
