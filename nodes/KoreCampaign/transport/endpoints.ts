import type { KoreConnection } from './connection';

/**
 * Every Kore.ai path the node calls, in one place (../shared/kore-api.md, "More campaign APIs").
 * Where Kore's pages disagree, the choice is made here once and README says which and why.
 */

const enc = encodeURIComponent;

/** `…/api/v2/public/{botId}/campaign`: where the v2 campaign endpoints of the bot live. */
function v2Base(connection: KoreConnection): string {
	return `${connection.host}/campaign/api/v2/public/${enc(connection.botId)}/campaign`;
}

/** `?accountId=…`, which most v2 paths carry besides the accountId header. */
function account(connection: KoreConnection): string {
	return `accountId=${enc(connection.accountId)}`;
}

export type CampaignChannel = 'voice' | 'sms';

export const endpoints = {
	/** Enable (`true`) or disable a campaign's recurring schedule, by campaign name. */
	schedule: (c: KoreConnection, campaignName: string, enable: boolean) =>
		`${v2Base(c)}/schedule?enableSchedule=${enable}&campaignName=${enc(campaignName)}`,

	/** The campaign list, one channel per call (the channel goes in the body). */
	listCampaigns: (c: KoreConnection) => `${v2Base(c)}/getAllCampaignDetails?${account(c)}`,

	/** One campaign, voice or SMS. */
	getCampaign: (c: KoreConnection, campaignId: string) =>
		`${v2Base(c)}/${enc(campaignId)}?${account(c)}`,

	/**
	 * Start (`play`) or stop a campaign. The v1 path: its page has a sample for both channels;
	 * the v2 pages disagree with each other (one drops the `/campaign` prefix, one doubles a slash).
	 */
	trigger: (
		c: KoreConnection,
		campaignId: string,
		channel: CampaignChannel,
		trigger: 'play' | 'stop',
	) =>
		`${c.host}/campaign/api/v1/public/${enc(c.botId)}/campaign/${enc(campaignId)}?campaignType=${channel}&trigger=${trigger}`,

	/** A voice campaign's per-contact results, page by page (Kore's page sends no accountId here). */
	contactResults: (c: KoreConnection, campaignId: string) =>
		`${v2Base(c)}/${enc(campaignId)}/status?view=contacts`,

	/** Create a contact list. */
	createContactList: (c: KoreConnection) =>
		`${v2Base(c)}/contactList/createContactList?${account(c)}`,

	/** Every contact list of the bot (no paging). */
	listContactLists: (c: KoreConnection) =>
		`${v2Base(c)}/contactList/getAllListDetails?${account(c)}&type=call`,

	/** Add contacts to a list, by the list's name (v1.1, the only documented way to add many at once). */
	addContacts: (c: KoreConnection) =>
		`${c.host}/api/1.1/public/${enc(c.botId)}/campaign/contactList/addContacts`,
} as const;
