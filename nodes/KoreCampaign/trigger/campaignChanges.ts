import type { IDataObject } from 'n8n-workflow';

import { campaignJson } from '../campaigns/campaignList';
import type { CampaignMemory, ListedCampaign, WatchWindow } from './campaignMemory';
import { createdTime } from './campaignMemory';

/** What the trigger fires on. */
export type CampaignEvent = 'statusChanged' | 'created';

/** One change between two polls. */
export interface CampaignChange {
	event: CampaignEvent;
	campaign: ListedCampaign;
	/** The status the previous poll saw; null for a campaign it did not know. */
	previousStatus: string | null;
}

/** What the user asked for: which event, and for status changes which new statuses (none: all). */
export interface ChangeFilter {
	event: CampaignEvent;
	statuses: readonly string[];
}

function timeOf(text: unknown): number {
	return typeof text === 'string' ? createdTime(text) : Number.NEGATIVE_INFINITY;
}

/** When the change happened, as far as Kore's record says: its last update, or its creation. */
function changedAt(change: CampaignChange): number {
	return change.event === 'created'
		? createdTime(change.campaign.createdAt)
		: timeOf(change.campaign.record.updatedAt);
}

/** Whether a campaign the memory does not know is new. */
function isNew(memory: CampaignMemory, campaign: ListedCampaign): boolean {
	if (memory.recent[campaign.channel]?.[campaign.id] !== undefined) return false;
	for (const limit of [memory.settledUntil[campaign.channel], memory.oldestWatched]) {
		if (limit !== undefined && createdTime(campaign.createdAt) <= createdTime(limit)) return false;
	}
	return true;
}

/** Every change from the memory to the window, oldest first. */
export function changesSince(memory: CampaignMemory, window: WatchWindow): CampaignChange[] {
	const changes: CampaignChange[] = [];
	for (const campaign of window.campaigns) {
		const previous = memory.statuses[campaign.channel]?.[campaign.id];
		if (previous !== undefined) {
			if (previous !== campaign.status)
				changes.push({ event: 'statusChanged', campaign, previousStatus: previous });
		} else if (isNew(memory, campaign)) {
			changes.push({ event: 'created', campaign, previousStatus: null });
		}
	}
	return changes
		.map((change, order) => ({ change, order, at: changedAt(change) }))
		.sort((a, b) => a.at - b.at || a.order - b.order)
		.map(({ change }) => change);
}

/** Whether a campaign in this status is one the user wants for this event. */
function statusWanted(status: string, filter: ChangeFilter): boolean {
	return filter.event !== 'statusChanged' || filter.statuses.length === 0
		? true
		: filter.statuses.includes(status);
}

/** The changes the user asked for. */
export function wantedChanges(
	changes: readonly CampaignChange[],
	filter: ChangeFilter,
): CampaignChange[] {
	return changes.filter(
		(change) => change.event === filter.event && statusWanted(change.campaign.status, filter),
	);
}

/** "Fetch Test Event": the newest campaign that fits, as a change of the asked-for event. */
export function sampleChange(
	window: WatchWindow,
	filter: ChangeFilter,
): CampaignChange | undefined {
	let best: { campaign: ListedCampaign; at: number } | undefined;
	for (const campaign of window.campaigns) {
		if (!statusWanted(campaign.status, filter)) continue;
		const at =
			filter.event === 'created'
				? createdTime(campaign.createdAt)
				: timeOf(campaign.record.updatedAt);
		if (best === undefined || at > best.at) best = { campaign, at };
	}
	return best && { event: filter.event, campaign: best.campaign, previousStatus: null };
}

/** A change as the trigger outputs it: the change first, then what Get Many shows. */
export function changeJson(change: CampaignChange): IDataObject {
	const { campaign, previousStatus, event } = change;
	const listed = campaignJson(campaign.record, campaign.channel);
	const instanceUpdatedAt = campaign.record.campaignInstanceUpdatedAt;
	return {
		id: listed.id,
		name: listed.name,
		type: listed.type,
		status: listed.status,
		previousStatus,
		updatedAt: listed.updatedAt,
		campaignInstanceUpdatedAt: typeof instanceUpdatedAt === 'string' ? instanceUpdatedAt : null,
		event,
		...listed,
	};
}
