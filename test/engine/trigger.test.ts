/**
 * Issue 25: Kore Campaign Trigger, polled through n8n-core's own PollContext and
 * PollTriggerExecutor (dev/engine.ts ActiveTrigger) against the stand-in, whose campaigns the
 * tests change between polls. Every poll walks the real list calls; calls are paced by the
 * account limiter at Kore's 60 per minute, so each poll of both channels costs about a second.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ActiveTrigger, fetchTestEvent, runNode } from '../../dev/engine';
import { clientCredentials, WINDOW } from '../../dev/fixtures';
import { useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();
/** A small account for paging and pacing tests: 4 voice and 2 SMS campaigns. */
const small = useKoreStandIn({
	campaigns: [
		{ name: 'Voice A', type: 'voice', status: 'Ready' },
		{ name: 'Voice B', type: 'voice', status: 'Active' },
		{ name: 'Voice C', type: 'voice', status: 'Ready' },
		{ name: 'Voice D', type: 'voice', status: 'Scheduled' },
		{ name: 'Text A', type: 'sms', status: 'Ready' },
		{ name: 'Text B', type: 'sms', status: 'Active' },
	],
});

afterEach(() => {
	kore.onRequest = undefined;
	small.onRequest = undefined;
});

const trigger = (parameters: IDataObject = {}, standIn = kore) =>
	new ActiveTrigger({ parameters, credentials: clientCredentials(standIn) });

const names = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => item.json.name);

/** The campaigns the trigger remembers, by channel. */
const remembered = (active: ActiveTrigger) =>
	active.nodeStaticData.statuses as Record<string, Record<string, string>>;

