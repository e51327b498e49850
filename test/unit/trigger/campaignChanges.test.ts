import type {
	CampaignMemory,
	ListedCampaign,
	MemoryKey,
} from '../../../nodes/KoreCampaign/trigger/campaignMemory';
import {
	changeJson,
	changesSince,
	sampleChange,
	wantedChanges,
} from '../../../nodes/KoreCampaign/trigger/campaignChanges';
import {
	CREATED_TOLERANCE_MS,
	rememberWindow,
} from '../../../nodes/KoreCampaign/trigger/campaignMemory';

const hour = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();

/** Campaign n, created at hour n and last updated at hour `updated`. */
function listed(
	n: number,
	status: string,
	updated = n,
	channel: 'voice' | 'sms' = 'voice',
): ListedCampaign {
	const id = `${channel === 'sms' ? 'sms' : 'cd'}-${n}`;
	return {
		channel,
		id,
		status,
		createdAt: hour(n),
		record: {
			...(channel === 'sms' ? { id } : { _id: id }),
			name: `Campaign ${n}`,
			status,
			priority: '3',
			createdAt: hour(n),
			updatedAt: hour(updated),
			campaignInstanceUpdatedAt: hour(updated),
			schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: false },
		},
	};
}

const KEY: MemoryKey = {
	host: 'https://platform.kore.ai',
	accountId: 'acc-1',
	botId: 'st-1',
	campaignType: 'all',
};

const memory: CampaignMemory = {
	key: KEY,
	statuses: { voice: { 'cd-1': 'Active', 'cd-2': 'Active' }, sms: { 'sms-3': 'Ready' } },
	missedOnce: {},
	settledUntil: {},
	recent: {},
};

/** A voice campaign created at `createdAt`, named by its id. */
function createdAt(id: string, time: string): ListedCampaign {
	return { ...listed(0, 'Ready'), id, createdAt: time, record: { _id: id, name: id } };
}

describe('changesSince', () => {
	it('finds a changed status once, with the status before, and nothing for unchanged campaigns', () => {
		const changes = changesSince(memory, {
			campaigns: [listed(1, 'Completed', 20), listed(2, 'Active'), listed(3, 'Ready', 3, 'sms')],
		});
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ event: 'statusChanged', previousStatus: 'Active' });
		expect(changes[0].campaign.id).toBe('cd-1');
	});
	it('a campaign it does not know is created', () => {
		const changes = changesSince(memory, {
			campaigns: [listed(9, 'Preparing'), listed(1, 'Active'), listed(2, 'Active')],
		});
		expect(changes.map((c) => [c.event, c.campaign.id, c.previousStatus])).toEqual([
			['created', 'cd-9', null],
		]);
	});
	it('an unknown campaign no newer than the oldest watched came back into the window: not new', () => {
		const full = { ...memory, oldestWatched: hour(1) };
		const changes = changesSince(full, {
			campaigns: [listed(10, 'Ready'), listed(1, 'Active'), listed(0, 'Ready')],
		});
		expect(changes.map((c) => c.campaign.id)).toEqual(['cd-10']);
	});
	it('an unknown campaign created after the memory’s limit is created; one created at it or before is not', () => {
		const seen = { ...memory, settledUntil: { voice: hour(5) } };
		const changes = changesSince(seen, {
			campaigns: [listed(6, 'Ready'), listed(4, 'Ready'), listed(5, 'Ready')],
		});
		expect(changes.map((c) => [c.event, c.campaign.id])).toEqual([['created', 'cd-6']]);
	});
	it('compares creation times per channel: the other channel’s limit does not hide a new one', () => {
		const seen = { ...memory, settledUntil: { voice: hour(5), sms: hour(8) } };
		const changes = changesSince(seen, {
			campaigns: [listed(7, 'Ready'), listed(6, 'Ready', 6, 'sms')],
		});
		expect(changes.map((c) => [c.event, c.campaign.id])).toEqual([['created', 'cd-7']]);
	});
	it('a campaign listed after one created later than it is created once, within the tolerance', () => {
		expect(CREATED_TOLERANCE_MS).toBe(10 * 60_000);
		const at = (time: string) => `2026-03-02T${time}.000Z`;
		let known = rememberWindow({ campaigns: [createdAt('base', at('09:00:00'))] }, KEY, undefined);
		const emitted: string[] = [];
		const poll = (...campaigns: ListedCampaign[]) => {
			const window = { campaigns: [createdAt('base', at('09:00:00')), ...campaigns] };
			emitted.push(...changesSince(known, window).map((c) => `${c.event} ${c.campaign.id}`));
			known = rememberWindow(window, KEY, known);
		};
		const five = createdAt('five', at('10:00:05'));
		const two = createdAt('two', at('10:00:02'));
		poll(five);
		poll(five, two);
		poll(five, two);
		// Forgotten (missing from two polls), then listed again: not created a second time.
		poll(five);
		poll(five);
		poll(five, two);
		expect(emitted).toEqual(['created five', 'created two']);
		// The edge: created 10 minutes before the newest seen is not new, a millisecond later is.
		poll(five, createdAt('edge', at('09:50:05')), createdAt('inside', '2026-03-02T09:50:05.001Z'));
		expect(emitted).toEqual(['created five', 'created two', 'created inside']);
	});
	it('the baseline’s campaigns, also those created within the tolerance, are never created', () => {
		const base = [createdAt('a', hour(5)), createdAt('b', '2026-01-01T04:55:00.000Z')];
		let known = rememberWindow({ campaigns: base }, KEY, undefined);
		const emitted: string[] = [];
		for (const campaigns of [[], [], base, [createdAt('c', hour(6))], base]) {
			emitted.push(...changesSince(known, { campaigns }).map((c) => c.campaign.id));
			known = rememberWindow({ campaigns }, KEY, known);
		}
		expect(emitted).toEqual(['c']);
	});
	it('a campaign forgotten after missing two polls in a row, then listed again, is not created', () => {
		const polls = [
			[listed(1, 'Active'), listed(2, 'Active')],
			[listed(2, 'Active')],
			[listed(2, 'Active')],
			[listed(1, 'Active'), listed(2, 'Active')],
		];
		let known = rememberWindow({ campaigns: polls[0] }, KEY, undefined);
		const emitted: string[] = [];
		for (const campaigns of polls.slice(1)) {
			emitted.push(...changesSince(known, { campaigns }).map((c) => `${c.event} ${c.campaign.id}`));
			known = rememberWindow({ campaigns }, KEY, known);
		}
		expect(known.statuses.voice).toEqual({ 'cd-1': 'Active', 'cd-2': 'Active' });
		expect(emitted).toEqual([]);
		// A campaign created after them still comes out as created.
		const later = changesSince(known, { campaigns: [listed(3, 'Ready'), ...polls[3]] });
		expect(later.map((c) => `${c.event} ${c.campaign.id}`)).toEqual(['created cd-3']);
	});
	it('orders the changes by when they happened, oldest first', () => {
		const changes = changesSince(memory, {
			campaigns: [listed(1, 'Completed', 30), listed(2, 'Stopped', 25), listed(7, 'Ready')],
		});
		expect(changes.map((c) => c.campaign.id)).toEqual(['cd-7', 'cd-2', 'cd-1']);
	});
	it('the same id on the other channel is another campaign', () => {
		const changes = changesSince(
			{ ...memory, statuses: { voice: { 'x-1': 'Active' } } },
			{ campaigns: [{ ...listed(1, 'Active', 1, 'sms'), id: 'x-1' }] },
		);
		expect(changes.map((c) => c.event)).toEqual(['created']);
	});
});

