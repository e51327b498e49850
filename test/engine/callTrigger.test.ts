/**
 * Kore Campaign Trigger, Call Completed (issue 35), polled through n8n-core's PollContext and
 * PollTriggerExecutor (dev/engine.ts ActiveTrigger) against the stand-in's call details, whose
 * calls the tests add between polls: each finished call once, across polls and a restart, late
 * records within the lag, none from before the activation.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ActiveTrigger, fetchTestEvent } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { CALL_LAG_SECONDS } from '../../nodes/KoreCampaign/trigger/callCompleted';
import { useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const trigger = (parameters: IDataObject = {}, staticData?: IDataObject) =>
	new ActiveTrigger({
		parameters: { event: 'callCompleted', options: { requestsPerMinute: 0 }, ...parameters },
		credentials: clientCredentials(kore),
		...(staticData ? { staticData } : {}),
	});

const ids = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => item.json.conversationId);

/** The call memory the trigger keeps. */
const memoryOf = (active: ActiveTrigger) => active.nodeStaticData.callCompleted as IDataObject;

/** Makes the trigger's watch start `ms` earlier, as if it had been active that long. */
function activeFor(active: ActiveTrigger, ms: number) {
	const memory = memoryOf(active);
	memory.since = (memory.since as number) - ms / 1000;
	memory.readUntil = (memory.readUntil as number) - ms / 1000;
}

/** As if `ms` passed since the last poll: every second the memory holds moves back by `ms`. */
function timePasses(active: ActiveTrigger, ms: number) {
	activeFor(active, ms);
	const memory = memoryOf(active);
	for (const key of ['emitted', 'going']) {
		const entries = (memory[key] ?? {}) as Record<string, number>;
		for (const id of Object.keys(entries)) entries[id] -= ms / 1000;
	}
}

