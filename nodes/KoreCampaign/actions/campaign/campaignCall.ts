import type { IDataObject } from 'n8n-workflow';

import { dryRunJson } from '../../run/output';
import type { ItemContext } from '../../run/runContext';
import type { KoreConnection } from '../../transport/connection';
import { enc, v2Url } from '../../transport/endpoints';
import type { KoreRequest, RequestHints } from '../../transport/request';

/** Enable (`true`) or disable a campaign's recurring schedule, by campaign name. */
export const scheduleUrl = (c: KoreConnection, campaignName: string, enable: boolean) =>
	v2Url(c, 'schedule', `enableSchedule=${enable}&campaignName=${enc(campaignName)}`);

/** One item's call to a campaign's schedule endpoint, checked and built (Schedule, Disable Schedule). */
export interface CampaignCall {
	request: KoreRequest;
	/** What was asked, repeated in the output. */
	summary: IDataObject;
	dryRun: boolean;
}

/** Schedule's and Disable Schedule's advice. */
export const SCHEDULE_HINTS: RequestHints = {
	rejected:
		'Kore.ai did not accept the request. Its message above says why; most often the campaign name does not match an existing campaign exactly, or the dates are not accepted (the end must be after the start and in the future).',
	notFound:
		"Kore.ai found no such campaign or bot. Check the campaign name (exact spelling, including spaces and |) and the credential's Bot ID and Host.",
	maybeDone:
		'Kore.ai may still have carried it out. Running this item again is safe: a new schedule replaces the previous one, and disabling twice changes nothing.',
};

/** The call that enables (with its body) or disables a campaign's schedule. */
export function scheduleCall(
	connection: KoreConnection,
	campaignName: string,
	body: IDataObject | undefined,
): KoreRequest {
	return {
		method: 'POST',
		url: scheduleUrl(connection, campaignName, body !== undefined),
		// Disabling takes exactly `{}`.
		body: body ?? {},
		repeatable: true,
		hints: SCHEDULE_HINTS,
	};
}

/** Sends the call and outputs Kore's id, status and message with the summary. */
export async function sendCampaignCall(
	{ client, itemIndex }: ItemContext,
	call: CampaignCall,
): Promise<IDataObject[]> {
	if (call.dryRun) return [dryRunJson(call.summary, call.request, client)];
	const answer = await client.send(call.request, itemIndex);
	if (answer.status !== 'success' || typeof answer.id !== 'string' || answer.id === '') {
		throw client.unreadable(
			call.request,
			'the campaign id, so the result cannot be confirmed',
			answer,
			itemIndex,
			'Check the campaign in Kore.ai before running this item again.',
		);
	}
	return [
		{
			id: answer.id,
			status: answer.status,
			message: typeof answer.message === 'string' ? answer.message : '',
			...call.summary,
		},
	];
}