describe('Kore Campaign Trigger, active', () => {
	it('first activation records a baseline of every campaign and emits nothing; quiet polls emit nothing', async () => {
		const active = trigger();
		expect(await active.activate()).toEqual({});
		const memory = remembered(active);
		expect(Object.keys(memory.voice)).toHaveLength(8);
		expect(Object.keys(memory.sms)).toHaveLength(5);
		expect(memory.voice['cd-000002-standin']).toBe('Completed');
		expect(await active.poll()).toEqual({});
		// Both channels, one page each, newest first.
		expect(kore.listCalls.map((c: { body: IDataObject }) => [c.body.type, c.body.sortBy])).toEqual([
			['voice', { createdAt: 'desc' }],
			['sms', { createdAt: 'desc' }],
			['voice', { createdAt: 'desc' }],
			['sms', { createdAt: 'desc' }],
		]);
	});

	it('a status change is emitted once, with the status before and the campaign as Get Many shows it', async () => {
		const active = trigger();
		await active.activate();
		const record = kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		const { emitted, error } = await active.poll();
		expect(error).toBeUndefined();
		expect(emitted).toHaveLength(1);
		expect(emitted?.[0].json).toEqual({
			id: 'cd-000001-standin',
			name: 'Spring Promo 1 | Voice',
			type: 'voice',
			status: 'Completed',
			previousStatus: 'Active',
			updatedAt: record.updatedAt,
			campaignInstanceUpdatedAt: record.campaignInstanceUpdatedAt,
			event: 'statusChanged',
			priority: 1,
			isSchedulingEnabled: false,
			isRecurrenceEnabled: false,
			createdAt: record.createdAt,
		});
		// Emitting saved the memory; a quiet poll leaves n8n nothing to save.
		expect(active.unsaved).toBe(false);
		expect(active.saved).toEqual(
			JSON.parse(JSON.stringify({ 'node:Kore Campaign Trigger': active.nodeStaticData })),
		);
		expect(await active.poll()).toEqual({});
		expect(active.unsaved).toBe(false);
	});

	it('New Status: only changes to the chosen statuses are emitted; the others are remembered, not emitted later', async () => {
		const active = trigger({ event: 'statusChanged', statuses: ['Completed', 'Stopped'] });
		await active.activate();
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		kore.setCampaignStatus('Spring Promo 3 | Voice', 'Paused');
		kore.setCampaignStatus('Winback | SMS', 'Stopped');
		const { emitted } = await active.poll();
		// Both changed within the same second or so: which came first is not the point here.
		expect(emitted?.map((i) => [i.json.name, i.json.previousStatus, i.json.status]).sort()).toEqual(
			[
				['Spring Promo 1 | Voice', 'Active', 'Completed'],
				['Winback | SMS', 'Paused', 'Stopped'],
			],
		);
		expect(remembered(active).voice['cd-000003-standin']).toBe('Paused');
		expect(await active.poll()).toEqual({});
	});

	it('Campaign Created: new voice and SMS campaigns, once each, with no previous status; status changes are not created', async () => {
		const active = trigger({ event: 'created' });
		await active.activate();
		kore.addCampaign({ name: 'Fresh Voice', type: 'voice', status: 'Preparing' });
		kore.addCampaign({ name: 'Fresh Text', type: 'sms', status: 'Ready' });
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		const { emitted } = await active.poll();
		expect(names(emitted)).toEqual(['Fresh Voice', 'Fresh Text']);
		expect(emitted?.map((i) => [i.json.type, i.json.event, i.json.previousStatus])).toEqual([
			['voice', 'created', null],
			['sms', 'created', null],
		]);
		kore.setCampaignStatus('Fresh Voice', 'Ready');
		expect(await active.poll()).toEqual({});
	});

	it('Campaign Type: one channel lists only that channel and emits only its changes', async () => {
		const active = trigger({ campaignType: 'sms' });
		await active.activate();
		expect(Object.keys(remembered(active))).toEqual(['sms']);
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		kore.setCampaignStatus('Survey | SMS', 'Active');
		const { emitted } = await active.poll();
		expect(names(emitted)).toEqual(['Survey | SMS']);
		expect(kore.listCalls.every((c: { body: IDataObject }) => c.body.type === 'sms')).toBe(true);
		expect(kore.listCalls).toHaveLength(2);
	});

	it('a changed Campaign Type takes a new baseline instead of reporting the other channel as created', async () => {
		const sms = trigger({ campaignType: 'sms', event: 'created' });
		await sms.activate();
		const all = new ActiveTrigger({
			parameters: { campaignType: 'all', event: 'created' },
			credentials: clientCredentials(kore),
			staticData: { 'node:Kore Campaign Trigger': sms.nodeStaticData },
		});
		expect(await all.activate()).toEqual({});
		expect(all.nodeStaticData.campaignType).toBe('all');
	});

	it('after a long pause each campaign’s change comes once: its status then and now, not the steps between', async () => {
		const active = trigger();
		await active.activate();
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Paused');
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Active');
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		kore.setCampaignStatus('Spring Promo 5 | Voice', 'Active');
		kore.setCampaignStatus('Spring Promo 5 | Voice', 'Preparing');
		const { emitted } = await active.poll();
		expect(names(emitted)).toEqual(['Spring Promo 1 | Voice']);
		expect(emitted?.[0].json).toMatchObject({ previousStatus: 'Active', status: 'Completed' });
	});

	it('a campaign that disappears is dropped (after two polls without it) and emits nothing', async () => {
		const active = trigger({ event: 'created' });
		await active.activate();
		kore.removeCampaign('Winback | SMS');
		expect(await active.poll()).toEqual({});
		expect(remembered(active).sms['sms-000011-standin']).toBe('Paused');
		expect(await active.poll()).toEqual({});
		expect(remembered(active).sms['sms-000011-standin']).toBeUndefined();
		expect(Object.keys(remembered(active).sms)).toHaveLength(4);
	});

	it('a campaign deleted while the list is read does not make the one it pushed off a page look new', async () => {
		small.setListPageCap(2);
		const active = trigger({ event: 'created' }, small);
		await active.activate();
		// Right after the first voice page (D, C), delete D: the next page starts at offset 2 of
		// [C, B, A] and so skips B.
		small.onRequest = (record: { route: string; body: IDataObject }) => {
			if (record.route === 'list' && record.body.type === 'voice' && record.body.skip === 0) {
				small.removeCampaign('Voice D');
				small.onRequest = undefined;
			}
		};
		expect(await active.poll()).toEqual({});
		expect(await active.poll()).toEqual({});
		small.addCampaign({ name: 'Voice E', type: 'voice' });
		expect(names((await active.poll()).emitted)).toEqual(['Voice E']);
	});

	it('a poll that starts while the previous one still reads is skipped: each change comes once', async () => {
		const active = trigger();
		await active.activate();
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		const calls = kore.listCalls.length;
		const [first, second] = await Promise.all([active.poll(), active.poll()]);
		expect(names(first.emitted)).toEqual(['Spring Promo 1 | Voice']);
		expect(second).toEqual({});
		expect(kore.listCalls.length - calls).toBe(2);
		expect(await active.poll()).toEqual({});
	});

	it('restart: what was emitted is not emitted again; a change made while n8n was down comes at the activation', async () => {
		const active = trigger();
		await active.activate();
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		expect(names((await active.poll()).emitted)).toEqual(['Spring Promo 1 | Voice']);
		active.restart();
		expect(await active.activate()).toEqual({});
		kore.setCampaignStatus('Survey | SMS', 'Active');
		active.restart();
		expect(names((await active.activate()).emitted)).toEqual(['Survey | SMS']);
		active.restart();
		expect(await active.activate()).toEqual({});
	});
});

