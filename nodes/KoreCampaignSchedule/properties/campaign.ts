import type { INodeProperties } from 'n8n-workflow';

import { MAX_EVERY_N_DAYS, MAX_EVERY_N_WEEKS, WEEKDAYS } from '../validation';

const forSchedule = { show: { operation: ['schedule'] } };

const WEEKDAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
	Mon: 'Monday',
	Tue: 'Tuesday',
	Wed: 'Wednesday',
	Thu: 'Thursday',
	Fri: 'Friday',
	Sat: 'Saturday',
	Sun: 'Sunday',
};

/** The campaign and, for Schedule, its window and recurrence. */
export const campaignProperties: INodeProperties[] = [
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Agentless Voice | Product Feedback | Jan 9',
		description: 'The exact name of the Voice or SMS campaign in Kore.ai',
	},
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
		displayOptions: { show: { operation: ['schedule'], recurrence: ['daily'] } },
	},
	{
		displayName: 'Every N Weeks',
		name: 'onceEveryNweeks',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_EVERY_N_WEEKS, numberPrecision: 0 },
		description: 'Run every N weeks on the chosen days: 1 = every week, 2 = every other week',
		displayOptions: { show: { operation: ['schedule'], recurrence: ['weekly'] } },
	},
	{
		displayName: 'Days of the Week',
		name: 'whichDays',
		type: 'multiOptions',
		options: WEEKDAYS.map((day) => ({ name: WEEKDAY_NAMES[day], value: day })),
		default: [],
		required: true,
		description: 'Days on which the campaign runs. Sent in week order, each once.',
		displayOptions: { show: { operation: ['schedule'], recurrence: ['weekly'] } },
	},
];
