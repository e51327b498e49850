import type { IDataObject } from 'n8n-workflow';

import type { CampaignChannel } from '../KoreCampaignSchedule/helpers/campaignList';

/**
 * What the trigger remembers between polls, in the workflow's static data: the status of each
 * campaign it watches. Kore keeps no history and sends no events, so a change is a difference
 * between what one poll saw and what the next one sees.
 */

/**
 * At most this many campaigns are watched: the newest by creation, both channels together. An
 * older campaign is not watched (its changes are not emitted) and costs no memory; the node's
 * static data stays near 60 bytes per campaign (about 300 kB at the bound).
 */
export const MAX_WATCHED_CAMPAIGNS = 5_000;

/** Bumped when the stored shape changes: a memory of another shape is a fresh start. */
const MEMORY_VERSION = 1;

/** A campaign as one poll listed it. */
export interface ListedCampaign {
	channel: CampaignChannel;
	id: string;
	status: string;
	createdAt: string;
	/** Kore's list record, for the output. */
	record: Record<string, unknown>;
}

/** What one poll watches: the newest campaigns up to the bound. */
export interface WatchWindow {
	campaigns: ListedCampaign[];
	/** Creation time of the oldest watched campaign when older ones were left out; else absent. */
	oldestWatched?: string;
}

export interface CampaignMemory {
	/** The Campaign Type it was taken for: another type means a fresh baseline. */
	campaignType: string;
	/** Status by channel and campaign id. */
	statuses: Partial<Record<CampaignChannel, Record<string, string>>>;
	/**
	 * Campaigns remembered although the last poll did not list them. Offset paging over a list
	 * that loses a campaign while it is read skips the next one; such a campaign comes back at the
	 * next poll and must not look new. One that is missing twice in a row is forgotten.
	 */
	missedOnce: Partial<Record<CampaignChannel, string[]>>;
	/** As in WatchWindow: an unknown campaign created no later than this is not new. */
	oldestWatched?: string;
	/**
	 * By channel, the creation time of the newest campaign any poll has listed (kept from poll to
	 * poll). Only a campaign created after it is new: one forgotten after missing two polls that
	 * is listed again was seen before, and is not reported as created. Per channel because a poll
	 * reads one channel's list after the other: an SMS campaign created while the voice list was
	 * being read is seen, a voice one created at the same moment only at the next poll.
	 */
	newestSeen: Partial<Record<CampaignChannel, string>>;
}

