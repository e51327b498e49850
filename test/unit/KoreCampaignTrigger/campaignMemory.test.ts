import type { IDataObject } from 'n8n-workflow';

import type {
	CampaignMemory,
	ListedCampaign,
} from '../../../nodes/KoreCampaignTrigger/campaignMemory';
import {
	MAX_WATCHED_CAMPAIGNS,
	readMemory,
	rememberedCount,
	rememberWindow,
	sameMemory,
	watchWindow,
	writeMemory,
} from '../../../nodes/KoreCampaignTrigger/campaignMemory';

/** Campaign n of a channel, created n hours after the start of 2026. */
function listed(n: number, status = 'Ready', channel: 'voice' | 'sms' = 'voice'): ListedCampaign {
	const id = `${channel === 'sms' ? 'sms' : 'cd'}-${n}`;
	const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
	return { channel, id, status, createdAt, record: { _id: id, name: `C${n}`, status, createdAt } };
}

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
	it('keeps each watched campaign’s status by channel and id', () => {
		const memory = rememberWindow(
			{ campaigns: [listed(2, 'Active'), listed(1, 'Paused', 'sms')] },
			'all',
			undefined,
		);
		expect(memory).toEqual({
			campaignType: 'all',
			statuses: { voice: { 'cd-2': 'Active' }, sms: { 'sms-1': 'Paused' } },
			missedOnce: {},
			newestSeen: { voice: listed(2).createdAt, sms: listed(1).createdAt },
		});
	});
	it('keeps, by channel, the creation time of the newest campaign ever listed, also once it is gone', () => {
		const first = rememberWindow(
			{ campaigns: [listed(3), listed(1), listed(2, 'Ready', 'sms')] },
			'all',
			undefined,
		);
		expect(first.newestSeen).toEqual({ voice: listed(3).createdAt, sms: listed(2).createdAt });
		const gone = rememberWindow({ campaigns: [listed(1)] }, 'all', first);
		expect(rememberWindow({ campaigns: [listed(1)] }, 'all', gone).newestSeen).toEqual(
			first.newestSeen,
		);
		const newer = rememberWindow(
			{ campaigns: [listed(1), listed(5, 'Ready', 'sms')] },
			'all',
			gone,
		);
		expect(newer.newestSeen).toEqual({ voice: listed(3).createdAt, sms: listed(5).createdAt });
	});
	it('an unreadable creation time is never the newest; with none readable there is none', () => {
		const odd = { ...listed(9), createdAt: 'not a date' };
		expect(rememberWindow({ campaigns: [odd, listed(2)] }, 'all', undefined).newestSeen.voice).toBe(
			listed(2).createdAt,
		);
		const only = rememberWindow({ campaigns: [odd] }, 'all', undefined);
		expect(only.newestSeen).toEqual({});
		expect(rememberWindow({ campaigns: [listed(4)] }, 'all', only).newestSeen.voice).toBe(
			listed(4).createdAt,
		);
	});
	it('keeps a campaign missing once (a list that changed while read can skip it), forgets it when missing twice', () => {
		const first = rememberWindow({ campaigns: [listed(1), listed(2)] }, 'all', undefined);
		const second = rememberWindow({ campaigns: [listed(2)] }, 'all', first);
		expect(second.statuses.voice).toEqual({ 'cd-2': 'Ready', 'cd-1': 'Ready' });
		expect(second.missedOnce).toEqual({ voice: ['cd-1'] });
		const back = rememberWindow({ campaigns: [listed(1, 'Completed'), listed(2)] }, 'all', second);
		expect(back.statuses.voice).toEqual({ 'cd-1': 'Completed', 'cd-2': 'Ready' });
		expect(back.missedOnce).toEqual({});
		const third = rememberWindow({ campaigns: [listed(2)] }, 'all', second);
		expect(third.statuses.voice).toEqual({ 'cd-2': 'Ready' });
		expect(third.missedOnce).toEqual({});
	});
	it('keeps the window’s lower edge', () => {
		expect(
			rememberWindow({ campaigns: [listed(2)], oldestWatched: 'x' }, 'voice', undefined)
				.oldestWatched,
		).toBe('x');
	});
	it('never holds more than twice the bound, however the list changes', () => {
		const bound = 4;
		let memory: CampaignMemory | undefined;
		// Every poll lists a wholly new set of campaigns: the worst case for campaigns missed once.
		for (let poll = 0; poll < 10; poll++) {
			const fresh = Array.from({ length: 6 }, (_, i) => listed(poll * 10 + i));
			memory = rememberWindow(watchWindow(fresh, false, bound), 'all', memory);
			expect(rememberedCount(memory)).toBeLessThanOrEqual(2 * bound);
		}
		expect(rememberedCount(memory as CampaignMemory)).toBe(8);
	});
	it('at the real bound the stored memory stays near 300 kB', () => {
		const many = Array.from({ length: 6_000 }, (_, n) =>
			listed(n, 'Completed', n % 2 ? 'sms' : 'voice'),
		);
		const memory = rememberWindow(watchWindow(many, false), 'all', undefined);
		expect(rememberedCount(memory)).toBe(5_000);
		const data: IDataObject = {};
		writeMemory(data, memory);
		expect(JSON.stringify(data).length).toBeLessThan(350_000);
	});
});

