import type { IDataObject } from 'n8n-workflow';

import type { KoreCallContext } from './callKore';
import { callKore } from './callKore';
import type { KoreConnection } from './connection';
import type { KoreRequest } from './endpoints';
import { listUrl } from './endpoints';
import type { KorePage } from './koreResponse';
import type { KoreSession } from './session';

/** Kore's campaign channels: one list call covers one of them. */
export const CAMPAIGN_CHANNELS = [
	{ value: 'voice', label: 'Voice' },
	{ value: 'sms', label: 'SMS' },
] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number]['value'];

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

/** Campaigns per list call: the page size of Kore's own samples. */
export const LIST_PAGE_SIZE = 50;

/** No list walks more pages than this per channel (50,000 campaigns): every loop is bounded. */
export const MAX_LIST_PAGES = 1_000;

/** One page of one channel's campaigns. */
export interface ListQuery {
	channel: CampaignChannel;
	/** 1-based. */
	page: number;
	pageSize: number;
	statuses?: string[];
	sortBy: { name: 'asc' } | { createdAt: 'desc' };
}

/** The request for one page: Kore's `limit`, `skip` and `page`, the channel and the filters. */
export function listRequest(connection: KoreConnection, query: ListQuery): KoreRequest {
	const body: IDataObject = {
		type: query.channel,
		limit: query.pageSize,
		skip: (query.page - 1) * query.pageSize,
		page: query.page,
		sortBy: query.sortBy,
	};
	if (query.statuses !== undefined && query.statuses.length > 0)
		body.filters = { status: query.statuses };
	return { method: 'POST', url: listUrl(connection), body, expects: 'campaignList' };
}

/** Fetches one page through the session: the account's rate limit, retries and errors as for any call. */
export async function fetchCampaignPage(
	ctx: KoreCallContext,
	session: KoreSession,
	query: ListQuery,
	itemIndex: number,
): Promise<KorePage> {
	const answer = await callKore(
		ctx,
		session.transport,
		listRequest(session.connection, query),
		itemIndex,
	);
	return answer.page ?? { results: [], hasMore: false };
}

/** A campaign of Kore's list as the node outputs it (voice campaigns carry `_id`, SMS ones `id`). */
export function campaignJson(
	record: Record<string, unknown>,
	channel: CampaignChannel,
): IDataObject {
	const schedule = (record.schedule ?? {}) as Record<string, unknown>;
	return {
		id: (channel === 'sms' ? (record.id ?? record._id) : (record._id ?? record.id)) as string,
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
