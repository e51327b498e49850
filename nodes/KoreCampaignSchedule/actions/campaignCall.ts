import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dryRunJson, successJson } from '../helpers/output';
import { callKore } from '../transport/callKore';
import type { KoreRequest } from '../transport/endpoints';
import type { KoreSession } from '../transport/session';

/** One item's call to a campaign's schedule endpoint, checked and built (Schedule, Disable Schedule). */
export interface CampaignCall {
	request: KoreRequest;
	/** What was asked, repeated in the output. */
	summary: IDataObject;
	dryRun: boolean;
}

/** Sends the call and outputs Kore's id, status and message with the summary; a dry run only describes it. */
export async function sendCampaignCall(
	ctx: IExecuteFunctions,
	call: CampaignCall,
	session: KoreSession,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (call.dryRun) return [dryRunJson(call.summary, call.request, session.connection)];
	const answer = await callKore(ctx, session.transport, call.request, itemIndex);
	return [successJson(answer, call.summary)];
}
