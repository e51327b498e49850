/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * Campaign → Schedule Call-back through n8n's engine against the stand-in: one call per campaign
 * instance, each row its own outcome, nothing sent twice (Retry On Fail, a lost answer, repeated
 * rows), bad rows refused before any call, Dry Run.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn({
	campaigns: [
		{ name: 'Renewals | Voice', type: 'voice', status: 'Active', contacts: 3 },
		{ name: 'Upsell | Voice', type: 'voice', status: 'Active', contacts: 3 },
	],
});
const A = 'cid-000001-standin';
const B = 'cid-000002-standin';
const entryOf = (instance: string, n: number) => `cdl-${instance.slice(4)}-00${n}`;
const LATER = '2031-03-01T09:00:00Z';

const credentials = () => clientCredentials(kore);
const rows = (...given: Array<[string, string, string?]>): INodeExecutionData[] =>
	given.map(([campaignInstanceId, campaignDialingListId, callAt = LATER]) => ({
		json: { campaignInstanceId, campaignDialingListId, callAt },
	}));
const parameters = (options: IDataObject = {}, callAt = '={{ $json.callAt }}') => ({
	resource: 'campaign',
	operation: 'scheduleCallback',
	campaignInstanceId: '={{ $json.campaignInstanceId }}',
	campaignDialingListId: '={{ $json.campaignDialingListId }}',
	callAt,
	options: { requestsPerMinute: 0, maxConcurrency: 1, ...options },
});
const errorOf = (json: IDataObject) => json.error as IDataObject;
afterEach(() => {
	kore.onRequest = undefined;
});
const bodies = () => (kore.callBackCalls as Array<{ body: unknown }>).map((c) => c.body);

