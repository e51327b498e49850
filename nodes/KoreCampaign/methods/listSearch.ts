import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { ListPosition } from '../campaigns/campaignList';
import {
	CAMPAIGN_CHANNELS,
	CampaignPager,
	LIST_PAGE_SIZE,
	MAX_LIST_PAGES,
	START_OF_LIST,
} from '../campaigns/campaignList';
import { asNodeError } from '../errors/errors';
import { DEFAULT_CLIENT_SETTINGS, KoreClient } from '../transport/client';
import { KoreCredentialError } from '../transport/connection';

/** Pages read per search request at most, looking for matches (the editor asks again for more). */
const PAGES_PER_REQUEST = 10;

/** Where the list goes on: the channel's index, then its list position
 * (`channel:skip:pageSize:pagesRead`). */
export function parseToken(token: string | undefined): {
	channel: number;
	position: ListPosition;
} {
	const [channel, skip, pageSize, pagesRead] = (token ?? '').split(':').map(Number);
	const whole = (n: number, min: number, max: number) =>
		Number.isInteger(n) && n >= min && n <= max;
	return whole(channel, 0, CAMPAIGN_CHANNELS.length - 1) &&
		whole(skip, 0, pagesRead * LIST_PAGE_SIZE) &&
		whole(pageSize, 1, LIST_PAGE_SIZE) &&
		whole(pagesRead, 1, MAX_LIST_PAGES - 1)
		? { channel, position: { skip, pageSize, pagesRead } }
		: { channel: 0, position: START_OF_LIST };
}

/** The campaign picker's list (From List). */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await KoreClient.open(this, DEFAULT_CLIENT_SETTINGS);
	if (client instanceof KoreCredentialError) throw asNodeError(this, client, 0);
	const search = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	const start = parseToken(paginationToken);
	let channel = start.channel;
	let pager = new CampaignPager(
		client,
		CAMPAIGN_CHANNELS[channel].value,
		{ sortBy: { name: 'asc' } },
		start.position,
	);
	for (let read = 0; read < PAGES_PER_REQUEST && results.length < LIST_PAGE_SIZE; read++) {
		const label = CAMPAIGN_CHANNELS[channel].label;
		for (const record of await pager.next(0)) {
			const name = typeof record.name === 'string' ? record.name : '';
			// Every name includes the empty search text.
			if (name === '' || !name.toLowerCase().includes(search)) continue;
			results.push({
				name: `${name} · ${label} · ${String(record.status ?? 'unknown status')}`,
				value: name,
			});
		}
		if (pager.done) {
			if (++channel >= CAMPAIGN_CHANNELS.length) break;
			pager = new CampaignPager(client, CAMPAIGN_CHANNELS[channel].value, {
				sortBy: { name: 'asc' },
			});
		}
	}
	const { skip, pageSize, pagesRead } = pager.position;
	return {
		results,
		paginationToken:
			channel < CAMPAIGN_CHANNELS.length
				? `${channel}:${skip}:${pageSize}:${pagesRead}`
				: undefined,
	};
}
