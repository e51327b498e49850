import { checkTimezone, koreTextOf, readDateTime } from './dates';
import { InputError } from '../errors/errors';

/** A call-back's time, read and checked: what Kore.ai receives and how it was read. */
export interface CallTime {
	/** ISO 8601 in UTC to the second, as Kore's call-back page shows it: `2027-06-18T17:55:00Z`. */
	timeToContact: string;
	/** The same instant as wall-clock time in `timezone`, with its offset. */
	local: string;
	/** The zone a value without an offset was read in. */
	timezone: string;
}

/**
 * Reads Call At like Schedule's dates (the picker, text with or without an offset, an expression)
 * and converts it to UTC; refuses a time not after `nowMs` (the run's start), so that nothing is
 * sent for it.
 */
export function readCallTime(value: unknown, zone: unknown, nowMs: number): CallTime {
	const timezone = checkTimezone(zone);
	const read = readDateTime(value, timezone, 'Call At', 'callAt');
	// Kore's format has whole seconds: the fraction is dropped, and the check is on what is sent.
	const sent = { ...read, epochMs: Math.floor(read.epochMs / 1000) * 1000 };
	if (sent.epochMs <= nowMs) {
		throw new InputError(
			`Call At (${read.local}) is not in the future; a call-back can only be scheduled for a later time.`,
			'callAt',
			'Give a time after now (for example {{ $now.plus(2, "hours") }}); nothing was sent to Kore.ai for this item.',
		);
	}
	const timeToContact = `${koreTextOf(sent, 'UTC', 'Call At', 'callAt').replace(' ', 'T')}Z`;
	return { timeToContact, local: read.local, timezone };
}
