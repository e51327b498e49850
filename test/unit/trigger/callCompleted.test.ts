/**
 * Call Completed's memory: what a poll emits, what it remembers (only what a later read can see
 * again, at most MAX_REMEMBERED_CALLS), and that it is keyed by account and bot.
 */
import type { CallItem } from '../../../nodes/KoreCampaign/calls/callWindows';
import { callItem } from '../../../nodes/KoreCampaign/calls/callWindows';
import type { CallMemory } from '../../../nodes/KoreCampaign/trigger/callCompleted';
import {
	CALL_LAG_SECONDS,
	callsToEmit,
	campaignWanted,
	MAX_CALL_SECONDS,
	MAX_REMEMBERED_CALLS,
	readCallMemory,
	readSpan,
	writeCallMemory,
} from '../../../nodes/KoreCampaign/trigger/callCompleted';

const ACCOUNT = { host: 'https://platform.kore.ai', accountId: 'a-1', botId: 'st-1' };
const NOW = 1_800_000_000;

const call = (id: string, startSec: number, ended = true, campaignId = 'cd-1'): CallItem =>
	callItem({
		conversationId: id,
		sessionStartTime: new Date(startSec * 1000).toISOString(),
		sessionEndTime: ended ? new Date((startSec + 30) * 1000).toISOString() : null,
		campaigninfo: { campaignId, campaignName: `Campaign ${campaignId}` },
	});

const memory = (over: Partial<CallMemory> = {}): CallMemory => ({
	account: ACCOUNT,
	since: NOW - 3600,
	readUntil: NOW - 60,
	emitted: {},
	going: {},
	...over,
});

describe('Call Completed memory', () => {
	it('reads from the last end minus the lag, never before the start of the watch', () => {
		expect(readSpan(memory(), NOW)).toEqual({
			startSec: NOW - 60 - CALL_LAG_SECONDS,
			endSec: NOW,
		});
		expect(readSpan(memory({ since: NOW - 120 }), NOW).startSec).toBe(NOW - 120);
	});

	it('emits finished calls not emitted before, from the watch on, of the chosen campaigns', () => {
		const { emit, next } = callsToEmit(
			memory({ emitted: { 'c-seen': NOW - 600 } }),
			[
				call('c-seen', NOW - 600),
				call('c-new', NOW - 500),
				call('c-going', NOW - 400, false),
				call('c-before', NOW - 7200),
				call('c-other', NOW - 300, true, 'cd-2'),
			],
			NOW,
			campaignWanted(['cd-1']),
		);
		expect(emit.map((c) => c.conversationId)).toEqual(['c-new']);
		expect(next.readUntil).toBe(NOW);
		expect(next.emitted).toEqual({ 'c-seen': NOW - 600, 'c-new': NOW - 500 });
	});

	it('forgets calls the next read cannot see, and keeps at most the newest MAX_REMEMBERED_CALLS', () => {
		const old = NOW - CALL_LAG_SECONDS - 10;
		const { next } = callsToEmit(memory({ emitted: { 'c-old': old } }), [], NOW, () => true);
		expect(next.emitted).toEqual({});
		const many = Array.from({ length: MAX_REMEMBERED_CALLS + 5 }, (_, i) =>
			call(`c-${i}`, NOW - 1000 + (i % 900)),
		);
		const bounded = callsToEmit(memory(), many, NOW, () => true).next;
		expect(Object.keys(bounded.emitted)).toHaveLength(MAX_REMEMBERED_CALLS);
	});

	it('remembers calls seen going and reads from the oldest, for at most MAX_CALL_SECONDS', () => {
		const long = NOW - CALL_LAG_SECONDS - 600;
		const seen = callsToEmit(memory(), [call('c-long', long, false)], NOW, () => true).next;
		expect(seen.going).toEqual({ 'c-long': long });
		expect(readSpan(seen, NOW + 900).startSec).toBe(long);
		const ended = callsToEmit(seen, [call('c-long', long)], NOW + 900, () => true);
		expect(ended.emit.map((c) => c.conversationId)).toEqual(['c-long']);
		expect(ended.next.going).toEqual({});
		expect(ended.next.emitted).toEqual({});
		const stale = NOW - MAX_CALL_SECONDS - 1;
		expect(
			callsToEmit(memory({ going: { 'c-stale': stale } }), [], NOW, () => true).next.going,
		).toEqual({});
	});

	it('is stored per account and bot: another one reads as none', () => {
		const data = {};
		writeCallMemory(data, memory());
		expect(readCallMemory(data, ACCOUNT)).toEqual(memory());
		expect(readCallMemory(data, { ...ACCOUNT, botId: 'st-2' })).toBeUndefined();
		expect(readCallMemory(data, { ...ACCOUNT, accountId: 'a-2' })).toBeUndefined();
		expect(readCallMemory({ callCompleted: { version: 99 } }, ACCOUNT)).toBeUndefined();
	});
});
