import type { IDataObject } from 'n8n-workflow';

import type {
	CampaignMemory,
	ListedCampaign,
	MemoryKey,
} from '../../../nodes/KoreCampaign/trigger/campaignMemory';
import {
	MAX_WATCHED_CAMPAIGNS,
	memoryToStore,
	readMemory,
	rememberedCount,
	rememberWindow,
	sameMemory,
	watchWindow,
	writeMemory,
} from '../../../nodes/KoreCampaign/trigger/campaignMemory';

/** Campaign n of a channel, created n hours after the start of 2026. */
function listed(n: number, status = 'Ready', channel: 'voice' | 'sms' = 'voice'): ListedCampaign {
	const id = `${channel === 'sms' ? 'sms' : 'cd'}-${n}`;
	const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
	return { channel, id, status, createdAt, record: { _id: id, name: `C${n}`, status, createdAt } };
}

const KEY: MemoryKey = {
	host: 'https://platform.kore.ai',
	accountId: 'acc-1',
	botId: 'st-1',
	campaignType: 'all',
};

/** The creation time `minutes` before campaign n's. */
const before = (n: number, minutes: number) =>
	new Date(Date.parse(listed(n).createdAt) - minutes * 60_000).toISOString();

describe('watchWindow', () => {
	it('watches every campaign, newest first, while they fit and the walk read them all', () => {
		const window = watchWindow([listed(1), listed(3, 'Active', 'sms'), listed(2)], false, 3);
		expect(window.campaigns.map((c) => c.id)).toEqual(['sms-3', 'cd-2', 'cd-1']);
		expect(window.oldestWatched).toBeUndefined();
	});
	it('beyond the bound keeps the newest and says from when it watches', () => {
		const window = watchWindow([listed(1), listed(4), listed(2), listed(3)], false, 2);
		expect(window.campaigns.map((c) => c.id)).toEqual(['cd-4', 'cd-3']);
		expect(window.oldestWatched).toBe(listed(3).createdAt);
	});
	it('when the walk stopped with more left, says so even if what was read fits', () => {
		expect(watchWindow([listed(5), listed(6)], true, 2).oldestWatched).toBe(listed(5).createdAt);
	});
	it('puts a campaign whose creation time is unreadable last', () => {
		const odd = { ...listed(9), id: 'odd', createdAt: 'yesterday' };
		expect(watchWindow([odd, listed(1)], false, 5).campaigns.map((c) => c.id)).toEqual([
			'cd-1',
			'odd',
		]);
	});
	it('with the real bound: 6,000 campaigns → the newest 5,000 watched', () => {
		const many = Array.from({ length: 6_000 }, (_, n) => listed(n));
		const window = watchWindow(many, false);
		expect(MAX_WATCHED_CAMPAIGNS).toBe(5_000);
		expect(window.campaigns).toHaveLength(5_000);
		expect(window.campaigns[4_999].id).toBe('cd-1000');
		expect(window.oldestWatched).toBe(listed(1000).createdAt);
	});
});

