import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CallTime } from '../../dates/callTime';
import { readCallTime } from '../../dates/callTime';
import { InputError, itemRanges, showValue } from '../../errors/errors';
import { batchDryRun } from '../../run/output';
import { readItemOptions, wholeNumber } from '../../run/parameters';
import type { RunContext } from '../../run/runContext';
import type { KoreConnection } from '../../transport/connection';
import { enc, v2Url } from '../../transport/endpoints';
import { isPlainObject } from '../../transport/isPlainObject';
import type { KoreRequest } from '../../transport/request';
import {
	dryRunOption,
	optionsCollection,
	runSettingOptions,
	timezoneOptionFor,
} from '../common.descriptions';
import type { ItemOutcome, PreparedEntry } from '../operation';
import { defineOperation, showFor } from '../operation';
import { batchesBy } from '../workUnits';

/** Call-backs for entries of one campaign instance's dialing list (Kore's `callContactAt`). */
export const callBackUrl = (c: KoreConnection, campaignInstanceId: string) =>
	v2Url(c, `${enc(campaignInstanceId)}/callContactAt`);

const RESOURCE = 'campaign';
const OPERATION = 'scheduleCallback';
const forCallBack = showFor(RESOURCE, OPERATION);

/** Rows per call: Kore documents no cap; a smaller call leaves fewer rows in doubt when an answer
 * is lost. */
export const BATCH_SIZE = { default: 100, min: 1, max: 1_000 } as const;

const description: INodeProperties[] = [
	{
		displayName: 'Campaign Instance ID',
		name: 'campaignInstanceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'cid-…',
		description:
			'The run of the campaign that called the contact: the campaignInstanceId field that Call → Get Many outputs for the call (cid-…)',
		displayOptions: forCallBack,
	},
	{
		displayName: 'Campaign Dialing List ID',
		name: 'campaignDialingListId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'cdl-…',
		description:
			"The contact's entry in that run's dialing list: the campaignDialingListId field of the same call (cdl-…)",
		displayOptions: forCallBack,
	},
	{
		displayName: 'Call At',
		name: 'callAt',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When Kore.ai should call the contact back; must be in the future. Without an offset it is wall-clock time in the Timezone option (default: the workflow timezone); with one (e.g. Z or +05:30) it is that exact moment. Sent to Kore.ai in UTC.',
		displayOptions: forCallBack,
	},
	optionsCollection(RESOURCE, OPERATION, [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			default: 100,
			typeOptions: { minValue: BATCH_SIZE.min, maxValue: BATCH_SIZE.max, numberPrecision: 0 },
			description:
				'How many call-backs of one campaign instance to send in one call. Kore.ai documents no cap; lower it if Kore.ai refuses large calls.',
		},
		dryRunOption,
		timezoneOptionFor('a Call At'),
		...runSettingOptions,
	]),
];

/** One item, checked: which contact to call back when. */
interface CallBackItem {
	instanceId: string;
	dialingListId: string;
	time: CallTime;
	batchSize: number;
	dryRun: boolean;
	/** Set when the item is put in a batch: the batch's number in the run, from 1. */
	batch?: number;
}

/** Reads an id as Call → Get Many outputs it: text, surrounding spaces dropped. */
function idOf(value: unknown, label: string, field: string, example: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '' || /\s/.test(text)) {
		throw new InputError(
			`${label}: ${showValue(value)} is not an ID. Give the call's ${field}, e.g. "${example}" or {{ $json.${field} }} after Call → Get Many.`,
			field,
		);
	}
	return text;
}

/** The advice for a batch's failures, naming its instance and rows. */
function callBackHints(instanceId: string, items: number[]): KoreRequest['hints'] {
	const instance = JSON.stringify(instanceId);
	return {
		rejected: `Kore.ai did not accept this call for the campaign instance ${instance}. Its message above says why; Kore.ai schedules call-backs only for a running campaign, for entries of that instance's dialing list.`,
		notFound: `Kore.ai found no campaign instance ${instance} for this bot. Use the call's campaignInstanceId (Call → Get Many outputs it); a campaign's ID (cd-…) is not an instance ID.`,
		maybeDone: `The call-backs of input items ${itemRanges(items)} may have been scheduled: the call may have reached Kore.ai although its answer did not come back, so the node did not send it again. Kore.ai's API cannot list scheduled call-backs: check in Kore.ai whether these contacts will be called back before running these rows again, or leave them; a second call-back may ring a contact twice.`,
	};
}

/** The call for one batch: each row's entry and time, in input order. */
export function callBackRequest(
	connection: KoreConnection,
	instanceId: string,
	rows: Array<{ dialingListId: string; timeToContact: string }>,
	batch: number,
	items: number[],
): KoreRequest {
	return {
		method: 'POST',
		url: callBackUrl(connection, instanceId),
		body: rows.map((row) => ({
			campaignDialingListId: row.dialingListId,
			timeToContact: row.timeToContact,
		})),
		// A call-back sent twice may ring the contact twice.
		repeatable: false,
		// The same entries are the same call-backs, whatever time an expression gives a later try.
		intent: JSON.stringify(rows.map((row) => row.dialingListId)),
		items,
		label: `Call-backs on campaign instance ${JSON.stringify(instanceId)}, batch ${batch} (${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`,
		hints: callBackHints(instanceId, items),
	};
}

