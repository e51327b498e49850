import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { KoreDirection } from '../../calls/callDetails';
import { ANALYTICS_SCOPE, callDetailsRequest, readCalls } from '../../calls/callDetails';
import { spanWindows } from '../../calls/callWindows';
import type { CampaignRef } from '../../campaigns/campaignTarget';
import { findCampaign, readCampaignRef } from '../../campaigns/campaignTarget';
import { checkTimezone, readDateTime } from '../../dates/dates';
import { InputError, showValue } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import { readItemOptions, wholeNumber } from '../../run/parameters';
import {
	campaignModes,
	dryRunOption,
	optionsCollection,
	returnAllAndLimit,
	runSettingOptions,
	timezoneOption,
} from '../common.descriptions';
import { defineOperation, showFor } from '../operation';

const RESOURCE = 'call';
const OPERATION = 'getMany';
const forGetMany = showFor(RESOURCE, OPERATION);

/** Largest Limit without Return All. */
const MAX_LIMIT = 100_000;

/** The Direction filter's values, and what Kore is asked for each. */
const DIRECTIONS: Record<string, KoreDirection[]> = {
	outbound: ['Outbound'],
	inbound: ['Inbound'],
	both: ['Outbound', 'Inbound'],
};

const description: INodeProperties[] = [
	{
		displayName: 'Start Date & Time',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Calls that started at or after this time. Without an offset it is wall-clock time in the Timezone option (default: the workflow timezone); with one (e.g. Z or +05:30) it is that exact moment. Sent to Kore.ai in UTC.',
		displayOptions: forGetMany,
	},
	{
		displayName: 'End Date & Time',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Calls that started at or before this time (to the second). Any span: the node reads it in windows Kore.ai accepts.',
		displayOptions: forGetMany,
	},
	...returnAllAndLimit(RESOURCE, OPERATION, MAX_LIMIT),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forGetMany,
		options: [
			{
				displayName: 'Campaign',
				name: 'campaignName',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only calls of this Voice campaign',
				...campaignModes(true),
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'outbound',
				options: [
					{ name: 'Outbound', value: 'outbound', description: 'Calls the campaigns made' },
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Both', value: 'both', description: 'Both, read one after the other' },
				],
			},
		],
	},
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, timezoneOption, ...runSettingOptions]),
];

/** One Get Many Calls item, read and checked. */
interface CallsReading {
	startSec: number;
	endSec: number;
	startLocal: string;
	endLocal: string;
	directions: KoreDirection[];
	campaign?: CampaignRef;
	/** Undefined: all of them. */
	limit?: number;
	dryRun: boolean;
}

/** The campaign filter, if one is set. */
function campaignFilter(value: unknown, itemIndex: number): CampaignRef | undefined {
	const given =
		value !== null && typeof value === 'object'
			? (value as { value?: unknown }).value
			: (value as unknown);
	if (given === undefined || given === null || given === '') return undefined;
	return readCampaignRef(() => value, itemIndex);
}

/** Get Many: the calls of a span with their campaign, attempt and dispositions, one item per call,
 * oldest first. */
export const getMany = defineOperation<CallsReading>({
	resource: RESOURCE,
	option: {
		name: 'Get Many',
		value: OPERATION,
		description: `List calls of a time span with their campaign, attempt, contact status and dispositions, one item per call (needs the ${ANALYTICS_SCOPE} API scope)`,
		action: 'Get many calls',
	},
	description,
	prepare({ read, itemIndex, workflowTimezone }) {
		const options = readItemOptions(read, itemIndex, workflowTimezone);
		const zone = checkTimezone(options.timezone);
		const start = readDateTime(
			read('startDate', itemIndex, ''),
			zone,
			'Start Date & Time',
			'startDate',
		);
		const end = readDateTime(read('endDate', itemIndex, ''), zone, 'End Date & Time', 'endDate');
		if (end.epochMs <= start.epochMs) {
			throw new InputError(
				`End Date & Time (${end.local}) must be after Start Date & Time (${start.local}).`,
				'endDate',
			);
		}
		const filters = (read('filters', itemIndex, {}) ?? {}) as IDataObject;
		const direction = filters.direction ?? 'outbound';
		const directions = typeof direction === 'string' ? DIRECTIONS[direction] : undefined;
		if (directions === undefined) {
			throw new InputError(
				`Filters → Direction: ${showValue(direction)} is not supported; use "outbound", "inbound" or "both".`,
				'filters.direction',
			);
		}
		const returnAll = read('returnAll', itemIndex, false) === true;
		const campaign = campaignFilter(filters.campaignName, itemIndex);
		return {
			startSec: Math.floor(start.epochMs / 1000),
			endSec: Math.floor(end.epochMs / 1000),
			startLocal: start.local,
			endLocal: end.local,
			directions,
			...(campaign !== undefined ? { campaign } : {}),
			limit: returnAll
				? undefined
				: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT),
			dryRun: options.dryRun,
		};
	},
	// A failure after some windows keeps the calls read so far (Continue on Fail shows them).
	async execute(run, reading) {
		const { ctx, client, itemIndex } = run;
		const campaignId =
			reading.campaign === undefined
				? undefined
				: reading.campaign.by === 'id'
					? reading.campaign.id
					: (await findCampaign(run, reading.campaign)).id;
		if (reading.dryRun) {
			const [first] = spanWindows(reading.startSec, reading.endSec);
			const summary: IDataObject = {
				operation: OPERATION,
				startLocal: reading.startLocal,
				endLocal: reading.endLocal,
				windows: spanWindows(reading.startSec, reading.endSec).length,
			};
			if (campaignId !== undefined) summary.campaignId = campaignId;
			return [
				dryRunJson(
					summary,
					callDetailsRequest(client.connection, first, reading.directions[0], 0),
					client,
				),
			];
		}
		const { calls } = await readCalls(
			ctx.getNode(),
			client,
			{
				startSec: reading.startSec,
				endSec: reading.endSec,
				directions: reading.directions,
				...(reading.limit !== undefined ? { limit: reading.limit } : {}),
				...(campaignId !== undefined ? { keep: (call) => call.campaignId === campaignId } : {}),
			},
			itemIndex,
		);
		return calls as IDataObject[];
	},
});
