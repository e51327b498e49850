import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import type { Zone } from 'luxon';

import { InputError, showValue } from '../errors/errors';

/** The zone Kore.ai reads `startDateTime` / `endDateTime` in (its release notes: UTC). */
export const KORE_TIMEZONE_DEFAULT = 'UTC';

/** One Start or End value, read as an instant. */
export interface ReadDateTime {
	/** Milliseconds since the epoch. */
	epochMs: number;
	/** The instant as wall-clock time in the zone values without an offset are read in, with its offset. */
	local: string;
}

const ACCEPTED =
	'Accepted: "2027-01-27 18:30:00", "2027-01-27T18:30:00" (wall-clock time in the Timezone option, default the workflow\'s timezone), "2027-01-27T13:00:00Z" or "2027-01-27T18:30:00+05:30" (that exact moment), "2027-01-27" (midnight), the date picker, or an expression such as {{ $now.plus(1, "day") }}.';

// Date, optional time (space or T), optional fraction, optional offset (only after a time).
const DATE_TIME_TEXT =
	/^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const HOUR_MS = 3_600_000;

/** Kore.ai's format has a four-digit year; a year outside it would be sent as some other date. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const YEARS = `only years ${MIN_YEAR} to ${MAX_YEAR} can be sent`;

/** Real UTC offsets lie within ±18:00 (ISO 8601, luxon, Java); anything beyond is a typo. */
const MAX_OFFSET_MINUTES = 18 * 60;

const inYears = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** Resolves an IANA zone name ("UTC" included) to a luxon zone, or undefined when unknown. */
function zoneOf(name: string): Zone | undefined {
	if (/^utc$/i.test(name)) return FixedOffsetZone.utcInstance;
	const zone = IANAZone.create(name);
	return zone.isValid ? zone : undefined;
}

/** Checks a timezone option and returns its name; throws naming the option when unknown. */
export function checkTimezone(
	zone: unknown,
	field = 'options.timezone',
	label = 'Timezone',
	hint = "leave the option out to use the workflow's timezone",
): string {
	const name = typeof zone === 'string' ? zone.trim() : '';
	if (name === '' || zoneOf(name) === undefined) {
		throw new InputError(
			`${label}: ${showValue(zone)} is not a known IANA timezone. Use a name such as "Europe/Berlin", "America/New_York", "Asia/Kolkata" or "UTC", or ${hint}.`,
			field,
		);
	}
	return name;
}

