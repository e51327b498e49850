import { DateTime } from 'luxon';

import { InputError, showValue } from './inputError';

/** The wall-clock format Kore.ai expects for `startDateTime` / `endDateTime`. */
export const KORE_DATE_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** A date-time as Kore.ai will receive it, plus the instant it denotes in the chosen zone. */
export interface KoreDateTime {
	text: string;
	instant: DateTime;
}

const ACCEPTED =
	'Accepted: "2027-01-27 18:30:00", "2027-01-27T18:30:00" (wall-clock time in the chosen timezone), "2027-01-27T13:00:00Z" or "2027-01-27T18:30:00+05:30" (converted into the chosen timezone), "2027-01-27" (midnight), the date picker, or an expression such as {{ $now.plus(1, "day") }}.';

// Date, optional time (space or T), optional fraction, optional offset (only after a time).
const DATE_TIME_TEXT =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Checks an IANA zone name and returns it; throws naming `options.timezone` when unknown. */
export function checkTimezone(zone: unknown): string {
	const name = typeof zone === 'string' ? zone.trim() : '';
	if (name === '' || !DateTime.now().setZone(name).isValid) {
		throw new InputError(
			`Timezone: ${showValue(zone)} is not a known IANA timezone. Use a name such as "Europe/Berlin", "America/New_York", "Asia/Kolkata" or "UTC", or leave the option out to use the workflow's timezone.`,
			'options.timezone',
		);
	}
	return name;
}

function isJsDate(value: unknown): value is Date {
	return Object.prototype.toString.call(value) === '[object Date]';
}

function fromInstant(instant: DateTime, zone: string): KoreDateTime {
	const inZone = instant.setZone(zone);
	return { text: inZone.toFormat(KORE_DATE_FORMAT), instant: inZone };
}

/**
 * Turns what the date picker or an expression produced into Kore's `YYYY-MM-DD HH:mm:ss` in
 * `zone`. Text without an offset is wall-clock time in `zone` and is sent unchanged; text with
 * an offset, a luxon DateTime or a JS Date is an instant and is converted into `zone`.
 *
 * @param label the field's display name, used in messages
 */
export function toKoreDateTime(value: unknown, zone: string, label: string, field: string): KoreDateTime {
	if (DateTime.isDateTime(value)) {
		// May come from n8n's own copy of luxon: go through epoch millis to use ours.
		if (!value.isValid) {
			throw new InputError(`${label}: the expression gave an invalid date (${value.invalidReason ?? 'unknown reason'}). ${ACCEPTED}`, field);
		}
		return fromInstant(DateTime.fromMillis(value.toMillis()), zone);
	}
	if (isJsDate(value)) {
		if (Number.isNaN(value.getTime())) {
			throw new InputError(`${label}: the expression gave an invalid JavaScript Date. ${ACCEPTED}`, field);
		}
		return fromInstant(DateTime.fromMillis(value.getTime()), zone);
	}
	if (typeof value !== 'string' || value.trim() === '') {
		const what = typeof value === 'string' || value === undefined || value === null ? 'is empty' : `got ${showValue(value)}`;
		throw new InputError(`${label} ${what}: a date and time is required. ${ACCEPTED}`, field);
	}

	const text = value.trim();
	const match = DATE_TIME_TEXT.exec(text);
	if (!match) {
		throw new InputError(`${label}: could not read ${showValue(value)} as a date and time. ${ACCEPTED}`, field);
	}
	const [, year, month, day, hour = '00', minute = '00', second = '00', offset] = match;
	const parts = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
	};

	if (offset !== undefined) {
		const normalisedOffset = offset.toUpperCase() === 'Z' ? 'UTC' : `UTC${offset.length === 3 ? `${offset}:00` : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
		const instant = DateTime.fromObject(parts, { zone: normalisedOffset });
		if (!instant.isValid) {
			throw new InputError(`${label}: ${showValue(value)} is not a real date and time (${instant.invalidExplanation ?? instant.invalidReason}). ${ACCEPTED}`, field);
		}
		return fromInstant(instant, zone);
	}

	const wallClock = DateTime.fromObject(parts, { zone });
	if (!wallClock.isValid) {
		throw new InputError(`${label}: ${showValue(value)} is not a real date and time (${wallClock.invalidExplanation ?? wallClock.invalidReason}). ${ACCEPTED}`, field);
	}
	const sent = DateTime.fromObject(parts).toFormat(KORE_DATE_FORMAT);
	if (wallClock.toFormat(KORE_DATE_FORMAT) !== sent) {
		// luxon moved the time forward: the clocks skip this hour in `zone` (daylight saving).
		throw new InputError(
			`${label}: ${sent} does not exist in ${zone}; the clocks skip that time for daylight saving. Pick a time outside the gap, for example ${wallClock.toFormat(KORE_DATE_FORMAT)}.`,
			field,
		);
	}
	return { text: sent, instant: wallClock };
}