describe('Kore Campaign Trigger, memory per account and creation order', () => {
	/** Another bot of the same account. */
	const OTHER_BOT = 'st-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
	/** A campaign name → its id in the stand-in. */
	const idOf = (name: string) => {
		const entry = kore.findCampaign(name) as { record: { _id?: string; id?: string } };
		return entry.record._id ?? entry.record.id ?? '';
	};

	it('pointed at another bot (the credential’s Bot ID changed), takes a baseline there: its campaigns are not created, one created after is', async () => {
		const credentials = clientCredentials(kore);
		const active = new ActiveTrigger({ parameters: { event: 'created' }, credentials });
		await active.activate();
		// The other bot's campaigns were created after every campaign of the first bot.
		kore.serveBot(OTHER_BOT, [
			{ name: 'Other Bot Voice', type: 'voice', status: 'Completed' },
			{ name: 'Other Bot Text', type: 'sms', status: 'Active' },
		]);
		credentials.botId = OTHER_BOT;
		expect(await active.poll()).toEqual({});
		// Only the new bot's memory is kept.
		expect(active.nodeStaticData.account).toEqual({
			host: kore.url,
			accountId: kore.accountId,
			botId: OTHER_BOT,
		});
		expect(remembered(active)).toEqual({
			voice: { [idOf('Other Bot Voice')]: 'Completed' },
			sms: { [idOf('Other Bot Text')]: 'Active' },
		});
		kore.addCampaign({ name: 'Other Bot Fresh', type: 'sms' });
		expect(names((await active.poll()).emitted)).toEqual(['Other Bot Fresh']);
		expect(await active.poll()).toEqual({});
	});

	it('Campaign Created: a campaign Kore lists only after one created later than it is emitted once, also when it leaves the list and comes back', async () => {
		const active = trigger({ event: 'created', campaignType: 'voice' });
		await active.activate();
		kore.addCampaign({ name: 'Created 10:00:05', createdAt: '2026-03-02T10:00:05.000Z' });
		expect(names((await active.poll()).emitted)).toEqual(['Created 10:00:05']);
		kore.addCampaign({ name: 'Created 10:00:02', createdAt: '2026-03-02T10:00:02.000Z' });
		expect(names((await active.poll()).emitted)).toEqual(['Created 10:00:02']);
		expect(await active.poll()).toEqual({});
		// Left out of two polls in a row (the memory forgets it), then listed again.
		kore.setUnlisted('Created 10:00:02', true);
		expect(await active.poll()).toEqual({});
		expect(await active.poll()).toEqual({});
		expect(remembered(active).voice[idOf('Created 10:00:02')]).toBeUndefined();
		kore.setUnlisted('Created 10:00:02', false);
		expect(await active.poll()).toEqual({});
	});

	it('Campaign Created: baseline campaigns left out of the list until forgotten, then listed again, are not created', async () => {
		const active = trigger({ event: 'created', campaignType: 'sms' });
		await active.activate();
		// The newest campaign at activation, and one created hours before it.
		for (const name of ['Spring Promo | SMS', 'Winback | SMS']) kore.setUnlisted(name, true);
		expect(await active.poll()).toEqual({});
		expect(await active.poll()).toEqual({});
		expect(Object.keys(remembered(active).sms)).toHaveLength(3);
		for (const name of ['Spring Promo | SMS', 'Winback | SMS']) kore.setUnlisted(name, false);
		expect(await active.poll()).toEqual({});
	});

	it('a memory stored before it named the account is the current account’s: no flood, the change made meanwhile comes once, and a later bot change takes a baseline', async () => {
		// Version 1's memory: no account, the newest creation time seen per channel. It had
		// forgotten the newest SMS campaign (missing from two polls), which is listed again now.
		const current = trigger({ event: 'created' });
		await current.activate();
		const statuses = remembered(current);
		delete statuses.sms[idOf('Spring Promo | SMS')];
		const unkeyed = {
			version: 1,
			campaignType: 'all',
			statuses,
			missedOnce: {},
			newestSeen: { voice: '2026-01-01T07:00:00.000Z', sms: '2026-01-01T12:00:00.000Z' },
		};
		kore.addCampaign({ name: 'Created Meanwhile', type: 'voice' });
		const credentials = clientCredentials(kore);
		const active = new ActiveTrigger({
			parameters: { event: 'created' },
			credentials,
			staticData: { 'node:Kore Campaign Trigger': unkeyed },
		});
		expect(names((await active.activate()).emitted)).toEqual(['Created Meanwhile']);
		expect(await active.poll()).toEqual({});
		// The first poll stored the memory with the account it was read from.
		kore.serveBot(OTHER_BOT, [{ name: 'Other Bot Voice', type: 'voice' }]);
		credentials.botId = OTHER_BOT;
		expect(await active.poll()).toEqual({});
		expect(active.nodeStaticData).toMatchObject({ version: 2, account: { botId: OTHER_BOT } });
		expect(active.nodeStaticData.newestSeen).toBeUndefined();
	});
});