describe('rows on two instances', () => {
	const input = rows(
		[A, entryOf(A, 1)],
		[B, entryOf(B, 1)],
		[A, entryOf(A, 2), '2031-03-01 10:00'],
		[A, 'cdl-unknown'],
	);

	it('one call per instance; each row its own outcome, the refused entry an error item paired to it', async () => {
		const out = await runNode({
			items: input,
			parameters: parameters(),
			credentials: credentials(),
			continueOnFail: true,
			timezone: 'Europe/Berlin',
		});
		expect(bodies()).toEqual([
			[
				{ campaignDialingListId: entryOf(A, 1), timeToContact: '2031-03-01T09:00:00Z' },
				{ campaignDialingListId: entryOf(A, 2), timeToContact: '2031-03-01T09:00:00Z' },
				{ campaignDialingListId: 'cdl-unknown', timeToContact: '2031-03-01T09:00:00Z' },
			],
			[{ campaignDialingListId: entryOf(B, 1), timeToContact: '2031-03-01T09:00:00Z' }],
		]);
		expect((kore.callBackCalls as Array<{ path: string }>).map((c) => c.path)).toEqual([
			expect.stringMatching(new RegExp(`/campaign/${A}/callContactAt$`)),
			expect.stringMatching(new RegExp(`/campaign/${B}/callContactAt$`)),
		]);
		expect(kore.callBacks).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(out[0].json).toEqual({
			campaignInstanceId: A,
			campaignDialingListId: entryOf(A, 1),
			timeToContact: '2031-03-01T09:00:00Z',
			callAtLocal: '2031-03-01T10:00:00+01:00',
			timezone: 'Europe/Berlin',
			batch: 1,
			batchSize: 3,
			status: 'success',
			reason: '',
		});
		expect(out[1].json).toMatchObject({ campaignInstanceId: B, batch: 2, status: 'success' });
		expect(out[2].json).toMatchObject({ callAtLocal: '2031-03-01T10:00:00+01:00' });
		expect(errorOf(out[3].json).message).toBe(
			`Call-backs on campaign instance "${A}", batch 1 (3 rows): Kore.ai did not schedule the call-back for "cdl-unknown": dialing_list_entry_not_found`,
		);
		expect(errorOf(out[3].json).description).toContain(
			"Of this call's rows Kore.ai scheduled the call-backs of input items 0, 2; refused input items 3 (dialing_list_entry_not_found).",
		);
	});

	it('without Continue on Fail the run fails naming the rows scheduled and those not done', async () => {
		const error = await runNodeExpectingError({
			items: input,
			parameters: parameters(),
			credentials: credentials(),
			timezone: 'Europe/Berlin',
		});
		// Instance B's call was not sent: the run stopped at the refused row of A's.
		expect(bodies()).toHaveLength(1);
		expect(error.message).toMatch(/did not schedule the call-back for "cdl-unknown"/);
		expect(error.description).toContain(
			'scheduled the call-backs of input items 0, 2; refused input items 3',
		);
		expect(error.description).toContain(
			`Kore.ai accepted a call of it that must not be sent again (input items 0, 2–3): Call-backs on campaign instance "${A}", batch 1 (3 rows).`,
		);
		expect(error.description).toContain('Input items not done: 1.');
	});

	it('an unknown instance fails only its own rows; the other instance is still scheduled', async () => {
		const out = await runNode({
			items: rows(['cid-nope', 'cdl-1'], [A, entryOf(A, 1)], ['cid-nope', 'cdl-2']),
			parameters: parameters(),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		for (const o of [out[0], out[2]]) {
			expect(errorOf(o.json).message).toBe(
				'Call-backs on campaign instance "cid-nope", batch 1 (2 rows): Kore.ai answered HTTP 404: Campaign instance cid-nope not found',
			);
			expect(errorOf(o.json).description).toMatch(
				/^Kore\.ai found no campaign instance "cid-nope"/,
			);
		}
		expect(out[1].json).toMatchObject({ status: 'success' });
		expect(kore.callBacks).toEqual([
			expect.objectContaining({ campaignDialingListId: entryOf(A, 1) }),
		]);
	});
});

describe('never sent twice', () => {
	it('a call that hangs, with Retry On Fail and a time from $now: sent once, and the error says it may have been scheduled', async () => {
		kore.failRoute('callBack', { kind: 'hang', apply: true });
		const error = await runNodeExpectingError({
			items: rows([A, entryOf(A, 1)], [A, entryOf(A, 2)]),
			parameters: parameters({ timeout: 1 }, '={{ $now.plus(2, "hours") }}'),
			credentials: credentials(),
			maxTries: 2,
		});
		// The second try's $now is a second later: the same call-backs all the same.
		expect(kore.callBackCalls).toHaveLength(1);
		expect(kore.callBacks).toHaveLength(2);
		expect(error.message).toMatch(
			/^Call-backs on campaign instance "cid-000001-standin", batch 1 \(2 rows\): .*no answer came within 1 s\. Kore\.ai may have carried it out; it was not sent again$/,
		);
		expect(error.description).toContain(
			'The call-backs of input items 0–1 may have been scheduled',
		);
		expect(error.description).not.toMatch(/no harm|is safe/);
	});

	it('Retry On Fail after one instance was refused: the scheduled call is not sent again, and its rows show the time it sent', async () => {
		// The first call (instance A) is answered; the next one (B) is refused once.
		let refusedOnce = false;
		kore.onRequest = (record: { route?: string }) => {
			if (refusedOnce || record.route !== 'callBack') return;
			refusedOnce = true;
			kore.failRoute('callBack', {
				status: 400,
				body: { status: 'failure', message: 'Campaign is busy' },
			});
		};
		const out = await runNode({
			items: rows([A, entryOf(A, 1)], [B, entryOf(B, 1)]),
			parameters: parameters({ maxRetries: 0 }, '={{ $now.plus(2, "hours").toISO() }}'),
			credentials: credentials(),
			maxTries: 2,
		});
		const sent = bodies() as Array<Array<{ campaignDialingListId: string; timeToContact: string }>>;
		expect(sent.map((b) => b[0].campaignDialingListId)).toEqual([
			entryOf(A, 1),
			entryOf(B, 1),
			entryOf(B, 1),
		]);
		expect(
			kore.callBacks.map((c: { campaignDialingListId: string }) => c.campaignDialingListId),
		).toEqual([entryOf(A, 1), entryOf(B, 1)]);
		expect(out[0].json).toMatchObject({
			status: 'success',
			timeToContact: sent[0][0].timeToContact,
		});
		expect(out[1].json).toMatchObject({
			status: 'success',
			timeToContact: sent[2][0].timeToContact,
		});
	});

	it('two rows naming one entry: the second refused before anything is sent; with Continue on Fail the first is scheduled', async () => {
		const repeated = rows([A, entryOf(A, 1)], [A, entryOf(A, 1), '2031-04-01T09:00:00Z']);
		const error = await runNodeExpectingError({
			items: repeated,
			parameters: parameters(),
			credentials: credentials(),
		});
		expect(kore.callBackCalls).toHaveLength(0);
		expect(error.message).toBe(
			`Campaign Dialing List ID: input item 0 already schedules a call-back for "${entryOf(A, 1)}" (campaign instance "${A}"); one call-back per contact per run, so this row was not sent.`,
		);
		const out = await runNode({
			items: repeated,
			parameters: parameters(),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(kore.callBacks).toHaveLength(1);
		expect(out[0].json).toMatchObject({ status: 'success', batchSize: 1 });
		expect(errorOf(out[1].json).message).toMatch(/^Campaign Dialing List ID: input item 0 already/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});

describe("n8n's Stop", () => {
	it("a call in flight is abandoned and the next instance's call is never sent", async () => {
		let stop: () => void = () => undefined;
		const stopWhen = new Promise<void>((resolve) => (stop = resolve));
		kore.failRoute('callBack', { kind: 'hang' });
		const hung = new Promise<void>((resolve) => {
			const poll = () => (kore.callBackCalls.length > 0 ? resolve() : setTimeout(poll, 10));
			poll();
		});
		void hung.then(stop);
		const { run, nodeSettled } = await runWorkflow({
			items: rows([A, entryOf(A, 1)], [B, entryOf(B, 1)]),
			parameters: parameters({ timeout: 1 }),
			credentials: credentials(),
			stopWhen,
		});
		expect(run.status).toBe('canceled');
		// The node returns once the hung call times out; by then nothing else may have gone out.
		await nodeSettled;
		expect(kore.callBackCalls).toHaveLength(1);
	});
});

describe('checked before anything is sent', () => {
	it('a Call At in the past stops the run before any call, naming the field', async () => {
		const error = await runNodeExpectingError({
			items: rows([A, entryOf(A, 1)], [A, entryOf(A, 2), '2020-01-01 09:00']),
			parameters: parameters(),
			credentials: credentials(),
		});
		expect(kore.received).toHaveLength(0);
		expect(error.message).toBe(
			'Call At (2020-01-01T09:00:00+00:00) is not in the future; a call-back can only be scheduled for a later time.',
		);
		expect((error as { context: IDataObject }).context.itemIndex).toBe(1);
	});

	it('Dry Run sends nothing: every row described, the request once per call with the token redacted', async () => {
		const out = await runNode({
			items: rows([A, entryOf(A, 1)], [B, entryOf(B, 1)], [A, entryOf(A, 2)]),
			parameters: parameters({ dryRun: true }),
			credentials: credentials(),
		});
		expect(kore.received).toHaveLength(0);
		expect(out.map((o) => o.json.dryRun)).toEqual([true, true, true]);
		expect(out[0].json.request).toMatchObject({
			method: 'POST',
			url: `${kore.url}/campaign/api/v2/public/${String(credentials().botId)}/campaign/${A}/callContactAt?accountId=${kore.accountId}`,
			headers: { auth: '[redacted]' },
			body: [
				{ campaignDialingListId: entryOf(A, 1), timeToContact: LATER },
				{ campaignDialingListId: entryOf(A, 2), timeToContact: LATER },
			],
		});
		expect(out[1].json.request).toMatchObject({ body: [{ campaignDialingListId: entryOf(B, 1) }] });
		expect(out[2].json).not.toHaveProperty('request');
		expect(JSON.stringify(out)).not.toContain(String(credentials().clientSecret));
	});
});