describe('Kore Campaign Trigger, Call Completed', () => {
	it('activation only marks the start: calls from before it are never emitted', async () => {
		kore.addCall({ startedAt: ago(5 * MINUTE), endedAt: ago(4 * MINUTE), conversationId: 'c-old' });
		const active = trigger();
		expect(await active.activate()).toEqual({});
		expect(kore.callDetailsCalls).toHaveLength(0);
		expect(memoryOf(active)).toMatchObject({ emitted: {} });
		expect(await active.poll()).toEqual({});
		expect(kore.callDetailsCalls).toHaveLength(1);
	});

	it('each finished call once, across polls; a call still going comes when it ends; late records within the lag', async () => {
		const active = trigger();
		await active.activate();
		activeFor(active, 60 * MINUTE);
		kore.addCall({ startedAt: ago(10 * MINUTE), endedAt: ago(9 * MINUTE), conversationId: 'c-a' });
		kore.addCall({ startedAt: ago(2 * MINUTE), endedAt: null, conversationId: 'c-going' });
		const first = await active.poll();
		expect(first.error).toBeUndefined();
		expect(ids(first.emitted)).toEqual(['c-a']);
		expect(first.emitted?.[0].json).toMatchObject({
			conversationId: 'c-a',
			direction: 'outbound',
			campaignName: 'Spring Promo 1 | Voice',
			dispositions: ['Interested'],
		});
		expect(await active.poll()).toEqual({});
		// The call ends; a record filed late (its call started 20 minutes ago, before the last poll).
		kore.addCall({ startedAt: ago(2 * MINUTE), endedAt: ago(0), conversationId: 'c-going' });
		kore.addCall({
			startedAt: ago(20 * MINUTE),
			endedAt: ago(19 * MINUTE),
			conversationId: 'c-late',
		});
		// Later than the lag: not seen.
		kore.addCall({
			startedAt: ago(CALL_LAG_SECONDS * 1000 + 10 * MINUTE),
			conversationId: 'c-too-late',
		});
		expect(ids((await active.poll()).emitted)).toEqual(['c-late', 'c-going']);
		expect(await active.poll()).toEqual({});
		// Every read is within 7 days and starts at most the lag before the last poll's end.
		const last = kore.callDetailsCalls[kore.callDetailsCalls.length - 1] as { body: IDataObject };
		const span =
			Date.parse(`${last.body.endDate as string}Z`) -
			Date.parse(`${last.body.startDate as string}Z`);
		expect(span).toBeLessThanOrEqual((CALL_LAG_SECONDS + 60) * 1000);
	});

	it('a call seen going comes when it ends, even after longer than the lag', async () => {
		const active = trigger();
		await active.activate();
		activeFor(active, 3 * CALL_LAG_SECONDS * 1000);
		let startedMs = CALL_LAG_SECONDS * 1000 - 5 * MINUTE;
		kore.addCall({ startedAt: ago(startedMs), endedAt: null, conversationId: 'c-long' });
		expect(await active.poll()).toEqual({});
		// Ten minutes pass twice (what the trigger remembers and the call's start move back) with
		// the call still going; then it ends, started longer than the lag before the last poll.
		for (const ended of [false, true]) {
			timePasses(active, 10 * MINUTE);
			startedMs += 10 * MINUTE;
			kore.addCall({
				startedAt: ago(startedMs),
				endedAt: ended ? ago(0) : null,
				conversationId: 'c-long',
			});
			const { emitted, error } = await active.poll();
			expect(error).toBeUndefined();
			expect(ids(emitted)).toEqual(ended ? ['c-long'] : []);
		}
		expect(await active.poll()).toEqual({});
	});

	it('a restart from what was saved emits nothing again and goes on with new calls', async () => {
		const active = trigger();
		await active.activate();
		activeFor(active, 60 * MINUTE);
		kore.addCall({ startedAt: ago(10 * MINUTE), endedAt: ago(9 * MINUTE), conversationId: 'c-1' });
		kore.addCall({ startedAt: ago(8 * MINUTE), endedAt: ago(7 * MINUTE), conversationId: 'c-2' });
		expect(ids((await active.poll()).emitted)).toEqual(['c-1', 'c-2']);
		expect(active.unsaved).toBe(false);
		active.restart();
		expect(await active.activate()).toEqual({});
		kore.addCall({ startedAt: ago(1 * MINUTE), endedAt: ago(0), conversationId: 'c-3' });
		expect(ids((await active.poll()).emitted)).toEqual(['c-3']);
		expect(await active.poll()).toEqual({});
	});

	it('Campaigns: only calls of the chosen campaigns, by name or ID', async () => {
		const active = trigger({ campaigns: ['Spring Promo 3 | Voice', 'cd-000004-standin'] });
		await active.activate();
		activeFor(active, 60 * MINUTE);
		const at = { startedAt: ago(5 * MINUTE), endedAt: ago(4 * MINUTE) };
		kore.addCall({ ...at, conversationId: 'c-p1', campaign: 'Spring Promo 1 | Voice' });
		kore.addCall({ ...at, conversationId: 'c-p3', campaign: 'Spring Promo 3 | Voice' });
		kore.addCall({ ...at, conversationId: 'c-p4', campaign: 'cd-000004-standin' });
		expect(ids((await active.poll()).emitted).sort()).toEqual(['c-p3', 'c-p4']);
	});

	it('another account in the credential starts afresh (memory keyed by account)', async () => {
		const active = trigger();
		await active.activate();
		const saved = JSON.parse(JSON.stringify(active.nodeStaticData)) as IDataObject;
		(saved.callCompleted as IDataObject).since = 0;
		kore.newAccount();
		const other = new ActiveTrigger({
			parameters: { event: 'callCompleted', options: { requestsPerMinute: 0 } },
			credentials: clientCredentials(kore),
			staticData: { 'node:Kore Campaign Trigger': saved },
		});
		expect(await other.activate()).toEqual({});
		expect(memoryOf(other).since).not.toBe(0);
		expect(memoryOf(other).account).toMatchObject({ accountId: kore.accountId });
	});

	it('without the SmartAssist Analytics scope, a poll reports an error naming it', async () => {
		const active = trigger();
		await active.activate();
		kore.setAnalyticsScope(false);
		const { error } = await active.poll();
		expect(error?.message).toMatch(/SmartAssist Analytics/);
		// n8n's own error, with the advice where to map the scope (not a bare wrapper of it).
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toMatch(/App Settings > Dev Tools > API Scopes/);
	});

	it('Fetch Test Event without the scope: the error names the scope and where to map it', async () => {
		kore.setAnalyticsScope(false);
		const failed = await fetchTestEvent({
			parameters: { event: 'callCompleted', options: { requestsPerMinute: 0 } },
			credentials: clientCredentials(kore),
		}).then(
			() => undefined,
			(error: unknown) => error,
		);
		// As n8n records it: a plain copy of the error.
		expect(failed).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/SmartAssist Analytics/),
			description: expect.stringMatching(/App Settings > Dev Tools > API Scopes/),
		});
	});

	it('Fetch Test Event: the most recent finished call', async () => {
		kore.addCall({ startedAt: ago(30 * MINUTE), endedAt: ago(29 * MINUTE), conversationId: 'c-x' });
		kore.addCall({ startedAt: ago(20 * MINUTE), endedAt: ago(19 * MINUTE), conversationId: 'c-y' });
		kore.addCall({ startedAt: ago(1 * MINUTE), endedAt: null, conversationId: 'c-z' });
		const { items } = await fetchTestEvent({
			parameters: { event: 'callCompleted', options: { requestsPerMinute: 0 } },
			credentials: clientCredentials(kore),
		});
		expect(ids(items)).toEqual(['c-y']);
	});
});
