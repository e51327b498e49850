import type { IDataObject } from 'n8n-workflow';

import {
	batchSummary,
	callBackBatches,
	callBackRequest,
	entryOutcomes,
	repeatedEntries,
	scheduleCallback,
} from '../../../../nodes/KoreCampaign/actions/campaign/scheduleCallback.operation';
import type { BatchOperation } from '../../../../nodes/KoreCampaign/actions/operation';
import { readConnection } from '../../../../nodes/KoreCampaign/transport/connection';
import { clientCredentials, KORE } from '../../../../dev/fixtures';
import { thrown } from '../../../helpers/thrown';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));
const B = `https://platform.kore.ai/campaign/api/v2/public/${KORE.botId}/campaign`;
const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);
const operation = scheduleCallback as unknown as BatchOperation<IDataObject>;

/** prepare() for one item with these parameters (a workflow in `zone`). */
function prepare(parameters: IDataObject, zone = 'UTC') {
	return operation.prepare({
		read: (name, _itemIndex, fallback) => parameters[name] ?? fallback,
		itemIndex: 0,
		nowMs: NOW,
		connection,
		workflowTimezone: zone,
	});
}
const row = {
	campaignInstanceId: ' cid-1 ',
	campaignDialingListId: 'cdl-7',
	callAt: '2027-01-16 09:00',
};