/** A creation time as a number for ordering; an unreadable one counts as the oldest. */
export function createdTime(createdAt: string): number {
	const time = Date.parse(createdAt);
	return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** The newest `bound` campaigns by creation; `more`: the walk left campaigns unread. */
export function watchWindow(
	listed: readonly ListedCampaign[],
	more: boolean,
	bound = MAX_WATCHED_CAMPAIGNS,
): WatchWindow {
	const newestFirst = [...listed].sort(
		(a, b) => createdTime(b.createdAt) - createdTime(a.createdAt),
	);
	if (newestFirst.length <= bound && !more) return { campaigns: newestFirst };
	const campaigns = newestFirst.slice(0, bound);
	const oldest = campaigns[campaigns.length - 1];
	return oldest === undefined ? { campaigns } : { campaigns, oldestWatched: oldest.createdAt };
}

/** The later of two creation times (an unreadable or absent one loses). */
function newer(a: string | undefined, b: string | undefined): string | undefined {
	if (b === undefined || createdTime(b) === Number.NEGATIVE_INFINITY) return a;
	if (a === undefined || createdTime(a) === Number.NEGATIVE_INFINITY) return b;
	return createdTime(b) > createdTime(a) ? b : a;
}

/** The memory after this poll: the watched campaigns, plus those missing for the first time. */
export function rememberWindow(
	window: WatchWindow,
	campaignType: string,
	previous: CampaignMemory | undefined,
): CampaignMemory {
	const statuses: CampaignMemory['statuses'] = {};
	const missedOnce: CampaignMemory['missedOnce'] = {};
	const newestSeen: CampaignMemory['newestSeen'] = { ...previous?.newestSeen };
	for (const campaign of window.campaigns) {
		const { channel } = campaign;
		(statuses[channel] ??= {})[campaign.id] = campaign.status;
		const newest = newer(newestSeen[channel], campaign.createdAt);
		if (newest !== undefined) newestSeen[channel] = newest;
	}
	if (previous !== undefined) {
		for (const [channel, known] of Object.entries(previous.statuses) as Array<
			[CampaignChannel, Record<string, string>]
		>) {
			const missedBefore = new Set(previous.missedOnce[channel] ?? []);
			for (const [id, status] of Object.entries(known)) {
				if (statuses[channel]?.[id] !== undefined || missedBefore.has(id)) continue;
				(statuses[channel] ??= {})[id] = status;
				(missedOnce[channel] ??= []).push(id);
			}
		}
	}
	return {
		campaignType,
		statuses,
		missedOnce,
		...(window.oldestWatched !== undefined ? { oldestWatched: window.oldestWatched } : {}),
		newestSeen,
	};
}

/** How many campaigns a memory holds (watched ones and those missed once). */
export function rememberedCount(memory: CampaignMemory): number {
	return Object.values(memory.statuses).reduce((n, known) => n + Object.keys(known).length, 0);
}

/** The memory in one canonical text: channels, ids and missed ids in a fixed order. */
function canonical(memory: CampaignMemory): string {
	return JSON.stringify([
		memory.campaignType,
		memory.oldestWatched ?? null,
		CHANNELS.map((channel) => [
			memory.newestSeen[channel] ?? null,
			Object.entries(memory.statuses[channel] ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
			[...(memory.missedOnce[channel] ?? [])].sort(),
		]),
	]);
}

/** Whether two memories hold the same (whatever order their campaigns were listed in). */
export function sameMemory(a: CampaignMemory, b: CampaignMemory): boolean {
	return canonical(a) === canonical(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const CHANNELS: readonly CampaignChannel[] = ['voice', 'sms'];

/**
 * The memory kept in the node's static data, or undefined when there is none to compare with:
 * never polled, another Campaign Type, or a shape this version does not know (then the next
 * poll takes a fresh baseline rather than guessing).
 */
export function readMemory(data: IDataObject, campaignType: string): CampaignMemory | undefined {
	if (data.version !== MEMORY_VERSION || data.campaignType !== campaignType) return undefined;
	const { statuses, missedOnce, oldestWatched, newestSeen } = data;
	if (!isRecord(statuses) || !isRecord(missedOnce)) return undefined;
	const memory: CampaignMemory = { campaignType, statuses: {}, missedOnce: {}, newestSeen: {} };
	for (const channel of CHANNELS) {
		const known = statuses[channel];
		if (known !== undefined) {
			if (!isRecord(known) || !Object.values(known).every((s) => typeof s === 'string'))
				return undefined;
			memory.statuses[channel] = known as Record<string, string>;
		}
		const newest = isRecord(newestSeen) ? newestSeen[channel] : undefined;
		if (typeof newest === 'string') memory.newestSeen[channel] = newest;
		const missed = missedOnce[channel];
		if (missed !== undefined) {
			if (!Array.isArray(missed) || !missed.every((id) => typeof id === 'string')) return undefined;
			memory.missedOnce[channel] = missed as string[];
		}
	}
	if (typeof oldestWatched === 'string') memory.oldestWatched = oldestWatched;
	return memory;
}

/**
 * Stores the memory in the node's static data. Top-level keys are replaced, never changed in
 * place: n8n notices a change (and saves the static data) by assignments to that object.
 */
export function writeMemory(data: IDataObject, memory: CampaignMemory): void {
	data.version = MEMORY_VERSION;
	data.campaignType = memory.campaignType;
	data.statuses = memory.statuses as IDataObject;
	data.missedOnce = memory.missedOnce as IDataObject;
	if (memory.oldestWatched !== undefined) data.oldestWatched = memory.oldestWatched;
	else delete data.oldestWatched;
	data.newestSeen = memory.newestSeen as IDataObject;
}