describe('rememberWindow', () => {
	it('keeps each watched campaign’s status by channel and id, the limit and the campaigns after it', () => {
		const memory = rememberWindow(
			{ campaigns: [listed(2, 'Active'), listed(1, 'Paused', 'sms')] },
			KEY,
			undefined,
		);
		expect(memory).toEqual({
			key: KEY,
			statuses: { voice: { 'cd-2': 'Active' }, sms: { 'sms-1': 'Paused' } },
			missedOnce: {},
			settledUntil: { voice: before(2, 10), sms: before(1, 10) },
			recent: { voice: { 'cd-2': listed(2).createdAt }, sms: { 'sms-1': listed(1).createdAt } },
		});
	});
	it('keeps, by channel, the limit 10 minutes before the newest campaign ever listed, also once it is gone', () => {
		const first = rememberWindow(
			{ campaigns: [listed(3), listed(1), listed(2, 'Ready', 'sms')] },
			KEY,
			undefined,
		);
		expect(first.settledUntil).toEqual({ voice: before(3, 10), sms: before(2, 10) });
		const gone = rememberWindow({ campaigns: [listed(1)] }, KEY, first);
		expect(rememberWindow({ campaigns: [listed(1)] }, KEY, gone).settledUntil).toEqual(
			first.settledUntil,
		);
		const newer = rememberWindow({ campaigns: [listed(1), listed(5, 'Ready', 'sms')] }, KEY, gone);
		expect(newer.settledUntil).toEqual({ voice: before(3, 10), sms: before(5, 10) });
	});
	it('keeps the ids created after the limit, listed or not, and drops each as the limit passes it', () => {
		/** Campaign `id`, created `minutes` after campaign 1. */
		const at = (id: string, minutes: number): ListedCampaign => ({
			...listed(1),
			id,
			createdAt: before(1, -minutes),
		});
		let memory = rememberWindow({ campaigns: [at('a', 0), at('b', 3)] }, KEY, undefined);
		expect(memory.recent.voice).toEqual({ a: before(1, 0), b: before(1, -3) });
		memory = rememberWindow({ campaigns: [at('c', 12)] }, KEY, memory);
		expect(memory.settledUntil.voice).toBe(before(1, -2));
		memory = rememberWindow({ campaigns: [] }, KEY, memory);
		expect(Object.keys(memory.recent.voice ?? {})).toEqual(['b', 'c']);
		memory = rememberWindow({ campaigns: [at('d', 14)] }, KEY, memory);
		expect(Object.keys(memory.recent.voice ?? {})).toEqual(['c', 'd']);
	});
	it('an unreadable creation time never sets the limit nor is kept as recent; with none readable there is none', () => {
		const odd = { ...listed(9), id: 'odd', createdAt: 'not a date' };
		const some = rememberWindow({ campaigns: [odd, listed(2)] }, KEY, undefined);
		expect(some.settledUntil.voice).toBe(before(2, 10));
		expect(Object.keys(some.recent.voice ?? {})).toEqual(['cd-2']);
		const only = rememberWindow({ campaigns: [odd] }, KEY, undefined);
		expect(only.settledUntil).toEqual({});
		expect(only.recent).toEqual({});
		expect(rememberWindow({ campaigns: [listed(4)] }, KEY, only).settledUntil.voice).toBe(
			before(4, 10),
		);
	});
	it('keeps a campaign missing once (a list that changed while read can skip it), forgets it when missing twice', () => {
		const first = rememberWindow({ campaigns: [listed(1), listed(2)] }, KEY, undefined);
		const second = rememberWindow({ campaigns: [listed(2)] }, KEY, first);
		expect(second.statuses.voice).toEqual({ 'cd-2': 'Ready', 'cd-1': 'Ready' });
		expect(second.missedOnce).toEqual({ voice: ['cd-1'] });
		const back = rememberWindow({ campaigns: [listed(1, 'Completed'), listed(2)] }, KEY, second);
		expect(back.statuses.voice).toEqual({ 'cd-1': 'Completed', 'cd-2': 'Ready' });
		expect(back.missedOnce).toEqual({});
		const third = rememberWindow({ campaigns: [listed(2)] }, KEY, second);
		expect(third.statuses.voice).toEqual({ 'cd-2': 'Ready' });
		expect(third.missedOnce).toEqual({});
	});
	it('keeps the window’s lower edge', () => {
		expect(
			rememberWindow(
				{ campaigns: [listed(2)], oldestWatched: 'x' },
				{ ...KEY, campaignType: 'voice' },
				undefined,
			).oldestWatched,
		).toBe('x');
	});
	it('never holds more than twice the bound, however the list changes', () => {
		const bound = 4;
		let memory: CampaignMemory | undefined;
		// Every poll lists a wholly new set of campaigns: the worst case for campaigns missed once.
		for (let poll = 0; poll < 10; poll++) {
			const fresh = Array.from({ length: 6 }, (_, i) => listed(poll * 10 + i));
			memory = rememberWindow(watchWindow(fresh, false, bound), KEY, memory);
			expect(rememberedCount(memory)).toBeLessThanOrEqual(2 * bound);
		}
		expect(rememberedCount(memory as CampaignMemory)).toBe(8);
	});
	it('at the real bound the stored memory stays near 300 kB', () => {
		const many = Array.from({ length: 6_000 }, (_, n) =>
			listed(n, 'Completed', n % 2 ? 'sms' : 'voice'),
		);
		const memory = rememberWindow(watchWindow(many, false), KEY, undefined);
		expect(rememberedCount(memory)).toBe(5_000);
		const data: IDataObject = {};
		writeMemory(data, memory);
		expect(JSON.stringify(data).length).toBeLessThan(350_000);
	});
});

