import type { IDataObject } from 'n8n-workflow';

import type { KoreConnection } from './connection';

import type { KoreAnswerKind } from './koreResponse';

/** One call to Kore's Campaign Management API, ready to send (headers come from the credential). */
export interface KoreRequest {
	method: 'POST';
	url: string;
	body: IDataObject;
	/** What a successful answer carries (default: a campaign id). */
	expects?: KoreAnswerKind;
}

/** `…/public/{botId}/campaign`: where the campaign endpoints of the credential's bot live. */
function campaignBase(connection: KoreConnection): string {
	return `${connection.host}/campaign/api/v2/public/${encodeURIComponent(connection.botId)}/campaign`;
}

/** `…/campaign/schedule?enableSchedule=…&campaignName=…`, with the bot id and name encoded. */
export function scheduleUrl(
	connection: KoreConnection,
	campaignName: string,
	enable: boolean,
): string {
	return `${campaignBase(connection)}/schedule?enableSchedule=${enable}&campaignName=${encodeURIComponent(campaignName)}`;
}

/** `…/campaign/getAllCampaignDetails?accountId=…`: Kore's campaign list (one channel per call). */
export function listUrl(connection: KoreConnection): string {
	return `${campaignBase(connection)}/getAllCampaignDetails?accountId=${encodeURIComponent(connection.accountId)}`;
}
