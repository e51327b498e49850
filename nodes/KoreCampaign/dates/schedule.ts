import { checkTimezone, KORE_TIMEZONE_DEFAULT, koreTextOf, readDateTime } from './dates';
import { InputError, showValue } from '../errors/errors';
import { campaignNameOf } from '../campaigns/campaignName';
import { wholeNumber } from '../run/parameters';

/** Kore's weekday names, in the order they are sent, with the names shown in the editor. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
	Mon: 'Monday',
	Tue: 'Tuesday',
	Wed: 'Wednesday',
	Thu: 'Thursday',
	Fri: 'Friday',
	Sat: 'Saturday',
	Sun: 'Sunday',
};

/** Largest "every N" we accept. Kore documents no maximum; beyond a year is surely a typo. */
export const MAX_EVERY_N_DAYS = 365;
export const MAX_EVERY_N_WEEKS = 52;

export type RecurrenceObject =
	| { recurType: 'Daily'; dailyDetails: { onceEveryNdays: number } }
	| { recurType: 'Weekly'; weeklyDetails: { onceEveryNweeks: number; whichDays: Weekday[] } };

export interface ScheduleCommand {
	operation: 'schedule';
	campaignName: string;
	startDateTime: string;
	endDateTime: string;
	recurrenceObject: RecurrenceObject;
	/** The zone values without an offset were read in. */
	timezone: string;
	/** The zone Kore.ai reads the sent values in. */
	koreTimezone: string;
	/** Start and end as read: wall-clock time in `timezone`, with its offset. */
	startLocal: string;
	endLocal: string;
}

/** One Schedule item's parameters as n8n resolved them: anything an expression can produce. */
export interface ScheduleParameters {
	campaignName: unknown;
	startDateTime?: unknown;
	endDateTime?: unknown;
	recurrence?: unknown;
	onceEveryNdays?: unknown;
	onceEveryNweeks?: unknown;
	whichDays?: unknown;
	timezone: unknown;
	koreTimezone?: unknown;
}

/** Reads "every N days/weeks": a whole number from 1 to `max`. */
export function everyN(value: unknown, label: string, field: string, max: number): number {
	return wholeNumber(value, label, field, max, ' (1 = every time, 2 = every other, ...)');
}

/** Reads the chosen weekdays: an array or comma-separated text, any case, full names allowed. */
export function weekdaysOf(value: unknown): Weekday[] {
	const accepted = `Choose one or more of ${WEEKDAYS.join(', ')}.`;
	const list: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').filter((part) => part.trim() !== '')
			: value === undefined || value === null
				? []
				: [value];
	if (list.length === 0) {
		throw new InputError(`Days of the Week: no day chosen. ${accepted}`, 'whichDays');
	}
	const chosen = new Set<Weekday>();
	for (const entry of list) {
		const text = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
		const day = WEEKDAYS.find(
			(d) => d.toLowerCase() === text || WEEKDAY_NAMES[d].toLowerCase() === text,
		);
		if (day === undefined) {
			throw new InputError(
				`Days of the Week: ${showValue(entry)} is not a weekday. ${accepted}`,
				'whichDays',
			);
		}
		chosen.add(day);
	}
	// Week order, each day once.
	return WEEKDAYS.filter((d) => chosen.has(d));
}

/** Checks one Schedule item's parameters and turns them into what will be sent, or throws an
 * InputError naming the field. */
export function validateSchedule(params: ScheduleParameters, nowMs: number): ScheduleCommand {
	const campaignName = campaignNameOf(params.campaignName);

	const timezone = checkTimezone(params.timezone);
	const koreTimezone = checkTimezone(
		params.koreTimezone ?? KORE_TIMEZONE_DEFAULT,
		'options.koreTimezone',
		'Kore Timezone',
		'leave the option out to send UTC, as Kore.ai documents',
	);
	const start = readDateTime(params.startDateTime, timezone, 'Start Date & Time', 'startDateTime');
	const end = readDateTime(params.endDateTime, timezone, 'End Date & Time', 'endDateTime');
	if (end.epochMs <= start.epochMs) {
		throw new InputError(
			`End Date & Time (${end.local}) must be after Start Date & Time (${start.local}).`,
			'endDateTime',
		);
	}
	if (end.epochMs <= nowMs) {
		throw new InputError(
			`End Date & Time (${end.local}) is already in the past; Kore.ai only accepts a schedule that ends in the future.`,
			'endDateTime',
		);
	}
	const startDateTime = koreTextOf(start, koreTimezone, 'Start Date & Time', 'startDateTime');
	const endDateTime = koreTextOf(end, koreTimezone, 'End Date & Time', 'endDateTime');
	if (endDateTime <= startDateTime) {
		// Only possible when the Kore Timezone repeats an hour (autumn) between start and end.
		throw new InputError(
			`End Date & Time (${end.local}) is after Start Date & Time (${start.local}), but in the Kore Timezone ${koreTimezone} they would be sent as ${startDateTime} and ${endDateTime}, and the end would not come after the start (its clocks go back in between, or the two are less than a second apart). Move the end later.`,
			'endDateTime',
		);
	}

	const recurrence =
		typeof params.recurrence === 'string'
			? params.recurrence.trim().toLowerCase()
			: params.recurrence;
	let recurrenceObject: RecurrenceObject;
	if (recurrence === 'weekly') {
		recurrenceObject = {
			recurType: 'Weekly',
			weeklyDetails: {
				onceEveryNweeks: everyN(
					params.onceEveryNweeks,
					'Every N Weeks',
					'onceEveryNweeks',
					MAX_EVERY_N_WEEKS,
				),
				whichDays: weekdaysOf(params.whichDays),
			},
		};
	} else if (recurrence === 'daily' || recurrence === undefined) {
		recurrenceObject = {
			recurType: 'Daily',
			dailyDetails: {
				onceEveryNdays: everyN(
					params.onceEveryNdays,
					'Every N Days',
					'onceEveryNdays',
					MAX_EVERY_N_DAYS,
				),
			},
		};
	} else {
		throw new InputError(
			`Recurrence: ${showValue(params.recurrence)} is not supported; use "daily" or "weekly".`,
			'recurrence',
		);
	}

	return {
		operation: 'schedule',
		campaignName,
		startDateTime,
		endDateTime,
		recurrenceObject,
		timezone,
		koreTimezone,
		startLocal: start.local,
		endLocal: end.local,
	};
}
