import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readCampaignName, readItemOptions } from '../../run/parameters';
import type { ScheduleCommand, ScheduleParameters } from '../../dates/schedule';
import {
	MAX_EVERY_N_DAYS,
	MAX_EVERY_N_WEEKS,
	validateSchedule,
	WEEKDAY_NAMES,
	WEEKDAYS,
} from '../../dates/schedule';
import type { KoreConnection } from '../../transport/connection';
import type { KoreRequest } from '../../transport/request';
import type { CampaignCall } from './campaignCall';
import { scheduleCall, sendCampaignCall } from './campaignCall';
import {
	campaignNameField,
	dryRunOption,
	koreTimezoneOption,
	optionsCollection,
	runSettingOptions,
	timezoneOption,
} from '../common.descriptions';
import type { ItemInput } from '../operation';
import { defineOperation, showFor } from '../operation';

const RESOURCE = 'campaign';
const OPERATION = 'schedule';
const forSchedule = showFor(RESOURCE, OPERATION);
const forRecurrence = (recurrence: string) =>
	showFor(RESOURCE, OPERATION, { recurrence: [recurrence] });

const description: INodeProperties[] = [
	...campaignNameField(OPERATION),
	{
		displayName: 'Start Date & Time',
		name: 'startDateTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the schedule starts. Without an offset it is wall-clock time in the Timezone option (default: the workflow timezone); with one (e.g. Z or +05:30) it is that exact moment. Sent to Kore.ai in UTC.',
		displayOptions: forSchedule,
	},
	{
		displayName: 'End Date & Time',
		name: 'endDateTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the schedule ends: after the start, and in the future. Read like the start.',
		displayOptions: forSchedule,
	},
	{
		displayName: 'Recurrence',
		name: 'recurrence',
		type: 'options',
		default: 'daily',
		options: [
			{ name: 'Daily', value: 'daily', description: 'Run once every N days' },
			{ name: 'Weekly', value: 'weekly', description: 'Run on chosen weekdays, every N weeks' },
		],
		displayOptions: forSchedule,
	},
	{
		displayName: 'Every N Days',
		name: 'onceEveryNdays',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_EVERY_N_DAYS, numberPrecision: 0 },
		description: 'Run once every N days: 1 = every day, 2 = every other day',
		displayOptions: forRecurrence('daily'),
	},
	{
		displayName: 'Every N Weeks',
		name: 'onceEveryNweeks',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_EVERY_N_WEEKS, numberPrecision: 0 },
		description: 'Run every N weeks on the chosen days: 1 = every week, 2 = every other week',
		displayOptions: forRecurrence('weekly'),
	},
	{
		displayName: 'Days of the Week',
		name: 'whichDays',
		type: 'multiOptions',
		options: WEEKDAYS.map((day) => ({ name: WEEKDAY_NAMES[day], value: day })),
		default: [],
		required: true,
		description: 'Days on which the campaign runs. Sent in week order, each once.',
		displayOptions: forRecurrence('weekly'),
	},
	optionsCollection(RESOURCE, OPERATION, [
		dryRunOption,
		koreTimezoneOption,
		timezoneOption,
		...runSettingOptions,
	]),
];

/** Reads one Schedule item's parameters as n8n resolved them (expressions included), unchecked. */
function readScheduleParameters({
	read,
	itemIndex,
	workflowTimezone,
}: ItemInput): ScheduleParameters & { dryRun: boolean } {
	const options = readItemOptions(read, itemIndex, workflowTimezone);
	const params: ScheduleParameters & { dryRun: boolean } = {
		campaignName: readCampaignName(read, itemIndex),
		startDateTime: read('startDateTime', itemIndex, ''),
		endDateTime: read('endDateTime', itemIndex, ''),
		recurrence: read('recurrence', itemIndex, 'daily'),
		timezone: options.timezone,
		koreTimezone: options.koreTimezone,
		dryRun: options.dryRun,
	};
	if (
		typeof params.recurrence === 'string' &&
		params.recurrence.trim().toLowerCase() === 'weekly'
	) {
		params.onceEveryNweeks = read('onceEveryNweeks', itemIndex, 1);
		params.whichDays = read('whichDays', itemIndex, []);
	} else {
		params.onceEveryNdays = read('onceEveryNdays', itemIndex, 1);
	}
	return params;
}

/** The request that enables a checked schedule: its window and recurrence, as Kore documents them. */
export function scheduleRequest(command: ScheduleCommand, connection: KoreConnection): KoreRequest {
	return scheduleCall(connection, command.campaignName, {
		startDateTime: command.startDateTime,
		endDateTime: command.endDateTime,
		recurrenceObject: command.recurrenceObject as unknown as IDataObject,
	});
}

/** What the output repeats of a schedule: the campaign, the sent window and how it was read. */
function scheduleSummary(command: ScheduleCommand): IDataObject {
	return {
		campaignName: command.campaignName,
		operation: command.operation,
		startDateTime: command.startDateTime,
		endDateTime: command.endDateTime,
		koreTimezone: command.koreTimezone,
		startLocal: command.startLocal,
		endLocal: command.endLocal,
		timezone: command.timezone,
		recurrence: command.recurrenceObject as unknown as IDataObject,
	};
}

/** Schedule: enables a Daily or Weekly recurring schedule for a campaign (`enableSchedule=true`). */
export const schedule = defineOperation<CampaignCall>({
	resource: RESOURCE,
	option: {
		name: 'Schedule',
		value: OPERATION,
		description: 'Enable a Daily or Weekly recurring schedule for the campaign',
		action: 'Schedule a campaign',
	},
	description,
	prepare(input) {
		const params = readScheduleParameters(input);
		const command = validateSchedule(params, input.nowMs);
		return {
			request: scheduleRequest(command, input.connection),
			summary: scheduleSummary(command),
			dryRun: params.dryRun,
		};
	},
	execute: sendCampaignCall,
});
