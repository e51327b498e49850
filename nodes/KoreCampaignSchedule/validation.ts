import { checkTimezone, toKoreDateTime } from './dates';
import { InputError, showValue } from './inputError';

export type Operation = 'schedule' | 'disableSchedule';

/** Kore's weekday names, in the order they are sent. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

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
	timezone: string;
}

export interface DisableCommand {
	operation: 'disableSchedule';
	campaignName: string;
}

export type KoreCommand = ScheduleCommand | DisableCommand;

/** One item's parameters as n8n resolved them: anything an expression can produce. */
export interface ItemParameters {
	operation: unknown;
	campaignName: unknown;
	startDateTime?: unknown;
	endDateTime?: unknown;
	recurrence?: unknown;
	onceEveryNdays?: unknown;
	onceEveryNweeks?: unknown;
	whichDays?: unknown;
	timezone: unknown;
}

function campaignNameOf(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (name === '') {
		throw new InputError(
			`Campaign Name ${typeof value === 'string' || value === undefined || value === null ? 'is empty' : `got ${showValue(value)}`}: enter the exact name of the Voice or SMS campaign as it appears in Kore.ai.`,
			'campaignName',
		);
	}
	return name;
}

/**
 * Reads "every N days/weeks": a whole number from 1 to `max`. Text holding a whole number
 * ("2", as a sheet cell often gives) is accepted as that number.
 */
export function everyN(value: unknown, label: string, field: string, max: number): number {
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
		throw new InputError(
			`${label} must be a whole number from 1 to ${max} (1 = every time, 2 = every other, ...); got ${showValue(value)}.`,
			field,
		);
	}
	return n;
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
			(d) => text.length >= 3 && (d.toLowerCase() === text || `${d.toLowerCase()}${FULL_SUFFIX[d]}` === text),
		);
		if (day === undefined) {
			throw new InputError(`Days of the Week: ${showValue(entry)} is not a weekday. ${accepted}`, 'whichDays');
		}
		chosen.add(day);
	}
	// Week order, each day once.
	return WEEKDAYS.filter((d) => chosen.has(d));
}

const FULL_SUFFIX: Record<Weekday, string> = {
	Mon: 'day',
	Tue: 'sday',
	Wed: 'nesday',
	Thu: 'rsday',
	Fri: 'day',
	Sat: 'urday',
	Sun: 'day',
};

/**
 * Checks one item's parameters and turns them into what will be sent, or throws an
 * InputError naming the field. Nothing is sent for an item that fails here.
 *
 * @param nowMs the current time, for "the end must be in the future"
 */
export function validateItem(params: ItemParameters, nowMs: number): KoreCommand {
	const operation = params.operation;
	if (operation !== 'schedule' && operation !== 'disableSchedule') {
		throw new InputError(
			`Operation: ${showValue(operation)} is not supported; use "schedule" or "disableSchedule".`,
			'operation',
		);
	}
	const campaignName = campaignNameOf(params.campaignName);
	if (operation === 'disableSchedule') return { operation, campaignName };

	const timezone = checkTimezone(params.timezone);
	const start = toKoreDateTime(params.startDateTime, timezone, 'Start Date & Time', 'startDateTime');
	const end = toKoreDateTime(params.endDateTime, timezone, 'End Date & Time', 'endDateTime');
	if (end.instant.toMillis() <= start.instant.toMillis()) {
		throw new InputError(
			`End Date & Time (${end.text}) must be after Start Date & Time (${start.text}), both in ${timezone}.`,
			'endDateTime',
		);
	}
	if (end.instant.toMillis() <= nowMs) {
		throw new InputError(
			`End Date & Time (${end.text} in ${timezone}) is already in the past; Kore.ai only accepts a schedule that ends in the future.`,
			'endDateTime',
		);
	}

	let recurrenceObject: RecurrenceObject;
	if (params.recurrence === 'weekly') {
		recurrenceObject = {
			recurType: 'Weekly',
			weeklyDetails: {
				onceEveryNweeks: everyN(params.onceEveryNweeks, 'Every N Weeks', 'onceEveryNweeks', MAX_EVERY_N_WEEKS),
				whichDays: weekdaysOf(params.whichDays),
			},
		};
	} else if (params.recurrence === 'daily' || params.recurrence === undefined) {
		recurrenceObject = {
			recurType: 'Daily',
			dailyDetails: {
				onceEveryNdays: everyN(params.onceEveryNdays, 'Every N Days', 'onceEveryNdays', MAX_EVERY_N_DAYS),
			},
		};
	} else {
		throw new InputError(
			`Recurrence: ${showValue(params.recurrence)} is not supported; use "daily" or "weekly".`,
			'recurrence',
		);
	}

	return {
		operation,
		campaignName,
		startDateTime: start.text,
		endDateTime: end.text,
		recurrenceObject,
		timezone,
	};
}