/** One call-back per dialing-list entry per run: a later row naming an entry an earlier row names
 * (the same instance and dialing-list ID, whatever its time) is refused before anything is sent. */
export function repeatedEntries(entries: Array<PreparedEntry<CallBackItem>>): Map<number, Error> {
	const first = new Map<string, number>();
	const refused = new Map<number, Error>();
	for (const { itemIndex, prepared } of entries) {
		const key = JSON.stringify([prepared.instanceId, prepared.dialingListId]);
		const earlier = first.get(key);
		if (earlier === undefined) {
			first.set(key, itemIndex);
			continue;
		}
		refused.set(
			itemIndex,
			new InputError(
				`Campaign Dialing List ID: input item ${earlier} already schedules a call-back for "${prepared.dialingListId}" (campaign instance "${prepared.instanceId}"); one call-back per contact per run, so this row was not sent.`,
				'campaignDialingListId',
				'A second call-back may ring the contact twice. Drop the repeated row (for example with a Remove Duplicates node on campaignDialingListId); to call a contact back twice, schedule the second one in another execution.',
			),
		);
	}
	return refused;
}

/** Rows grouped by campaign instance (in order of first appearance; a different Batch Size or Dry
 * Run keeps rows apart too), each group cut into batches of its Batch Size in input order,
 * numbered from 1 across the run. */
export function callBackBatches(
	entries: Array<PreparedEntry<CallBackItem>>,
): Array<Array<PreparedEntry<CallBackItem>>> {
	return batchesBy(entries, (p) => [p.instanceId, p.batchSize, p.dryRun]);
}

/** What Kore.ai said about one row: its entry's status and reason, read. */
export interface EntryOutcome {
	/** `scheduled` (status success), `refused` (failed, failure or error), or `unknown`: no entry
	 * for the row, or a status the node cannot read, while Kore.ai accepted the call. */
	kind: 'scheduled' | 'refused' | 'unknown';
	status: string;
	reason: string;
}

const REFUSED = ['failed', 'failure', 'error'];

/** Each row's outcome in Kore's answer `{status, data: [{campaignDialingListId, status, reason}]}`,
 * found by its dialing-list ID, in the order of `dialingListIds`. */
export function entryOutcomes(
	answer: Record<string, unknown>,
	dialingListIds: string[],
): EntryOutcome[] {
	const data = Array.isArray(answer.data) ? answer.data.filter(isPlainObject) : [];
	return dialingListIds.map((id) => {
		const entry = data.find((e) => e.campaignDialingListId === id);
		const status = typeof entry?.status === 'string' ? entry.status : '';
		const reason = typeof entry?.reason === 'string' ? entry.reason : '';
		const said = status.trim().toLowerCase();
		const kind = said === 'success' ? 'scheduled' : REFUSED.includes(said) ? 'refused' : 'unknown';
		return { kind, status, reason };
	});
}

/** What became of each row of a call, for the error of any row that was not scheduled. */
export function batchSummary(items: number[], outcomes: EntryOutcome[]): string {
	const ofKind = (kind: EntryOutcome['kind']) => items.filter((_, k) => outcomes[k].kind === kind);
	const scheduled = ofKind('scheduled');
	const refused = items.flatMap((itemIndex, k) =>
		outcomes[k].kind === 'refused' ? [`${itemIndex} (${outcomes[k].reason || 'no reason'})`] : [],
	);
	const unknown = ofKind('unknown');
	const parts = [
		scheduled.length > 0
			? `scheduled the call-backs of input items ${itemRanges(scheduled)}`
			: 'scheduled none of them',
		...(refused.length > 0 ? [`refused input items ${refused.join(', ')}`] : []),
		...(unknown.length > 0
			? [
					`said nothing clear about input items ${itemRanges(unknown)} (they may have been scheduled)`,
				]
			: []),
	];
	return `Of this call's rows Kore.ai ${parts.join('; ')}.`;
}

/** What to do about a row Kore.ai refused, by its reason. */
function refusalAdvice(reason: string): string {
	if (reason === 'time_in_past')
		return 'The time had passed when Kore.ai received the row: give a later Call At.';
	return "Kore.ai's reason above says why; check that the dialing-list entry belongs to this campaign instance (both as Call → Get Many outputs them) and that the campaign is running.";
}

