import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { contactListJson } from '../../contacts/contactLists';
import type { ContactListRef } from '../../contacts/contactListTarget';
import {
	contactListUrl,
	findContactList,
	readContactListRef,
} from '../../contacts/contactListTarget';
import { asNodeError } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import { isRefusalAfterLostAnswer } from '../../transport/client';
import type { KoreConnection } from '../../transport/connection';
import type { KoreRequest } from '../../transport/request';
import {
	contactListField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation, prepareRef } from '../operation';
import { sharedCall } from '../callShared';
import type { ItemContext } from '../../run/runContext';

const RESOURCE = 'contactList';
const OPERATION = 'delete';

const description: INodeProperties[] = [
	contactListField(
		OPERATION,
		'The contact list to delete. A list a campaign uses is not deleted.',
		{ byId: true },
	),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** What the output says when a retry found the list gone after the first attempt's answer was lost. */
export const GONE_AFTER_LOST_ANSWER =
	'The first attempt got no answer and the retry found no such list: the first attempt deleted it.';

/** Kore's DELETE of one contact list: deleting it twice changes nothing, so it is safe to repeat. */
export function deleteContactListRequest(
	connection: KoreConnection,
	listId: string,
	name: string,
): KoreRequest {
	return {
		method: 'DELETE',
		url: contactListUrl(connection, listId),
		repeatable: true,
		label: `Deleting contact list ${JSON.stringify(name)} (${listId})`,
		hints: {
			rejected:
				'Kore.ai did not delete the list. Its message above says why; a list a campaign uses cannot be deleted.',
			notFound:
				'Kore.ai has no contact list with this ID for this bot: it may have been deleted already (Contact List → Get Many lists the lists).',
		},
	};
}

/** Delete: one contact list, after checking that no campaign uses it. */
export const deleteList = defineOperation<{ ref: ContactListRef; dryRun: boolean }>({
	resource: RESOURCE,
	option: {
		name: 'Delete',
		value: OPERATION,
		description: 'Delete a contact list that no campaign uses',
		action: 'Delete a contact list',
	},
	description,
	prepare: prepareRef(readContactListRef),
	async execute(run, { ref, dryRun }) {
		const { ctx, client, itemIndex } = run;
		// Deleted by an earlier try of this run (Retry On Fail): there is nothing left to find.
		const noteKey = `contact list delete ${JSON.stringify(ref)}`;
		const earlier = dryRun ? undefined : client.notedOutcome(noteKey);
		if (earlier !== undefined) return [{ ...earlier, callSentByItem: itemIndex }];
		// The run's one list call finds the list (by id too) and says which campaigns use it.
		const listed = contactListJson(await findContactList(run, ref));
		const id = listed.id as string;
		const name = listed.name as string;
		const campaigns = listed.campaigns as Array<{ id: string; name: string }>;
		if (listed.isListInUse === true || campaigns.length > 0) {
			const named = campaigns.map((c) => `${JSON.stringify(c.name)} (${c.id})`).join(', ');
			throw new NodeOperationError(
				ctx.getNode(),
				`Contact list ${JSON.stringify(name)} is used by ${
					campaigns.length === 0
						? 'a campaign'
						: `${campaigns.length === 1 ? 'the campaign' : `${campaigns.length} campaigns:`} ${named}`
				}; nothing was deleted.`,
				{
					itemIndex,
					description:
						'Remove the list from these campaigns in Kore.ai (or delete the campaigns) first, then run this item again.',
				},
			);
		}
		const request = deleteContactListRequest(client.connection, id, name);
		const summary: IDataObject = { id, name };
		if (dryRun) return [dryRunJson({ operation: OPERATION, ...summary }, request, client)];
		return await sharedCall(run, `delete list ${id}`, 'contact list', async () => {
			const json = await sendDelete(run, request, summary);
			client.noteOutcome(noteKey, json);
			return json;
		});
	},
});

/** Sends the delete; a 404 on a retry after a lost answer means that attempt deleted it. */
async function sendDelete(
	{ ctx, client, itemIndex }: ItemContext,
	request: KoreRequest,
	summary: IDataObject,
): Promise<IDataObject> {
	try {
		const answer = await client.send(request, itemIndex);
		const message = typeof answer.message === 'string' ? answer.message : '';
		return { ...summary, deleted: true, message };
	} catch (error) {
		if (
			error instanceof NodeApiError &&
			error.httpCode === '404' &&
			isRefusalAfterLostAnswer(error)
		) {
			return { ...summary, deleted: true, message: GONE_AFTER_LOST_ANSWER };
		}
		throw asNodeError(ctx, error, itemIndex);
	}
}