describe('Kore Campaign Trigger, failures', () => {
	it('a poll that fails (401) reports a clear error and leaves the memory as it was; the next poll emits the change once', async () => {
		const active = trigger();
		await active.activate();
		const before = JSON.stringify(active.nodeStaticData);
		kore.setCampaignStatus('Survey | SMS', 'Active');
		kore.failRoute('list', {
			status: 401,
			body: { errors: [{ msg: 'error verifying the jwt: possibly a replay', code: 401 }] },
		});
		const failed = await active.poll();
		expect(failed.emitted).toBeUndefined();
		expect(failed.error?.message).toMatch(/^Listing voice campaigns, page 1: /);
		expect(failed.error?.message).toContain('possibly a replay');
		expect(JSON.stringify(active.nodeStaticData)).toBe(before);
		expect(names((await active.poll()).emitted)).toEqual(['Survey | SMS']);
		expect(await active.poll()).toEqual({});
	});

	it('Kore down on the second channel after the first was read: nothing is kept from the failed poll', async () => {
		const active = trigger();
		await active.activate();
		const before = JSON.stringify(active.nodeStaticData);
		kore.setCampaignStatus('Spring Promo 1 | Voice', 'Completed');
		kore.onRequest = (record: { route: string; body: IDataObject }) => {
			if (record.route === 'list' && record.body.type === 'voice') {
				kore.onRequest = undefined;
				// Every try of the SMS page, retries included, meets a gateway error.
				kore.failRoute('list', ...Array.from({ length: 4 }, () => ({ status: 503, body: '' })));
			}
		};
		const failed = await active.poll();
		expect(failed.emitted).toBeUndefined();
		expect(failed.error?.message).toMatch(/^Listing SMS campaigns, page 1: .*after 4 attempts/);
		expect(JSON.stringify(active.nodeStaticData)).toBe(before);
		expect(names((await active.poll()).emitted)).toEqual(['Spring Promo 1 | Voice']);
	}, 60_000);

	it('a failing activation throws (n8n then does not activate) and takes no baseline', async () => {
		const active = trigger();
		kore.failRoute('list', {
			status: 401,
			body: { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] },
		});
		await expect(active.activate()).rejects.toThrow(/Invalid SDK credentials/);
		expect(active.nodeStaticData.statuses).toBeUndefined();
	});

	it('an unknown event or status is refused with what is accepted', async () => {
		await expect(trigger({ event: 'deleted' }).activate()).rejects.toThrow(
			'Event: "deleted" is not supported; use "statusChanged", "created" or "callCompleted".',
		);
		await expect(trigger({ statuses: ['Done'] }).activate()).rejects.toThrow(
			/New Status: "Done" is not a Kore.ai campaign status/,
		);
		expect(kore.listCalls).toHaveLength(0);
	});

	it('polls share the account’s rate limit with the action node: a poll during a Schedule run never pushes Kore over it', async () => {
		// Kore's 60/min scaled to what the trigger and the node each use alone (about one call per
		// second): the stand-in allows 3 calls in any 2 s. Together, unshared, they would make 4.
		small.setRateLimit(3, 2000);
		small.setListPageCap(1);
		const active = trigger({}, small);
		const [activation, scheduled] = await Promise.all([
			active.activate(),
			runNode({
				items: [{ json: {} }, { json: {} }],
				parameters: (i: number) => ({
					operation: 'schedule',
					campaignName: ['Voice A', 'Text B'][i],
					...WINDOW,
				}),
				credentials: clientCredentials(small),
			}),
		]);
		expect(activation).toEqual({});
		expect(scheduled.map((o) => o.json.status)).toEqual(['success', 'success']);
		expect(small.counters.rateLimited).toBe(0);
		expect(Object.keys(remembered(active).voice)).toHaveLength(4);
		expect(Object.keys(remembered(active).sms)).toHaveLength(2);
	}, 60_000);

	it('Requests per Minute paces the polls: at 30 a minute its two list calls start at least 2.05 s apart', async () => {
		const active = trigger({ options: { requestsPerMinute: 30 } }, small);
		expect(await active.activate()).toEqual({});
		const [voice, sms] = small.listCalls.map((c: { at: number }) => c.at);
		expect(small.listCalls).toHaveLength(2);
		expect(sms - voice).toBeGreaterThanOrEqual(Math.ceil((60_000 / 30) * 1.025));
	}, 30_000);

	it('an out-of-range Requests per Minute is refused before any call', async () => {
		await expect(trigger({ options: { requestsPerMinute: -1 } }).activate()).rejects.toThrow(
			'Requests per Minute must be a whole number from 0 to 100000; got -1.',
		);
		expect(kore.listCalls).toHaveLength(0);
	});
});