describe('wantedChanges', () => {
	const changes = changesSince(memory, {
		campaigns: [
			listed(1, 'Completed', 20),
			listed(2, 'Paused', 21),
			listed(8, 'Ready'),
			listed(3, 'Stopped', 22, 'sms'),
		],
	});
	it('status changes to any status when none is chosen', () => {
		expect(
			wantedChanges(changes, { event: 'statusChanged', statuses: [] }).map((c) => c.campaign.id),
		).toEqual(['cd-1', 'cd-2', 'sms-3']);
	});
	it('status changes to a chosen status only', () => {
		expect(
			wantedChanges(changes, { event: 'statusChanged', statuses: ['Completed', 'Stopped'] }).map(
				(c) => c.campaign.id,
			),
		).toEqual(['cd-1', 'sms-3']);
	});
	it('created campaigns, whatever their status', () => {
		expect(
			wantedChanges(changes, { event: 'created', statuses: ['Completed'] }).map(
				(c) => c.campaign.id,
			),
		).toEqual(['cd-8']);
	});
});

describe('sampleChange', () => {
	const window = {
		campaigns: [listed(5, 'Ready', 5), listed(2, 'Completed', 40), listed(1, 'Completed', 30)],
	};
	it('status changed: the campaign updated last that fits', () => {
		expect(sampleChange(window, { event: 'statusChanged', statuses: [] })?.campaign.id).toBe(
			'cd-2',
		);
		expect(sampleChange(window, { event: 'statusChanged', statuses: ['Ready'] })?.campaign.id).toBe(
			'cd-5',
		);
	});
	it('created: the newest campaign, with no previous status', () => {
		expect(sampleChange(window, { event: 'created', statuses: [] })).toMatchObject({
			event: 'created',
			previousStatus: null,
			campaign: { id: 'cd-5' },
		});
	});
	it('none when nothing fits', () => {
		expect(sampleChange(window, { event: 'statusChanged', statuses: ['Stopped'] })).toBeUndefined();
		expect(sampleChange({ campaigns: [] }, { event: 'created', statuses: [] })).toBeUndefined();
	});
});

describe('changeJson', () => {
	it('the change first, then what Get Many shows', () => {
		const json = changeJson({
			event: 'statusChanged',
			campaign: listed(3, 'Completed', 9, 'sms'),
			previousStatus: 'Active',
		});
		expect(json).toEqual({
			id: 'sms-3',
			name: 'Campaign 3',
			type: 'sms',
			status: 'Completed',
			previousStatus: 'Active',
			updatedAt: hour(9),
			campaignInstanceUpdatedAt: hour(9),
			event: 'statusChanged',
			priority: '3',
			isSchedulingEnabled: true,
			isRecurrenceEnabled: false,
			createdAt: hour(3),
		});
		expect(Object.keys(json).slice(0, 8)).toEqual([
			'id',
			'name',
			'type',
			'status',
			'previousStatus',
			'updatedAt',
			'campaignInstanceUpdatedAt',
			'event',
		]);
	});
	it('campaignInstanceUpdatedAt is null when Kore leaves it out', () => {
		const campaign = listed(1, 'Ready');
		delete campaign.record.campaignInstanceUpdatedAt;
		expect(
			changeJson({ event: 'created', campaign, previousStatus: null }).campaignInstanceUpdatedAt,
		).toBeNull();
	});
});