/** The error of a row Kore.ai refused: certain, nothing scheduled for it. */
function refusal(
	{ ctx }: RunContext,
	request: KoreRequest,
	entry: PreparedEntry<CallBackItem>,
	outcome: EntryOutcome,
	summary: string,
): NodeApiError {
	const why = outcome.reason || `status ${JSON.stringify(outcome.status)}`;
	const message = `${request.label}: Kore.ai did not schedule the call-back for ${JSON.stringify(entry.prepared.dialingListId)}: ${why}`;
	const description = `${refusalAdvice(outcome.reason)} ${summary} Run only this row again once fixed: the rows Kore.ai scheduled must not be sent again.`;
	return new NodeApiError(
		ctx.getNode(),
		{ message, koreMessage: why },
		{ message, description, itemIndex: entry.itemIndex },
	);
}

/** Campaign → Schedule Call-back: each item is one contact to call back at a time. */
export const scheduleCallback = defineOperation<CallBackItem>({
	resource: RESOURCE,
	option: {
		name: 'Schedule Call-Back',
		value: OPERATION,
		description:
			'Have a running campaign call a contact back at a given time (by the call’s instance and dialing-list IDs)',
		action: 'Schedule a call-back',
	},
	description,
	prepare({ read, itemIndex, nowMs, workflowTimezone }) {
		const instanceId = idOf(
			read('campaignInstanceId', itemIndex, ''),
			'Campaign Instance ID',
			'campaignInstanceId',
			'cid-…',
		);
		if (/^cd-/i.test(instanceId)) {
			throw new InputError(
				`Campaign Instance ID: "${instanceId}" is a campaign's ID, not the ID of one of its runs (cid-…). Give the call's campaignInstanceId, e.g. {{ $json.campaignInstanceId }} after Call → Get Many.`,
				'campaignInstanceId',
			);
		}
		const dialingListId = idOf(
			read('campaignDialingListId', itemIndex, ''),
			'Campaign Dialing List ID',
			'campaignDialingListId',
			'cdl-…',
		);
		const options = readItemOptions(read, itemIndex, workflowTimezone);
		const time = readCallTime(read('callAt', itemIndex, ''), options.timezone, nowMs);
		const given = (read('options', itemIndex, {}) ?? {}) as IDataObject;
		const batchSize = wholeNumber(
			given.batchSize ?? BATCH_SIZE.default,
			'Batch Size',
			'options.batchSize',
			BATCH_SIZE.max,
		);
		return { instanceId, dialingListId, time, batchSize, dryRun: options.dryRun };
	},
	batches: callBackBatches,
	refuse: repeatedEntries,
	async executeBatch(run, entries) {
		const { client } = run;
		const { instanceId, dryRun, batch = 0 } = entries[0].prepared;
		const items = entries.map((entry) => entry.itemIndex);
		const rows = entries.map(({ prepared }) => ({
			dialingListId: prepared.dialingListId,
			timeToContact: prepared.time.timeToContact,
		}));
		const request = callBackRequest(client.connection, instanceId, rows, batch, items);
		const about = (entry: PreparedEntry<CallBackItem>, time: CallTime): IDataObject => ({
			campaignInstanceId: instanceId,
			campaignDialingListId: entry.prepared.dialingListId,
			timeToContact: time.timeToContact,
			callAtLocal: time.local,
			timezone: time.timezone,
			batch,
			batchSize: entries.length,
		});
		if (dryRun)
			return batchDryRun(entries, (entry) => about(entry, entry.prepared.time), request, client);
		// A later try of n8n's Retry On Fail is answered with the earlier try's call: its times.
		const noteKey = `callBack ${request.url} ${request.intent}`;
		const earlier = client.sentBefore(request) ? client.notedOutcome(noteKey) : undefined;
		if (earlier === undefined)
			client.noteOutcome(noteKey, {
				sent: Object.fromEntries(entries.map((e) => [e.prepared.dialingListId, e.prepared.time])),
			});
		const sentTime = (entry: PreparedEntry<CallBackItem>): CallTime => {
			const sent = isPlainObject(earlier?.sent) ? earlier.sent[entry.prepared.dialingListId] : '';
			return isPlainObject(sent) ? (sent as unknown as CallTime) : entry.prepared.time;
		};

		// A failure of the whole call throws: the router gives each row of the batch that error.
		const answer = await client.send(request, entries[0].itemIndex);
		const outcomes = entryOutcomes(
			answer,
			rows.map((row) => row.dialingListId),
		);
		const summary = batchSummary(items, outcomes);
		return entries.map((entry, k): ItemOutcome => {
			const outcome = outcomes[k];
			if (outcome.kind === 'refused')
				return { error: refusal(run, request, entry, outcome, summary) };
			if (outcome.kind === 'unknown') {
				const got = outcome.status === '' ? 'none' : showValue(outcome.status);
				return {
					error: client.unreadable(
						request,
						`a clear outcome for ${JSON.stringify(entry.prepared.dialingListId)} (its status: ${got})`,
						answer,
						entry.itemIndex,
						`Kore.ai accepted the call, so this call-back may have been scheduled; it is not sent again. Check in Kore.ai before running this row again: a second call-back may ring the contact twice. ${summary}`,
					),
				};
			}
			const json = { ...about(entry, sentTime(entry)), status: outcome.status };
			return { outputs: [{ ...json, reason: outcome.reason }] };
		});
	},
});
