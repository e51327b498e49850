import type { IDataObject } from 'n8n-workflow';

import type { CampaignChannel } from '../campaigns/campaignList';
import { isPlainObject } from '../transport/isPlainObject';

/** What the trigger remembers between polls, in the workflow's static data. */

/** At most this many campaigns are watched: the newest by creation, both channels together. */
export const MAX_WATCHED_CAMPAIGNS = 5_000;

/** How long before the newest creation time seen a campaign that only now appears still counts as
 * created: Kore may list a campaign after one created later than it. */
export const CREATED_TOLERANCE_MS = 10 * 60_000;

/** Bumped when the stored shape changes: a memory of another shape is a fresh start. */
const MEMORY_VERSION = 2;

/** The shape before the memory named the account (read as the current account's, see readMemory). */
const UNKEYED_VERSION = 1;

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

/** What a memory was taken for: another account, bot or Campaign Type means a fresh baseline. */
export interface MemoryKey {
	/** The credential's host, normalised. */
	host: string;
	accountId: string;
	botId: string;
	campaignType: string;
}

export interface CampaignMemory {
	key: MemoryKey;
	/** Status by channel and campaign id. */
	statuses: Partial<Record<CampaignChannel, Record<string, string>>>;
	/** Campaigns remembered although the last poll did not list them. */
	missedOnce: Partial<Record<CampaignChannel, string[]>>;
	/** As in WatchWindow: an unknown campaign created no later than this is not new. */
	oldestWatched?: string;
	/** By channel, the creation time at or before which no campaign is new. */
	settledUntil: Partial<Record<CampaignChannel, string>>;
	/** By channel, every campaign listed that was created after settledUntil (baseline or emitted),
	 * with its creation time: listed again after being forgotten, it is not new. */
	recent: Partial<Record<CampaignChannel, Record<string, string>>>;
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

/** The creation time CREATED_TOLERANCE_MS before `createdAt`; undefined when unreadable. */
function lessTolerance(createdAt: string): string | undefined {
	const time = createdTime(createdAt);
	return time === Number.NEGATIVE_INFINITY
		? undefined
		: new Date(time - CREATED_TOLERANCE_MS).toISOString();
}

/** The memory after this poll: the watched campaigns, plus those missing for the first time. */
export function rememberWindow(
	window: WatchWindow,
	key: MemoryKey,
	previous: CampaignMemory | undefined,
): CampaignMemory {
	const statuses: CampaignMemory['statuses'] = {};
	const missedOnce: CampaignMemory['missedOnce'] = {};
	const settledUntil: CampaignMemory['settledUntil'] = { ...previous?.settledUntil };
	for (const campaign of window.campaigns) {
		const { channel } = campaign;
		(statuses[channel] ??= {})[campaign.id] = campaign.status;
		const settled = newer(settledUntil[channel], lessTolerance(campaign.createdAt));
		if (settled !== undefined) settledUntil[channel] = settled;
	}
	const recent: CampaignMemory['recent'] = {};
	const keepRecent = (channel: CampaignChannel, id: string, createdAt: string) => {
		const settled = settledUntil[channel];
		if (settled !== undefined && createdTime(createdAt) > createdTime(settled))
			(recent[channel] ??= {})[id] = createdAt;
	};
	for (const [channel, known] of Object.entries(previous?.recent ?? {}) as Array<
		[CampaignChannel, Record<string, string>]
	>) {
		for (const [id, createdAt] of Object.entries(known)) keepRecent(channel, id, createdAt);
	}
	for (const campaign of window.campaigns)
		keepRecent(campaign.channel, campaign.id, campaign.createdAt);
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
		key,
		statuses,
		missedOnce,
		...(window.oldestWatched !== undefined ? { oldestWatched: window.oldestWatched } : {}),
		settledUntil,
		recent,
	};
}

/** How many campaigns a memory holds (watched ones and those missed once). */
export function rememberedCount(memory: CampaignMemory): number {
	return Object.values(memory.statuses).reduce((n, known) => n + Object.keys(known).length, 0);
}