describe('Kore Campaign Trigger, Fetch Test Event (manual)', () => {
	it('shows the campaign updated last, from Kore, and leaves the memory alone', async () => {
		const active = trigger();
		await active.activate();
		const staticData = { 'node:Kore Campaign Trigger': active.nodeStaticData };
		const record = kore.setCampaignStatus('Winback | SMS', 'Completed');
		const sample = await fetchTestEvent({
			parameters: { event: 'statusChanged' },
			credentials: clientCredentials(kore),
			staticData,
		});
		expect(sample.items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				id: 'sms-000011-standin',
				name: 'Winback | SMS',
				status: 'Completed',
				previousStatus: null,
				updatedAt: record.updatedAt,
				event: 'statusChanged',
			}),
		]);
		expect(sample.staticData).toEqual(JSON.parse(JSON.stringify(staticData)));
		// The change is still news for the active trigger.
		expect(names((await active.poll()).emitted)).toEqual(['Winback | SMS']);
	});

	it('Campaign Created: the newest campaign of the chosen type', async () => {
		const sample = await fetchTestEvent({
			parameters: { event: 'created', campaignType: 'voice' },
			credentials: clientCredentials(kore),
		});
		expect(names(sample.items)).toEqual(['Spring Promo 8 | Voice']);
		expect(sample.staticData).toEqual({});
	});

	it('says so when no campaign fits', async () => {
		await expect(
			fetchTestEvent({
				parameters: { event: 'statusChanged', statuses: ['Stopped'], campaignType: 'sms' },
				credentials: clientCredentials(kore),
			}),
		).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'No campaign in Kore.ai fits this trigger yet, so there is no sample to show',
			description: expect.stringContaining('Check Campaign Type and New Status'),
		});
	});
});