describe('readMemory / writeMemory', () => {
	const memory: CampaignMemory = {
		campaignType: 'all',
		statuses: { voice: { 'cd-1': 'Active' }, sms: { 'sms-2': 'Ready' } },
		missedOnce: { sms: ['sms-2'] },
		oldestWatched: '2026-01-01T00:00:00.000Z',
		newestSeen: { voice: '2026-02-01T00:00:00.000Z' },
	};
	it('reads back what it wrote', () => {
		const data: IDataObject = {};
		writeMemory(data, memory);
		expect(readMemory(data, 'all')).toEqual(memory);
	});
	it('has no memory for another Campaign Type (a fresh baseline)', () => {
		const data: IDataObject = {};
		writeMemory(data, memory);
		expect(readMemory(data, 'voice')).toBeUndefined();
	});
	it('has no memory before the first poll, or for a shape it does not know', () => {
		expect(readMemory({}, 'all')).toBeUndefined();
		const data: IDataObject = {};
		writeMemory(data, memory);
		expect(readMemory({ ...data, version: 2 }, 'all')).toBeUndefined();
		expect(readMemory({ ...data, statuses: [] }, 'all')).toBeUndefined();
		expect(readMemory({ ...data, statuses: { voice: { a: 1 } } }, 'all')).toBeUndefined();
		expect(readMemory({ ...data, missedOnce: { sms: 'x' } }, 'all')).toBeUndefined();
		expect(readMemory({ ...data, missedOnce: null }, 'all')).toBeUndefined();
	});
	it('drops a lower edge the new memory does not have', () => {
		const data: IDataObject = {};
		writeMemory(data, memory);
		writeMemory(data, { ...memory, oldestWatched: undefined });
		expect('oldestWatched' in data).toBe(false);
	});
	it('reads a memory without newest creation times (or with unreadable ones) as having none', () => {
		const data: IDataObject = {};
		writeMemory(data, memory);
		const none = { ...memory, newestSeen: {} };
		expect(readMemory({ ...data, newestSeen: undefined }, 'all')).toEqual(none);
		expect(readMemory({ ...data, newestSeen: 'x' }, 'all')).toEqual(none);
		expect(readMemory({ ...data, newestSeen: { voice: 5, sms: 'y' } }, 'all')).toEqual({
			...memory,
			newestSeen: { sms: 'y' },
		});
	});
});

describe('sameMemory', () => {
	const a = rememberWindow(
		{ campaigns: [listed(2, 'Active', 'sms'), listed(1, 'Ready')] },
		'all',
		undefined,
	);
	it('the same campaigns and statuses, listed in another order, are the same memory', () => {
		const b = rememberWindow(
			{ campaigns: [listed(1, 'Ready'), listed(2, 'Active', 'sms')] },
			'all',
			undefined,
		);
		expect(Object.keys(a.statuses)).not.toEqual(Object.keys(b.statuses));
		expect(sameMemory(a, b)).toBe(true);
	});
	it('a status, a campaign, a missed one, the edge or the type makes a difference', () => {
		expect(sameMemory(a, { ...a, statuses: { ...a.statuses, voice: { 'cd-1': 'Paused' } } })).toBe(
			false,
		);
		expect(sameMemory(a, { ...a, statuses: { sms: a.statuses.sms } })).toBe(false);
		expect(sameMemory(a, { ...a, missedOnce: { voice: ['cd-1'] } })).toBe(false);
		expect(sameMemory(a, { ...a, oldestWatched: 'x' })).toBe(false);
		expect(sameMemory(a, { ...a, newestSeen: { ...a.newestSeen, sms: 'x' } })).toBe(false);
		expect(sameMemory(a, { ...a, campaignType: 'voice' })).toBe(false);
	});
});
