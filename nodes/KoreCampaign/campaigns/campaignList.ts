import type { IDataObject } from 'n8n-workflow';

import type { KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { v2Url } from '../transport/endpoints';
import type { KoreRequest } from '../transport/request';
import { isPlainObject } from '../transport/isPlainObject';

export type CampaignChannel = 'voice' | 'sms';

/** The campaign list, one channel per call (the channel goes in the body). */
export const listCampaignsUrl = (c: KoreConnection) => v2Url(c, 'getAllCampaignDetails');

/** Kore's campaign channels: one list call covers one of them. */
export const CAMPAIGN_CHANNELS: ReadonlyArray<{ value: CampaignChannel; label: string }> = [
	{ value: 'voice', label: 'Voice' },
	{ value: 'sms', label: 'SMS' },
];

/** The Campaign Type choices of a list: all channels, or one. */
export const CAMPAIGN_TYPE_OPTIONS = [
	{ name: 'All', value: 'all', description: 'Voice and SMS campaigns' },
	...CAMPAIGN_CHANNELS.map((c) => ({
		name: c.label,
		value: c.value,
		description: `${c.label} campaigns only`,
	})),
];

/** The channels a Campaign Type choice lists ('all': both); undefined for an unknown choice. */
export function channelsOfType(type: unknown): CampaignChannel[] | undefined {
	if (type === 'all') return CAMPAIGN_CHANNELS.map((c) => c.value);
	const channel = CAMPAIGN_CHANNELS.find((c) => c.value === type);
	return channel === undefined ? undefined : [channel.value];
}

/** What a Campaign Type that is not one of the choices is told. */
export const CAMPAIGN_TYPE_CHOICES = 'use "all", "voice" or "sms"';

/** The statuses Kore's list can be filtered by. */
export const CAMPAIGN_STATUSES = [
	'Active',
	'Completed',
	'Ready',
	'Paused',
	'Preparing',
	'Stopped',
	'Scheduled',
	'Rescheduled',
] as const;

/** Campaigns asked for per list call: the page size of Kore's own samples. */
export const LIST_PAGE_SIZE = 50;

/** No list walk reads more pages than this per channel: every loop is bounded. */
export const MAX_LIST_PAGES = 1_000;

export type ListSort = { name: 'asc' } | { createdAt: 'desc' };

/** Where a walk of one channel's list stands. */
export interface ListPosition {
	/** Records Kore has handed out so far: the next call's `skip`. */
	skip: number;
	/** Records asked for per call; lowered to what Kore returned when it caps its pages. */
	pageSize: number;
	/** Calls made so far. */
	pagesRead: number;
}

export const START_OF_LIST: ListPosition = { skip: 0, pageSize: LIST_PAGE_SIZE, pagesRead: 0 };

/** The request for the next page. */
export function listRequest(
	connection: KoreConnection,
	channel: CampaignChannel,
	position: ListPosition,
	options: { statuses?: readonly string[]; sortBy: ListSort },
): KoreRequest {
	const body: IDataObject = {
		type: channel,
		limit: position.pageSize,
		skip: position.skip,
		page: Math.floor(position.skip / position.pageSize) + 1,
		sortBy: options.sortBy,
	};
	if (options.statuses !== undefined && options.statuses.length > 0)
		body.filters = { status: [...options.statuses] };
	return {
		method: 'POST',
		url: listCampaignsUrl(connection),
		body,
		repeatable: true,
		label: `Listing ${channel === 'sms' ? 'SMS' : 'voice'} campaigns, page ${position.pagesRead + 1}`,
	};
}

/** Kore's list answer (`data.results`, `data.hasMore`), or undefined when it is not one. */
export function readListPage(
	answer: Record<string, unknown>,
): { results: Array<Record<string, unknown>>; hasMore: boolean } | undefined {
	const data = answer.data;
	if (!isPlainObject(data) || !Array.isArray(data.results) || !data.results.every(isPlainObject))
		return undefined;
	return { results: data.results, hasMore: data.hasMore === true };
}

/** A campaign's id in Kore's list: voice campaigns carry `_id`, SMS ones `id`. */
export function campaignIdOf(record: Record<string, unknown>, channel: CampaignChannel): string {
	const id = channel === 'sms' ? (record.id ?? record._id) : (record._id ?? record.id);
	return typeof id === 'string' ? id : '';
}

/** Walks one channel's campaign list page by page. */
export class CampaignPager {
	private readonly seen = new Set<string>();
	private finished = false;
	position: ListPosition;

	constructor(
		private readonly client: KoreClient,
		readonly channel: CampaignChannel,
		private readonly options: { statuses?: readonly string[]; sortBy: ListSort },
		start: ListPosition = START_OF_LIST,
	) {
		this.position = { ...start };
	}

	/** Whether the list has no more pages (or the walk reached its bound). */
	get done(): boolean {
		return this.finished || this.position.pagesRead >= MAX_LIST_PAGES;
	}

	/** Whether the walk stopped at its bound with more left in Kore's list. */
	get cutShort(): boolean {
		return !this.finished && this.position.pagesRead >= MAX_LIST_PAGES;
	}

	/** The next page's campaigns not handed out before; [] once done. Throws the call's error. */
	async next(itemIndex: number): Promise<Array<Record<string, unknown>>> {
		if (this.done) return [];
		const request = listRequest(this.client.connection, this.channel, this.position, this.options);
		const answer = await this.client.send(request, itemIndex);
		const page = readListPage(answer);
		if (page === undefined)
			throw this.client.unreadable(request, 'a campaign list (data.results)', answer, itemIndex);
		const { results, hasMore } = page;
		this.position = {
			skip: this.position.skip + results.length,
			pageSize:
				hasMore && results.length > 0 && results.length < this.position.pageSize
					? results.length
					: this.position.pageSize,
			pagesRead: this.position.pagesRead + 1,
		};
		// An empty page that still says "more" would never end: take it as the end.
		if (!hasMore || results.length === 0) this.finished = true;
		const fresh: Array<Record<string, unknown>> = [];
		for (const record of results) {
			// A record without an id cannot be told from another: it is handed out as it comes.
			const id = campaignIdOf(record, this.channel);
			if (id !== '') {
				if (this.seen.has(id)) continue;
				this.seen.add(id);
			}
			fresh.push(record);
		}
		return fresh;
	}
}

/** A campaign of Kore's list as the node outputs it. */
export function campaignJson(
	record: Record<string, unknown>,
	channel: CampaignChannel,
): IDataObject {
	const schedule = (record.schedule ?? {}) as Record<string, unknown>;
	return {
		id: campaignIdOf(record, channel),
		name: record.name as string,
		type: channel,
		status: record.status as string,
		priority: record.priority as number,
		isSchedulingEnabled: schedule.isSchedulingEnabled === true,
		isRecurrenceEnabled: schedule.isRecurrenceEnabled === true,
		createdAt: record.createdAt as string,
		updatedAt: record.updatedAt as string,
	};
}