/** The memory in one canonical text: channels, ids and missed ids in a fixed order. */
function canonical(memory: CampaignMemory): string {
	const byId = (entries: Record<string, string> | undefined) =>
		Object.entries(entries ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
	const { host, accountId, botId, campaignType } = memory.key;
	return JSON.stringify([
		[host, accountId, botId, campaignType],
		memory.oldestWatched ?? null,
		CHANNELS.map((channel) => [
			memory.settledUntil[channel] ?? null,
			byId(memory.statuses[channel]),
			[...(memory.missedOnce[channel] ?? [])].sort(),
			byId(memory.recent[channel]),
		]),
	]);
}

/** Whether two memories hold the same (whatever order their campaigns were listed in). */
export function sameMemory(a: CampaignMemory, b: CampaignMemory): boolean {
	return canonical(a) === canonical(b);
}

const CHANNELS: readonly CampaignChannel[] = ['voice', 'sms'];

/** A record of strings by id, or undefined when it is not one. */
function textsById(value: unknown): Record<string, string> | undefined {
	return isPlainObject(value) && Object.values(value).every((text) => typeof text === 'string')
		? (value as Record<string, string>)
		: undefined;
}

/** The memory kept in the node's static data, or undefined when there is none to compare with. */
export function readMemory(data: IDataObject, key: MemoryKey): CampaignMemory | undefined {
	if (data.campaignType !== key.campaignType) return undefined;
	// A memory from before it named the account is taken as the current account's (not a fresh
	// baseline, which would drop the changes made since its last poll): an active workflow's
	// credential still points where it did. The next poll stores it with the account.
	const unkeyed = data.version === UNKEYED_VERSION;
	if (!unkeyed) {
		if (data.version !== MEMORY_VERSION || !isPlainObject(data.account)) return undefined;
		const { host, accountId, botId } = data.account;
		if (host !== key.host || accountId !== key.accountId || botId !== key.botId) return undefined;
	}
	const { statuses, missedOnce, oldestWatched } = data;
	if (!isPlainObject(statuses) || !isPlainObject(missedOnce)) return undefined;
	// Unkeyed: its newest creation times become the limit, without tolerance.
	const settledUntil = unkeyed ? data.newestSeen : data.settledUntil;
	const recent = unkeyed ? {} : data.recent;
	if (!isPlainObject(recent)) return undefined;
	const memory: CampaignMemory = {
		key,
		statuses: {},
		missedOnce: {},
		settledUntil: {},
		recent: {},
	};
	for (const channel of CHANNELS) {
		if (statuses[channel] !== undefined) {
			const known = textsById(statuses[channel]);
			if (known === undefined) return undefined;
			memory.statuses[channel] = known;
		}
		if (recent[channel] !== undefined) {
			const seen = textsById(recent[channel]);
			if (seen === undefined) return undefined;
			memory.recent[channel] = seen;
		}
		const settled = isPlainObject(settledUntil) ? settledUntil[channel] : undefined;
		if (typeof settled === 'string') memory.settledUntil[channel] = settled;
		const missed = missedOnce[channel];
		if (missed !== undefined) {
			if (!Array.isArray(missed) || !missed.every((id) => typeof id === 'string')) return undefined;
			memory.missedOnce[channel] = missed as string[];
		}
	}
	if (typeof oldestWatched === 'string') memory.oldestWatched = oldestWatched;
	return memory;
}

/** Whether the poll must store `next`: the stored memory is another one, or of an older shape. */
export function memoryToStore(
	data: IDataObject,
	previous: CampaignMemory | undefined,
	next: CampaignMemory,
): boolean {
	return previous === undefined || data.version !== MEMORY_VERSION || !sameMemory(previous, next);
}

/** What writeMemory stores; any other key (another shape's) is dropped. */
const STORED_KEYS = [
	'version',
	'account',
	'campaignType',
	'statuses',
	'missedOnce',
	'oldestWatched',
	'settledUntil',
	'recent',
];

/** Stores the memory in the node's static data, in place of any other (another account's is not
 * kept). */
export function writeMemory(data: IDataObject, memory: CampaignMemory): void {
	const { host, accountId, botId, campaignType } = memory.key;
	data.version = MEMORY_VERSION;
	data.account = { host, accountId, botId };
	data.campaignType = campaignType;
	data.statuses = memory.statuses as IDataObject;
	data.missedOnce = memory.missedOnce as IDataObject;
	if (memory.oldestWatched !== undefined) data.oldestWatched = memory.oldestWatched;
	else delete data.oldestWatched;
	data.settledUntil = memory.settledUntil as IDataObject;
	data.recent = memory.recent as IDataObject;
	for (const stale of Object.keys(data)) if (!STORED_KEYS.includes(stale)) delete data[stale];
}
