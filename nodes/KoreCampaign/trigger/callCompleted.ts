import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallQuery, CallsRead } from '../calls/callDetails';
import { readCalls } from '../calls/callDetails';
import type { CallItem } from '../calls/callWindows';
import { asNodeError, FailureAfterOutputs } from '../errors/errors';
import { DEFAULT_CLIENT_SETTINGS, KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { KoreCredentialError } from '../transport/connection';
import { isPlainObject } from '../transport/isPlainObject';

/** The Call Completed event: each finished campaign call once, read from Kore's call details. */

/** Each poll reads again the calls that started in the last 30 minutes before the previous poll's
 * end: a call still going then, or a record Kore files late, is caught by a later poll. A record
 * that arrives more than this after its call started is not seen. */
export const CALL_LAG_SECONDS = 30 * 60;

/** A call a poll saw still going is read again until it ends, for at most this long after it
 * started (then it is taken never to end: a longer call is not emitted). */
export const MAX_CALL_SECONDS = 2 * 3600;

/** At most this many emitted calls are remembered (the newest); only those that started within the
 * lag are needed, so the bound is reached only by more than 20,000 calls in 30 minutes. */
export const MAX_REMEMBERED_CALLS = 20_000;

/** Bumped when the stored shape changes: a memory of another shape is a fresh start. */
const CALL_MEMORY_VERSION = 1;

/** Where the memory lives in the node's static data. */
const STORE_KEY = 'callCompleted';

export type CallAccount = Pick<KoreConnection, 'host' | 'accountId' | 'botId'>;

/** What the trigger remembers between polls (seconds since the epoch). */
export interface CallMemory {
	account: CallAccount;
	/** When the trigger started watching: calls that started earlier are never emitted. */
	since: number;
	/** The end of the last read. */
	readUntil: number;
	/** The calls emitted that a later read may see again, with the second each started. */
	emitted: Record<string, number>;
	/** The calls seen still going (of the chosen campaigns), with the second each started: later
	 * reads start no later than the oldest, so a call longer than the lag is read when it ends. */
	going: Record<string, number>;
}

/** The memory kept for this account and bot, or undefined (none yet, another account, another shape). */
export function readCallMemory(data: IDataObject, account: CallAccount): CallMemory | undefined {
	const stored = data[STORE_KEY];
	if (!isPlainObject(stored) || stored.version !== CALL_MEMORY_VERSION) return undefined;
	const { since, readUntil, emitted } = stored;
	const going = stored.going ?? {};
	const kept = stored.account;
	if (
		!isPlainObject(kept) ||
		kept.host !== account.host ||
		kept.accountId !== account.accountId ||
		kept.botId !== account.botId
	)
		return undefined;
	if (
		!Number.isInteger(since) ||
		!Number.isInteger(readUntil) ||
		!isPlainObject(emitted) ||
		!isPlainObject(going)
	)
		return undefined;
	if (![emitted, going].every((ids) => Object.values(ids).every((v) => Number.isInteger(v))))
		return undefined;
	return {
		account,
		since: since as number,
		readUntil: readUntil as number,
		emitted: emitted as Record<string, number>,
		going: going as Record<string, number>,
	};
}

export function writeCallMemory(data: IDataObject, memory: CallMemory): void {
	data[STORE_KEY] = {
		version: CALL_MEMORY_VERSION,
		account: { ...memory.account },
		since: memory.since,
		readUntil: memory.readUntil,
		emitted: { ...memory.emitted },
		going: { ...memory.going },
	};
}

/** The span the next poll reads (seconds, both ends included). */
export function readSpan(memory: CallMemory, nowSec: number): { startSec: number; endSec: number } {
	const from = Object.values(memory.going).reduce(
		(oldest, started) => Math.min(oldest, started),
		memory.readUntil - CALL_LAG_SECONDS,
	);
	return { startSec: Math.max(memory.since, from), endSec: nowSec };
}

/** The newest entries of `ids` that started at or after `fromSec`, at most MAX_REMEMBERED_CALLS. */
const newest = (ids: Record<string, number>, fromSec: number): Record<string, number> =>
	Object.fromEntries(
		Object.entries(ids)
			.filter(([, started]) => started >= fromSec)
			.sort(([, a], [, b]) => b - a)
			.slice(0, MAX_REMEMBERED_CALLS),
	);

const startSecOf = (call: CallItem) =>
	call.startedAt === null ? undefined : Math.floor(Date.parse(call.startedAt) / 1000);

/** What a poll emits (finished calls, not emitted before, started since the trigger watches, of
 * the chosen campaigns; oldest first) and the memory after it: the calls still going, and the
 * emitted ones a later read can see, bounded. */
export function callsToEmit(
	memory: CallMemory,
	calls: readonly CallItem[],
	nowSec: number,
	wanted: (call: CallItem) => boolean,
): { emit: CallItem[]; next: CallMemory } {
	const emitted = { ...memory.emitted };
	const going = { ...memory.going };
	const emit: CallItem[] = [];
	for (const call of calls) {
		const started = startSecOf(call);
		if (started === undefined || started < memory.since) continue;
		if (call.conversationId === '') continue;
		if (emitted[call.conversationId] !== undefined || !wanted(call)) continue;
		if (call.endedAt === null) {
			going[call.conversationId] = started;
			continue;
		}
		delete going[call.conversationId];
		emitted[call.conversationId] = started;
		emit.push(call);
	}
	const next: CallMemory = { ...memory, readUntil: nowSec, emitted: {}, going: {} };
	next.going = newest(going, nowSec - MAX_CALL_SECONDS);
	next.emitted = newest(emitted, readSpan(next, nowSec).startSec);
	return { emit, next };
}

/** Whether a call is of one of `campaigns` (names or ids); none given: every call. */
export function campaignWanted(campaigns: readonly string[]): (call: CallItem) => boolean {
	if (campaigns.length === 0) return () => true;
	const set = new Set(campaigns);
	return (call) => set.has(call.campaignId) || set.has(call.campaignName);
}

async function openClient(ctx: IPollFunctions, requestsPerMinute: number): Promise<KoreClient> {
	const client = await KoreClient.open(ctx, { ...DEFAULT_CLIENT_SETTINGS, requestsPerMinute });
	if (client instanceof KoreCredentialError) throw asNodeError(ctx, client, 0);
	return client;
}

/** Reads the calls; a failure is thrown as the n8n error it carries (a trigger has no outputs to
 * keep from before it). */
async function readAll(
	ctx: IPollFunctions,
	client: KoreClient,
	query: CallQuery,
): Promise<CallsRead> {
	try {
		return await readCalls(ctx.getNode(), client, query, 0);
	} catch (error) {
		throw asNodeError(ctx, error instanceof FailureAfterOutputs ? error.failure : error, 0);
	}
}

const asItems = (calls: CallItem[]): INodeExecutionData[] =>
	calls.map((call) => ({ json: call as IDataObject }));

/** One active poll: the first only marks the start; later ones emit the finished calls. */
export async function pollCallsCompleted(
	ctx: IPollFunctions,
	staticData: IDataObject,
	campaigns: readonly string[],
	requestsPerMinute: number,
): Promise<INodeExecutionData[][] | null> {
	const client = await openClient(ctx, requestsPerMinute);
	const { host, accountId, botId } = client.connection;
	const account = { host, accountId, botId };
	const nowSec = Math.floor(Date.now() / 1000);
	const memory = readCallMemory(staticData, account);
	if (memory === undefined) {
		writeCallMemory(staticData, {
			account,
			since: nowSec,
			readUntil: nowSec,
			emitted: {},
			going: {},
		});
		return null;
	}
	const span = readSpan(memory, nowSec);
	const { calls } = await readAll(ctx, client, { ...span, directions: ['Outbound'] });
	const { emit, next } = callsToEmit(memory, calls, nowSec, campaignWanted(campaigns));
	writeCallMemory(staticData, next);
	return emit.length === 0 ? null : [asItems(emit)];
}

/** Spans Fetch Test Event looks back over for a sample, shortest first. */
const SAMPLE_SPANS_SECONDS = [3600, 24 * 3600, 7 * 24 * 3600];

/** Fetch Test Event: the most recent finished call (of the chosen campaigns) in the last week. */
export async function sampleCallCompleted(
	ctx: IPollFunctions,
	campaigns: readonly string[],
	requestsPerMinute: number,
): Promise<INodeExecutionData[][]> {
	const client = await openClient(ctx, requestsPerMinute);
	const nowSec = Math.floor(Date.now() / 1000);
	const wanted = campaignWanted(campaigns);
	for (const span of SAMPLE_SPANS_SECONDS) {
		const { calls } = await readAll(ctx, client, {
			startSec: nowSec - span,
			endSec: nowSec,
			directions: ['Outbound'],
		});
		const finished = calls.filter((call) => call.endedAt !== null && wanted(call));
		if (finished.length > 0) return [asItems(finished.slice(-1))];
	}
	throw new NodeOperationError(
		ctx.getNode(),
		'No campaign call finished in the last 7 days, so there is no sample to show',
		{
			description:
				'Check Campaigns, or let a campaign dial first. The active workflow fires on each finished call all the same.',
		},
	);
}
