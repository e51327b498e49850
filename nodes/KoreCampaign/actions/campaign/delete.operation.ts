import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CampaignRef, CampaignTarget } from '../../campaigns/campaignTarget';
import { describeTarget, findCampaign, readCampaignRef } from '../../campaigns/campaignTarget';
import { asNodeError } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import type { ItemContext } from '../../run/runContext';
import { isRefusalAfterLostAnswer } from '../../transport/client';
import type { KoreConnection } from '../../transport/connection';
import { accountQuery, enc, v2Url } from '../../transport/endpoints';
import type { KoreRequest } from '../../transport/request';
import {
	campaignNameField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation, prepareRef } from '../operation';
import { sharedCall } from '../callShared';

const RESOURCE = 'campaign';
const OPERATION = 'delete';

/** Deletes a campaign of either channel (the channel goes in `campaignType`). */
export const deleteCampaignUrl = (c: KoreConnection, target: CampaignTarget) =>
	v2Url(c, enc(target.id), `${accountQuery(c)}&campaignType=${target.channel}`);

const description: INodeProperties[] = [
	...campaignNameField(OPERATION, { byId: true }),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** What the output says when the retry of a delete found the campaign already gone. */
export const GONE_AFTER_LOST_ANSWER =
	'The first attempt got no answer and the retry found no such campaign: the first attempt deleted it.';

/** Kore's DELETE of a campaign: deleting twice changes nothing, so it is safe to repeat. */
export function deleteRequest(connection: KoreConnection, target: CampaignTarget): KoreRequest {
	return {
		method: 'DELETE',
		url: deleteCampaignUrl(connection, target),
		repeatable: true,
		label: `Deleting ${describeTarget(target)}`,
		hints: {
			rejected:
				'Kore.ai did not delete the campaign. Its message above says why; a running campaign (status Active) cannot be deleted: stop it first with the Stop operation, then delete it.',
			notFound:
				"Kore.ai has no campaign with this ID and channel for this bot (it may have been deleted already). Check the campaign (Get Many lists them) and the credential's Bot ID.",
			maybeDone:
				'Kore.ai may have deleted the campaign: check it with Get Many. Running this item again is safe: deleting twice changes nothing.',
		},
	};
}

/** Sends the delete; a 404 on a retry after a lost answer means the lost attempt deleted it. */
async function sendDelete(
	{ ctx, client, itemIndex }: ItemContext,
	request: KoreRequest,
	about: IDataObject,
): Promise<IDataObject> {
	let answer: Record<string, unknown>;
	try {
		answer = await client.send(request, itemIndex);
	} catch (error) {
		if (isRefusalAfterLostAnswer(error) && error.httpCode === '404')
			return { ...about, deleted: true, message: GONE_AFTER_LOST_ANSWER };
		throw asNodeError(ctx, error, itemIndex);
	}
	if (answer.status !== 'success') {
		throw client.unreadable(
			request,
			'status "success"',
			answer,
			itemIndex,
			'Check the campaign with Get Many; deleting it again is safe.',
		);
	}
	return {
		...about,
		deleted: true,
		message: typeof answer.message === 'string' ? answer.message : '',
	};
}

/** Delete: removes a campaign from Kore.ai. */
export const deleteCampaign = defineOperation<{ ref: CampaignRef; dryRun: boolean }>({
	resource: RESOURCE,
	option: {
		name: 'Delete',
		value: OPERATION,
		description: 'Delete a campaign (a running one must be stopped first)',
		action: 'Delete a campaign',
	},
	description,
	prepare: prepareRef(readCampaignRef),
	async execute(run, { ref, dryRun }) {
		const { client, itemIndex } = run;
		// Deleted by an earlier try of this run (Retry On Fail): there is nothing left to find.
		const noteKey = `campaign delete ${JSON.stringify(ref)}`;
		const earlier = dryRun ? undefined : client.notedOutcome(noteKey);
		if (earlier !== undefined) return [{ ...earlier, callSentByItem: itemIndex }];
		const target = await findCampaign(run, ref);
		const request = deleteRequest(client.connection, target);
		const about: IDataObject = { id: target.id, name: target.name, type: target.channel };
		if (dryRun) return [dryRunJson({ operation: OPERATION, ...about }, request, client)];
		return await sharedCall(run, `delete ${target.id}`, 'campaign', async () => {
			const json = await sendDelete(run, request, about);
			client.noteOutcome(noteKey, json);
			return json;
		});
	},
});
