import type { IPollFunctions } from 'n8n-workflow';

import type { CampaignChannel } from '../campaigns/campaignList';
import { campaignIdOf, CampaignPager } from '../campaigns/campaignList';
import { asNodeError } from '../errors/errors';
import { DEFAULT_CLIENT_SETTINGS, KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { KoreCredentialError } from '../transport/connection';
import type { ListedCampaign, WatchWindow } from './campaignMemory';
import { MAX_WATCHED_CAMPAIGNS, watchWindow } from './campaignMemory';

/** What one poll read from Kore's lists. */
export interface CampaignListing {
	campaigns: ListedCampaign[];
	/** Some channel has campaigns beyond what was read (older than the bound). */
	more: boolean;
}

/** Reads the chosen channels' campaign lists, newest first (Kore's documented createdAt sort),
 * through the client: every call within the account's rate limit, shared with the action node. */
export async function listCampaigns(
	client: KoreClient,
	channels: readonly CampaignChannel[],
	bound: number,
): Promise<CampaignListing> {
	const campaigns: ListedCampaign[] = [];
	let more = false;
	for (const channel of channels) {
		const pager = new CampaignPager(client, channel, { sortBy: { createdAt: 'desc' } });
		let read = 0;
		while (!pager.done && read < bound) {
			for (const record of await pager.next(0)) {
				// A record without an id cannot be followed from one poll to the next.
				const id = campaignIdOf(record, channel);
				if (id === '') continue;
				read++;
				campaigns.push({
					channel,
					id,
					status: typeof record.status === 'string' ? record.status : '',
					createdAt: typeof record.createdAt === 'string' ? record.createdAt : '',
					record,
				});
			}
		}
		if (!pager.done || pager.cutShort) more = true;
	}
	return { campaigns, more };
}

/** The campaigns one poll watches: the chosen channels' lists, read at the trigger's Requests per
 * Minute (one pace per account, shared with every other use of it in this n8n); and the account
 * and bot they were read from (the credential's, checked). */
export async function readWatchWindow(
	ctx: IPollFunctions,
	channels: readonly CampaignChannel[],
	requestsPerMinute = DEFAULT_CLIENT_SETTINGS.requestsPerMinute,
): Promise<{ window: WatchWindow; account: Pick<KoreConnection, 'host' | 'accountId' | 'botId'> }> {
	const client = await KoreClient.open(ctx, { ...DEFAULT_CLIENT_SETTINGS, requestsPerMinute });
	if (client instanceof KoreCredentialError) throw asNodeError(ctx, client, 0);
	const listing = await listCampaigns(client, channels, MAX_WATCHED_CAMPAIGNS);
	const { host, accountId, botId } = client.connection;
	return {
		window: watchWindow(listing.campaigns, listing.more),
		account: { host, accountId, botId },
	};
}