function isJsDate(value: unknown): value is Date {
	return Object.prototype.toString.call(value) === '[object Date]';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `zone`'s offset from UTC at `epochMs`, in minutes. */
function offsetIn(epochMs: number, zone: string): number {
	return (zoneOf(zone) ?? FixedOffsetZone.utcInstance).offset(epochMs);
}

/** The year `zone`'s calendars show at `epochMs`. */
function yearIn(epochMs: number, zone: string): number {
	return new Date(epochMs + offsetIn(epochMs, zone) * 60_000).getUTCFullYear();
}

/** `epochMs` as wall-clock time in `zone`. */
function formatIn(epochMs: number, zone: string, iso = false): string {
	const offset = offsetIn(epochMs, zone);
	const wall = new Date(epochMs + offset * 60_000);
	const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
	const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
	if (!iso) return `${date} ${time}`;
	// Local mean time before a zone's first standard offset is not whole minutes (New York's was
	// -04:56:02): its seconds are shown, as Temporal does, rather than a fraction of a minute.
	const abs = Math.round(Math.abs(offset) * 60);
	const seconds = abs % 60 === 0 ? '' : `:${pad(abs % 60)}`;
	return `${date}T${time}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${seconds}`;
}

/** The instant as wall-clock time in `zone` with its offset, e.g. `2027-03-01T09:00:00-05:00`. */
function localText(epochMs: number, zone: string): string {
	return formatIn(epochMs, zone, true);
}

/** What Kore.ai receives for an instant: `YYYY-MM-DD HH:mm:ss` (its format) in the Kore timezone. */
export function toKoreText(epochMs: number, koreTimezone: string): string {
	return formatIn(epochMs, koreTimezone);
}

/** What Kore.ai receives for a value read by readDateTime, refused when its year in the Kore
 * timezone falls outside four digits (9999-12-31 23:00 in New York is already 10000 in UTC). */
export function koreTextOf(
	read: ReadDateTime,
	koreTimezone: string,
	label: string,
	field: string,
): string {
	const text = toKoreText(read.epochMs, koreTimezone);
	const year = yearIn(read.epochMs, koreTimezone);
	if (!inYears(year)) {
		throw new InputError(
			`${label} (${read.local}) would be sent as ${text} in the Kore Timezone ${koreTimezone}, in the year ${year}; ${YEARS}. ${ACCEPTED}`,
			field,
		);
	}
	return text;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The instants at which `zone`'s clocks show `wall`. */
function instantsShowing(wall: WallClock, zone: Zone): number[] {
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	const offsets = new Set([
		zone.offset(asUtc - 24 * HOUR_MS),
		zone.offset(asUtc),
		zone.offset(asUtc + 24 * HOUR_MS),
	]);
	const found = new Set<number>();
	for (const offset of offsets) {
		const candidate = asUtc - offset * 60_000;
		if (zone.offset(candidate) === offset) found.add(candidate);
	}
	return [...found].sort((a, b) => a - b);
}

/** Refuses a wall-clock time the clocks skip, naming the nearest valid times either side. */
function gapError(
	wall: WallClock,
	zone: Zone,
	zoneName: string,
	label: string,
	field: string,
): InputError {
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	const before = zone.offset(asUtc - 24 * HOUR_MS);
	const after = zone.offset(asUtc + 24 * HOUR_MS);
	// Read with the offset before the change it lands after the gap, and the other way round.
	const laterValid = formatIn(asUtc - before * 60_000, zoneName);
	const earlierValid = formatIn(asUtc - after * 60_000, zoneName);
	const text = formatIn(asUtc, 'UTC');
	return new InputError(
		`${label}: ${text} does not exist in ${zoneName}; the clocks skip that time for daylight saving. Pick a time outside the gap, for example ${earlierValid} or ${laterValid}.`,
		field,
	);
}

/** Reads what the date picker or an expression produced as one instant. */
export function readDateTime(
	value: unknown,
	zone: string,
	label: string,
	field: string,
): ReadDateTime {
	const instant = (epochMs: number): ReadDateTime => {
		const local = localText(epochMs, zone);
		const year = yearIn(epochMs, zone);
		if (!inYears(year)) {
			const given = typeof value === 'string' ? `${showValue(value)} is` : 'the expression gave';
			throw new InputError(
				`${label}: ${given} ${local} in ${zone}, in the year ${year}; ${YEARS}. ${ACCEPTED}`,
				field,
			);
		}
		return { epochMs, local };
	};
	if (DateTime.isDateTime(value)) {
		if (!value.isValid) {
			throw new InputError(
				`${label}: the expression gave an invalid date (${value.invalidReason ?? 'unknown reason'}). ${ACCEPTED}`,
				field,
			);
		}
		// May come from n8n's own copy of luxon: only its epoch millis are used.
		return instant(value.toMillis());
	}
	if (isJsDate(value)) {
		if (Number.isNaN(value.getTime())) {
			throw new InputError(
				`${label}: the expression gave an invalid JavaScript Date. ${ACCEPTED}`,
				field,
			);
		}
		return instant(value.getTime());
	}
	if (typeof value !== 'string' || value.trim() === '') {
		const what =
			typeof value === 'string' || value === undefined || value === null
				? 'is empty'
				: `got ${showValue(value)}`;
		throw new InputError(`${label} ${what}: a date and time is required. ${ACCEPTED}`, field);
	}

	const match = DATE_TIME_TEXT.exec(value.trim());
	if (!match) {
		throw new InputError(
			`${label}: could not read ${showValue(value)} as a date and time. ${ACCEPTED}`,
			field,
		);
	}
	const [, year, month, day, hour = '00', minute = '00', second = '00', offset] = match;
	const wall: WallClock = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
	};
	if (!inYears(wall.year)) {
		throw new InputError(
			`${label}: ${showValue(value)} is in the year ${year}; ${YEARS}. ${ACCEPTED}`,
			field,
		);
	}
	// A calendar check in UTC, which has no gaps: 2027-02-30 or 24:30 are not real.
	const calendar = DateTime.fromObject(wall, { zone: FixedOffsetZone.utcInstance });
	if (!calendar.isValid) {
		throw new InputError(
			`${label}: ${showValue(value)} is not a real date and time (${calendar.invalidExplanation ?? calendar.invalidReason}). ${ACCEPTED}`,
			field,
		);
	}

	if (offset !== undefined) {
		// "Z" (either case) does not match: it is +00:00.
		const [, sign, hh, mm = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset) ?? [
			'',
			'+',
			'00',
			'00',
		];
		const size = Number(hh) * 60 + Number(mm);
		if (Number(mm) >= 60 || size > MAX_OFFSET_MINUTES) {
			throw new InputError(
				`${label}: ${showValue(value)} has the offset ${offset}, which is not a real UTC offset: offsets run from -18:00 to +18:00, with minutes from 00 to 59. ${ACCEPTED}`,
				field,
			);
		}
		const minutes = (sign === '-' ? -1 : 1) * size;
		return instant(calendar.toMillis() - minutes * 60_000);
	}

	const readZone = zoneOf(zone);
	if (readZone === undefined)
		throw new InputError(
			`Timezone: ${showValue(zone)} is not a known IANA timezone.`,
			'options.timezone',
		);
	const [earliest] = instantsShowing(wall, readZone);
	if (earliest === undefined) throw gapError(wall, readZone, zone, label, field);
	return instant(earliest);
}