describe('Schedule Call-back: prepare', () => {
	it('is Campaign → scheduleCallback, with its texts for the editor and AI agents', () => {
		expect(scheduleCallback).toMatchObject({
			resource: 'campaign',
			option: {
				value: 'scheduleCallback',
				name: 'Schedule Call-Back',
				action: 'Schedule a call-back',
				description: expect.stringMatching(/call a contact back at a given time/),
			},
		});
		const batchSize = operation.description
			.find((p) => p.name === 'options')
			?.options?.find((o) => o.name === 'batchSize');
		expect(batchSize).toMatchObject({ default: 100, typeOptions: { minValue: 1, maxValue: 1000 } });
	});

	it('reads the ids and converts Call At from the workflow timezone to UTC', () => {
		expect(prepare(row, 'America/New_York')).toEqual({
			instanceId: 'cid-1',
			dialingListId: 'cdl-7',
			time: {
				timeToContact: '2027-01-16T14:00:00Z',
				local: '2027-01-16T09:00:00-05:00',
				timezone: 'America/New_York',
			},
			batchSize: 100,
			dryRun: false,
		});
		expect(
			prepare({ ...row, options: { timezone: 'Asia/Kolkata', batchSize: 5, dryRun: true } }),
		).toMatchObject({
			time: { timeToContact: '2027-01-16T03:30:00Z' },
			batchSize: 5,
			dryRun: true,
		});
	});

	it('refuses a missing id, a campaign id given as the instance, a past time and a bad batch size', () => {
		expect(thrown(() => prepare({ ...row, campaignInstanceId: '' }))).toMatchObject({
			field: 'campaignInstanceId',
		});
		expect(thrown(() => prepare({ ...row, campaignDialingListId: 42 }))).toMatchObject({
			field: 'campaignDialingListId',
			message: expect.stringMatching(/^Campaign Dialing List ID: 42 is not an ID/),
		});
		expect(thrown(() => prepare({ ...row, campaignInstanceId: 'cd-0001' }))).toMatchObject({
			field: 'campaignInstanceId',
			message: expect.stringMatching(/is a campaign's ID, not the ID of one of its runs/),
		});
		expect(thrown(() => prepare({ ...row, callAt: '2027-01-15 11:59' }))).toMatchObject({
			field: 'callAt',
		});
		expect(thrown(() => prepare({ ...row, options: { batchSize: 1001 } }))).toMatchObject({
			field: 'options.batchSize',
		});
	});
});

describe('callBackRequest', () => {
	it('posts each row to the instance, not safe to repeat; its intent is the entries without times', () => {
		const request = callBackRequest(
			connection,
			'cid-1/x',
			[
				{ dialingListId: 'cdl-7', timeToContact: '2027-01-16T14:00:00Z' },
				{ dialingListId: 'cdl-8', timeToContact: '2027-01-17T14:00:00Z' },
			],
			3,
			[4, 6],
		);
		expect(request).toMatchObject({
			method: 'POST',
			url: `${B}/cid-1%2Fx/callContactAt?accountId=${KORE.accountId}`,
			body: [
				{ campaignDialingListId: 'cdl-7', timeToContact: '2027-01-16T14:00:00Z' },
				{ campaignDialingListId: 'cdl-8', timeToContact: '2027-01-17T14:00:00Z' },
			],
			repeatable: false,
			intent: '["cdl-7","cdl-8"]',
			items: [4, 6],
			label: 'Call-backs on campaign instance "cid-1/x", batch 3 (2 rows)',
		});
		expect(request.hints?.maybeDone).toMatch(
			/^The call-backs of input items 4, 6 may have been scheduled/,
		);
		expect(request.hints?.maybeDone).not.toMatch(/safe|no harm/);
	});
});

const entry = (
	itemIndex: number,
	instanceId: string,
	dialingListId = `cdl-${itemIndex}`,
	batchSize = 2,
	dryRun = false,
) => ({
	itemIndex,
	prepared: {
		instanceId,
		dialingListId,
		time: { timeToContact: '2027-01-16T14:00:00Z', local: 'n/a', timezone: 'UTC' },
		batchSize,
		dryRun,
	},
});

describe('callBackBatches and repeatedEntries', () => {
	it('one call per instance and Batch Size, in input order, numbered from 1 across the run', () => {
		const batches = callBackBatches([
			entry(0, 'cid-A'),
			entry(1, 'cid-B'),
			entry(2, 'cid-A'),
			entry(3, 'cid-A'),
			entry(4, 'cid-B', 'cdl-4', 2, true),
		]);
		expect(batches.map((b) => b.map((e) => [e.itemIndex, e.prepared.batch]))).toEqual([
			[
				[0, 1],
				[2, 1],
			],
			[[3, 2]],
			[[1, 3]],
			[[4, 4]],
		]);
	});

	it('a later row naming an entry of the same instance is refused, whatever its time; other instances are apart', () => {
		const refused = repeatedEntries([
			entry(0, 'cid-A', 'cdl-1'),
			entry(1, 'cid-B', 'cdl-1'),
			entry(2, 'cid-A', 'cdl-1'),
			entry(3, 'cid-A', 'cdl-2'),
		]);
		expect([...refused.keys()]).toEqual([2]);
		expect(refused.get(2)).toMatchObject({
			field: 'campaignDialingListId',
			message:
				'Campaign Dialing List ID: input item 0 already schedules a call-back for "cdl-1" (campaign instance "cid-A"); one call-back per contact per run, so this row was not sent.',
		});
	});
});

describe("reading Kore's answer", () => {
	it('finds each row by its entry id: success is scheduled, failed is refused, anything else unknown', () => {
		const answer = {
			status: 'success',
			data: [
				{ campaignDialingListId: 'cdl-2', status: 'failed', reason: 'time_in_past' },
				{ campaignDialingListId: 'cdl-1', status: 'Success' },
				{ campaignDialingListId: 'cdl-3', status: 'queued', reason: 'later' },
				'noise',
			],
		};
		expect(entryOutcomes(answer, ['cdl-1', 'cdl-2', 'cdl-3', 'cdl-4'])).toEqual([
			{ kind: 'scheduled', status: 'Success', reason: '' },
			{ kind: 'refused', status: 'failed', reason: 'time_in_past' },
			{ kind: 'unknown', status: 'queued', reason: 'later' },
			{ kind: 'unknown', status: '', reason: '' },
		]);
		expect(entryOutcomes({ status: 'success' }, ['cdl-1'])).toEqual([
			{ kind: 'unknown', status: '', reason: '' },
		]);
	});

	it('sums up what became of every row of the call', () => {
		const s = { kind: 'scheduled' as const, status: 'success', reason: '' };
		const r = { kind: 'refused' as const, status: 'failed', reason: 'time_in_past' };
		const u = { kind: 'unknown' as const, status: '', reason: '' };
		expect(batchSummary([0, 1, 2, 5], [s, r, s, u])).toBe(
			"Of this call's rows Kore.ai scheduled the call-backs of input items 0, 2; refused input items 1 (time_in_past); said nothing clear about input items 5 (they may have been scheduled).",
		);
		expect(batchSummary([3], [{ ...r, reason: '' }])).toBe(
			"Of this call's rows Kore.ai scheduled none of them; refused input items 3 (no reason).",
		);
	});
});
