import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { RUN_SETTING_LIMITS } from '../helpers/runSettings';
import type { CampaignChannel } from '../transport/campaignList';
import {
	CAMPAIGN_CHANNELS,
	fetchCampaignPage,
	LIST_PAGE_SIZE,
	MAX_LIST_PAGES,
} from '../transport/campaignList';
import { KoreCredentialError } from '../transport/connection';
import { openSession } from '../transport/session';

/** Pages read per search request at most, looking for matches (the editor asks again for more). */
const PAGES_PER_REQUEST = 10;

/** Where the list goes on: a channel's next page, e.g. `sms:3`. */
export function parseToken(token: string | undefined): { channel: number; page: number } {
	const [channel, page] = (token ?? '').split(':').map(Number);
	return Number.isInteger(channel) &&
		Number.isInteger(page) &&
		channel >= 0 &&
		channel < CAMPAIGN_CHANNELS.length &&
		page >= 1 &&
		page <= MAX_LIST_PAGES
		? { channel, page }
		: { channel: 0, page: 1 };
}

function label(channel: CampaignChannel): string {
	return CAMPAIGN_CHANNELS.find((c) => c.value === channel)?.label ?? channel;
}

/**
 * The campaign picker's list (From List): the bot's voice campaigns, then its SMS campaigns, by
 * name, each shown as `name · channel · status`; the value is the name. Kore's list has no name
 * filter, so the search text filters each page here (any case). Calls go through the account's
 * rate limit and retries with the default options, like any call of the node.
 */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const stop = new AbortController();
	const session = await openSession(
		this,
		{
			requestsPerMinute: RUN_SETTING_LIMITS.requestsPerMinute.default,
			maxConcurrency: 1,
			maxRetries: RUN_SETTING_LIMITS.maxRetries.default,
			timeoutMs: RUN_SETTING_LIMITS.timeout.default * 1000,
		},
		stop.signal,
	);
	if (session instanceof KoreCredentialError) throw asNodeError(this, session, 0);
	const search = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let { channel, page } = parseToken(paginationToken);
	for (let read = 0; read < PAGES_PER_REQUEST && channel < CAMPAIGN_CHANNELS.length; read++) {
		const kind = CAMPAIGN_CHANNELS[channel].value;
		const found = await fetchCampaignPage(
			this,
			session,
			{ channel: kind, page, pageSize: LIST_PAGE_SIZE, sortBy: { name: 'asc' } },
			0,
		);
		for (const record of found.results) {
			const name = typeof record.name === 'string' ? record.name : '';
			if (name === '' || (search !== '' && !name.toLowerCase().includes(search))) continue;
			results.push({
				name: `${name} · ${label(kind)} · ${String(record.status ?? 'unknown status')}`,
				value: name,
			});
		}
		if (found.hasMore && found.results.length > 0 && page < MAX_LIST_PAGES) page++;
		else {
			channel++;
			page = 1;
		}
		if (results.length >= LIST_PAGE_SIZE) break;
	}
	return {
		results,
		paginationToken: channel < CAMPAIGN_CHANNELS.length ? `${channel}:${page}` : undefined,
	};
}