describe('readMemory / writeMemory', () => {
	const memory: CampaignMemory = {
		key: KEY,
		statuses: { voice: { 'cd-1': 'Active' }, sms: { 'sms-2': 'Ready' } },
		missedOnce: { sms: ['sms-2'] },
		oldestWatched: '2026-01-01T00:00:00.000Z',
		settledUntil: { voice: '2026-02-01T00:00:00.000Z' },
		recent: { voice: { 'cd-1': '2026-02-01T00:05:00.000Z' } },
	};
	const written = () => {
		const data: IDataObject = {};
		writeMemory(data, memory);
		return data;
	};
	it('reads back what it wrote, with the account it was taken for', () => {
		const data = written();
		expect(data.account).toEqual({
			host: 'https://platform.kore.ai',
			accountId: 'acc-1',
			botId: 'st-1',
		});
		expect(readMemory(data, KEY)).toEqual(memory);
	});
	it('has no memory for another host, account, bot or Campaign Type (a fresh baseline)', () => {
		const data = written();
		expect(readMemory(data, { ...KEY, host: 'https://eu-platform.kore.ai' })).toBeUndefined();
		expect(readMemory(data, { ...KEY, accountId: 'acc-2' })).toBeUndefined();
		expect(readMemory(data, { ...KEY, botId: 'st-2' })).toBeUndefined();
		expect(readMemory(data, { ...KEY, campaignType: 'voice' })).toBeUndefined();
	});
	it('keeps only the memory it writes: another account’s goes', () => {
		const data = written();
		const other = { ...memory, key: { ...KEY, botId: 'st-2' }, statuses: {}, recent: {} };
		writeMemory(data, other);
		expect(readMemory(data, KEY)).toBeUndefined();
		expect(readMemory(data, other.key)).toEqual({ ...other, missedOnce: memory.missedOnce });
		expect(JSON.stringify(data)).not.toContain('cd-1');
	});
	it('has no memory before the first poll, or for a shape it does not know', () => {
		expect(readMemory({}, KEY)).toBeUndefined();
		const data = written();
		expect(readMemory({ ...data, version: 3 }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, account: undefined }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, statuses: [] }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, statuses: { voice: { a: 1 } } }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, missedOnce: { sms: 'x' } }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, missedOnce: null }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, recent: undefined }, KEY)).toBeUndefined();
		expect(readMemory({ ...data, recent: { voice: { a: 1 } } }, KEY)).toBeUndefined();
	});
	it('drops a lower edge the new memory does not have', () => {
		const data = written();
		writeMemory(data, { ...memory, oldestWatched: undefined });
		expect('oldestWatched' in data).toBe(false);
	});
	it('reads a memory without limits (or with unreadable ones) as having none', () => {
		const data = written();
		const none = { ...memory, settledUntil: {} };
		expect(readMemory({ ...data, settledUntil: undefined }, KEY)).toEqual(none);
		expect(readMemory({ ...data, settledUntil: 'x' }, KEY)).toEqual(none);
		expect(readMemory({ ...data, settledUntil: { voice: 5, sms: 'y' } }, KEY)).toEqual({
			...memory,
			settledUntil: { sms: 'y' },
		});
	});
	describe('a memory stored before it named the account (version 1)', () => {
		const unkeyed: IDataObject = {
			version: 1,
			campaignType: 'all',
			statuses: { voice: { 'cd-1': 'Active' } },
			missedOnce: {},
			newestSeen: { voice: '2026-02-01T00:00:00.000Z', sms: '2026-01-05T00:00:00.000Z' },
		};
		it('is the current account’s, its newest creation times the limit (no tolerance), no recent ids', () => {
			expect(readMemory(unkeyed, KEY)).toEqual({
				key: KEY,
				statuses: { voice: { 'cd-1': 'Active' } },
				missedOnce: {},
				settledUntil: unkeyed.newestSeen,
				recent: {},
			});
			expect(readMemory(unkeyed, { ...KEY, campaignType: 'sms' })).toBeUndefined();
		});
		it('is stored again, with the account, even when nothing changed', () => {
			const previous = readMemory(unkeyed, KEY) as CampaignMemory;
			const next = rememberWindow(
				{ campaigns: [{ ...listed(1, 'Active'), createdAt: '2026-01-20T00:00:00.000Z' }] },
				KEY,
				previous,
			);
			expect(sameMemory(previous, next)).toBe(true);
			expect(memoryToStore(unkeyed, previous, next)).toBe(true);
			const data = { ...unkeyed };
			writeMemory(data, next);
			expect(data.newestSeen).toBeUndefined();
			expect(data.account).toEqual({ host: KEY.host, accountId: 'acc-1', botId: 'st-1' });
			expect(memoryToStore(data, readMemory(data, KEY), next)).toBe(false);
		});
	});
});

describe('sameMemory', () => {
	const a = rememberWindow(
		{ campaigns: [listed(2, 'Active', 'sms'), listed(1, 'Ready')] },
		KEY,
		undefined,
	);
	it('the same campaigns and statuses, listed in another order, are the same memory', () => {
		const b = rememberWindow(
			{ campaigns: [listed(1, 'Ready'), listed(2, 'Active', 'sms')] },
			KEY,
			undefined,
		);
		expect(Object.keys(a.statuses)).not.toEqual(Object.keys(b.statuses));
		expect(sameMemory(a, b)).toBe(true);
	});
	it('a status, a campaign, a missed one, the edge, the limit, a recent id or the key makes a difference', () => {
		expect(sameMemory(a, { ...a, statuses: { ...a.statuses, voice: { 'cd-1': 'Paused' } } })).toBe(
			false,
		);
		expect(sameMemory(a, { ...a, statuses: { sms: a.statuses.sms } })).toBe(false);
		expect(sameMemory(a, { ...a, missedOnce: { voice: ['cd-1'] } })).toBe(false);
		expect(sameMemory(a, { ...a, oldestWatched: 'x' })).toBe(false);
		expect(sameMemory(a, { ...a, settledUntil: { ...a.settledUntil, sms: 'x' } })).toBe(false);
		expect(sameMemory(a, { ...a, recent: { ...a.recent, voice: {} } })).toBe(false);
		for (const field of ['host', 'accountId', 'botId', 'campaignType'] as const)
			expect(sameMemory(a, { ...a, key: { ...a.key, [field]: 'other' } })).toBe(false);
	});
});
