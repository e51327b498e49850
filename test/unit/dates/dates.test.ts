/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import { DateTime, IANAZone, Settings } from 'luxon';

import {
	checkTimezone,
	koreTextOf,
	readDateTime,
	toKoreText,
} from '../../../nodes/KoreCampaign/dates/dates';
import { InputError } from '../../../nodes/KoreCampaign/errors/errors';
import { thrown } from '../../helpers/thrown';

/** What Kore.ai receives (UTC) for a value read in `zone`. */
const sent = (value: unknown, zone = 'UTC', koreZone = 'UTC') =>
	toKoreText(readDateTime(value, zone, 'Start Date & Time', 'startDateTime').epochMs, koreZone);
const local = (value: unknown, zone: string) =>
	readDateTime(value, zone, 'Start Date & Time', 'startDateTime').local;

const ACCEPTED =
	'Accepted: "2027-01-27 18:30:00", "2027-01-27T18:30:00" (wall-clock time in the Timezone option, default the workflow\'s timezone), "2027-01-27T13:00:00Z" or "2027-01-27T18:30:00+05:30" (that exact moment), "2027-01-27" (midnight), the date picker, or an expression such as {{ $now.plus(1, "day") }}.';

// npm test runs this file under several process zones (TZ) and with luxon's default zone set to
// yet another one (test/setup/luxonDefaultZone.ts), as n8n does during an execution.
describe(`dates under TZ=${process.env.TZ ?? '(unset)'}, luxon default zone ${Settings.defaultZone.name}`, () => {
	it('really runs under the zones it names', () => {
		if (process.env.TZ) {
			// The process's own clock follows TZ (its offset, since Intl may give an alias's name).
			const at = Date.UTC(2027, 0, 15);
			expect(0 - new Date(at).getTimezoneOffset()).toBe(IANAZone.create(process.env.TZ).offset(at));
		}
		expect(Settings.defaultZone.name).toBe(process.env.KORE_TEST_LUXON_ZONE ?? 'Pacific/Chatham');
	});

	describe('without an offset: wall-clock time in the Timezone option, sent as UTC', () => {
		it.each([
			// America/New_York, winter (EST, UTC-5) and summer (EDT, UTC-4)
			[
				'2027-03-01 09:00:00',
				'America/New_York',
				'2027-03-01 14:00:00',
				'2027-03-01T09:00:00-05:00',
			],
			[
				'2027-07-01T09:00:00',
				'America/New_York',
				'2027-07-01 13:00:00',
				'2027-07-01T09:00:00-04:00',
			],
			['2027-12-31T21:30', 'America/New_York', '2028-01-01 02:30:00', '2027-12-31T21:30:00-05:00'],
			// India (UTC+5:30, no daylight saving) and Berlin (CET/CEST)
			['2027-03-01 09:00:00', 'Asia/Kolkata', '2027-03-01 03:30:00', '2027-03-01T09:00:00+05:30'],
			['2027-03-01', 'Asia/Kolkata', '2027-02-28 18:30:00', '2027-03-01T00:00:00+05:30'],
			['2027-01-15 09:00:00', 'Europe/Berlin', '2027-01-15 08:00:00', '2027-01-15T09:00:00+01:00'],
			['2027-07-15 09:00:00', 'Europe/Berlin', '2027-07-15 07:00:00', '2027-07-15T09:00:00+02:00'],
			['2027-03-01T10:00:00.789', 'UTC', '2027-03-01 10:00:00', '2027-03-01T10:00:00+00:00'],
		])('%j in %s is sent as %j (read as %s)', (value, zone, utc, read) => {
			expect(sent(value, zone)).toBe(utc);
			expect(local(value, zone)).toBe(read);
		});
	});

	describe('with an offset or Z: that instant, whatever the Timezone option', () => {
		it.each([
			['2027-03-01T10:00:00Z', 'Asia/Kolkata', '2027-03-01 10:00:00'],
			['2027-03-01T10:00:00.000Z', 'America/New_York', '2027-03-01 10:00:00'],
			['2027-03-01T10:00:00+05:30', 'America/New_York', '2027-03-01 04:30:00'],
			['2027-03-01T10:00:00+0530', 'UTC', '2027-03-01 04:30:00'],
			['2027-03-01T10:00:00-08', 'Europe/Berlin', '2027-03-01 18:00:00'],
			['2027-03-01T10:00:00-03:30', 'UTC', '2027-03-01 13:30:00'],
			['2027-03-01 10:00:00z', 'Asia/Kolkata', '2027-03-01 10:00:00'],
		])('%j (Timezone %s) is sent as %j', (value, zone, utc) => {
			expect(sent(value, zone)).toBe(utc);
		});
	});

	it('reads luxon DateTimes ($now.plus) and JS Dates as instants', () => {
		expect(
			sent(DateTime.fromISO('2027-03-01T10:00:00', { zone: 'Asia/Kolkata' }), 'America/New_York'),
		).toBe('2027-03-01 04:30:00');
		expect(sent(DateTime.fromISO('2027-03-01T10:00:00Z', { zone: 'utc' }), 'Asia/Kolkata')).toBe(
			'2027-03-01 10:00:00',
		);
		expect(sent(new Date('2027-03-01T10:00:00Z'), 'America/Los_Angeles')).toBe(
			'2027-03-01 10:00:00',
		);
		expect(local(new Date('2027-03-01T10:00:00Z'), 'America/Los_Angeles')).toBe(
			'2027-03-01T02:00:00-08:00',
		);
	});

	it('refuses a wall-clock time the clocks skip, naming the nearest valid times', () => {
		// US clocks go from 02:00 to 03:00 on 2031-03-09.
		expect(() => sent('2031-03-09 02:30:00', 'America/New_York')).toThrow(
			/^Start Date & Time: 2031-03-09 02:30:00 does not exist in America\/New_York; .* for example 2031-03-09 01:30:00 or 2031-03-09 03:30:00\.$/,
		);
		// Berlin: 02:00 -> 03:00 on 2027-03-28.
		expect(() => sent('2027-03-28T02:15', 'Europe/Berlin')).toThrow(
			/does not exist in Europe\/Berlin/,
		);
		// The edges of the gap are real times.
		expect(sent('2031-03-09 01:59:59', 'America/New_York')).toBe('2031-03-09 06:59:59');
		expect(sent('2031-03-09 03:00:00', 'America/New_York')).toBe('2031-03-09 07:00:00');
	});

	it('takes the earlier instant for a time the clocks repeat (autumn overlap)', () => {
		// US clocks go from 02:00 EDT back to 01:00 EST on 2031-11-02: 01:30 happens twice.
		expect(sent('2031-11-02 01:30:00', 'America/New_York')).toBe('2031-11-02 05:30:00');
		expect(local('2031-11-02 01:30:00', 'America/New_York')).toBe('2031-11-02T01:30:00-04:00');
		expect(sent('2031-11-02 00:59:59', 'America/New_York')).toBe('2031-11-02 04:59:59');
		expect(sent('2031-11-02 02:00:00', 'America/New_York')).toBe('2031-11-02 07:00:00');
	});

	it('sends in another Kore Timezone when one is named', () => {
		expect(sent('2027-03-01 09:00:00', 'America/New_York', 'Asia/Kolkata')).toBe(
			'2027-03-01 19:30:00',
		);
		expect(toKoreText(Date.UTC(2027, 6, 1, 12), 'Europe/Berlin')).toBe('2027-07-01 14:00:00');
	});

	it.each([
		['', /is empty/],
		['   ', /is empty/],
		[undefined, /is empty/],
		[null, /is empty/],
		['2027-02-30 10:00:00', /"2027-02-30 10:00:00" is not a real date/],
		['2027-02-30T10:00:00Z', /is not a real date/],
		['2027-13-01T10:00:00', /is not a real date/],
		['2027-01-01 24:30:00', /is not a real date/],
		['27/01/2027', /could not read "27\/01\/2027"/],
		['tomorrow', /could not read "tomorrow"/],
		['2027-1-5', /could not read/],
		[1767225600000, /got 1767225600000/],
		[{ date: '2027-01-01' }, /got \{"date":"2027-01-01"\}/],
		[new Date('nope'), /invalid JavaScript Date/],
		[DateTime.fromISO('nope'), /invalid date/],
	])('rejects %j, naming the field and what is accepted', (value, message) => {
		let error: unknown;
		try {
			sent(value, 'America/New_York');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).field).toBe('startDateTime');
		expect((error as Error).message).toMatch(/^Start Date & Time/);
		expect((error as Error).message).toMatch(message);
	});

	it('lists accepted forms in its message', () => {
		expect(() => sent('soon')).toThrow(/Accepted: "2027-01-27 18:30:00"/);
	});
});

/** Offsets no place uses and years Kore's four-digit format cannot carry: refused, not sent as another date. */
describe(`impossible offsets and years under TZ=${process.env.TZ ?? '(unset)'}`, () => {
	const error = (value: unknown, zone = 'UTC') => {
		const e = thrown(() => sent(value, zone));
		expect(e).toBeInstanceOf(InputError);
		expect((e as InputError).field).toBe('startDateTime');
		expect(e.message).toMatch(/^Start Date & Time: /);
		expect(e.message).toMatch(/ Accepted: "2027-01-27 18:30:00"/);
		return e.message;
	};

	it.each([
		['2027-03-01T09:00:00+25:00', '+25:00', 'UTC'],
		['2027-03-01T09:00:00+05:99', '+05:99', 'Asia/Kolkata'],
		['2027-03-01T09:00:00-0560', '-0560', 'America/New_York'],
		['2027-03-01T09:00:00+19', '+19', 'UTC'],
		['2027-03-01 09:00:00-18:01', '-18:01', 'Europe/Berlin'],
		['2027-03-01T09:00:00+99:99', '+99:99', 'UTC'],
	])('refuses %j: %s is not a real UTC offset', (value, offset, zone) => {
		expect(error(value, zone)).toBe(
			`Start Date & Time: ${JSON.stringify(value)} has the offset ${offset}, which is not a real UTC offset: offsets run from -18:00 to +18:00, with minutes from 00 to 59. ${ACCEPTED}`,
		);
	});

	it.each([
		['2027-03-01T09:00:00+18:00', '2027-02-28 15:00:00'],
		['2027-03-01T09:00:00-1800', '2027-03-02 03:00:00'],
		['2027-03-01T09:00:00+05:59', '2027-03-01 03:01:00'],
		['2027-03-01T09:00:00+14', '2027-02-28 19:00:00'],
	])('accepts %j, an offset at or inside the limits (sent as %j)', (value, utc) => {
		expect(sent(value, 'America/New_York')).toBe(utc);
	});

	it.each([
		['0050-03-01 09:00:00', '0050', 'America/New_York'],
		['0000-01-01', '0000', 'UTC'],
		['0099-12-31T23:59:59', '0099', 'Asia/Kolkata'],
		['0999-12-31 23:59:59Z', '0999', 'UTC'],
		['10000-01-01 00:00:00', '10000', 'UTC'],
		['12027-03-01T09:00:00+05:30', '12027', 'Asia/Kolkata'],
	])('refuses %j: the year %s cannot be sent', (value, year, zone) => {
		expect(error(value, zone)).toBe(
			`Start Date & Time: ${JSON.stringify(value)} is in the year ${year}; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
	});

	it('refuses text whose offset moves it out of the years in the Timezone option', () => {
		expect(error('9999-12-31T23:00:00-05:00', 'UTC')).toBe(
			`Start Date & Time: "9999-12-31T23:00:00-05:00" is 10000-01-01T04:00:00+00:00 in UTC, in the year 10000; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
		// Before 1847 London kept local mean time, 1 minute 15 seconds behind UTC.
		expect(error('1000-01-01T03:00:00+05:30', 'Europe/London')).toBe(
			`Start Date & Time: "1000-01-01T03:00:00+05:30" is 0999-12-31T21:28:45-00:01:15 in Europe/London, in the year 999; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
	});

	it('refuses an expression that gives a year outside 1000-9999', () => {
		expect(error(DateTime.fromISO('+010000-01-01T00:00:00Z', { zone: 'utc' }))).toBe(
			`Start Date & Time: the expression gave 10000-01-01T00:00:00+00:00 in UTC, in the year 10000; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
		const year50 = new Date(0);
		year50.setUTCFullYear(50, 2, 1);
		expect(error(year50, 'UTC')).toBe(
			`Start Date & Time: the expression gave 0050-03-01T00:00:00+00:00 in UTC, in the year 50; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
	});

	it('accepts the first and the last second of the years that can be sent', () => {
		expect(sent('1000-01-01 00:00:00')).toBe('1000-01-01 00:00:00');
		expect(sent('9999-12-31 23:59:59')).toBe('9999-12-31 23:59:59');
		expect(local('9999-12-31 23:59:59', 'America/New_York')).toBe('9999-12-31T23:59:59-05:00');
		// New York kept local mean time (-04:56:02) until 1883.
		expect(local('1000-01-01 00:00:00', 'America/New_York')).toBe('1000-01-01T00:00:00-04:56:02');
		expect(sent('1000-01-01 00:00:00', 'America/New_York')).toBe('1000-01-01 04:56:02');
		expect(sent(DateTime.fromISO('9999-12-31T23:59:59Z', { zone: 'utc' }))).toBe(
			'9999-12-31 23:59:59',
		);
	});

	it('refuses what the Kore Timezone would send in year 10000, naming both', () => {
		const read = readDateTime(
			'9999-12-31 23:00:00',
			'America/New_York',
			'End Date & Time',
			'endDateTime',
		);
		const e = thrown(() => koreTextOf(read, 'UTC', 'End Date & Time', 'endDateTime'));
		expect(e).toBeInstanceOf(InputError);
		expect((e as InputError).field).toBe('endDateTime');
		expect(e.message).toBe(
			`End Date & Time (9999-12-31T23:00:00-05:00) would be sent as 10000-01-01 04:00:00 in the Kore Timezone UTC, in the year 10000; only years 1000 to 9999 can be sent. ${ACCEPTED}`,
		);
		expect(koreTextOf(read, 'America/Chicago', 'End Date & Time', 'endDateTime')).toBe(
			'9999-12-31 22:00:00',
		);
	});
});

describe('checkTimezone', () => {
	it('accepts IANA names and UTC', () => {
		expect(checkTimezone('Asia/Kolkata')).toBe('Asia/Kolkata');
		expect(checkTimezone(' UTC ')).toBe('UTC');
		expect(checkTimezone('Etc/UTC')).toBe('Etc/UTC');
	});
	it.each(['Mars/Olympus', '', 'EST5EDT6', 42])('rejects %j, naming options.timezone', (zone) => {
		expect(() => checkTimezone(zone)).toThrow(/^Timezone: .* is not a known IANA timezone/);
	});
	it('names the Kore Timezone option when asked to', () => {
		expect(() =>
			checkTimezone('Nowhere', 'options.koreTimezone', 'Kore Timezone', 'leave it out'),
		).toThrow(/^Kore Timezone: "Nowhere" .* or leave it out\.$/);
	});
});

/** Exact answers at the edges: zones east of UTC, offsets in every written form, the messages. */
describe('dates, exactly', () => {
	const read = (value: unknown, zone = 'UTC') =>
		readDateTime(value, zone, 'Start Date & Time', 'startDateTime');
	const message = (f: () => unknown) => thrown(f).message;
	it('Berlin autumn overlap: 02:30 happens twice, the earlier (CEST) is taken', () => {
		expect(read('2027-10-31 02:30', 'Europe/Berlin')).toEqual({
			epochMs: Date.UTC(2027, 9, 31, 0, 30),
			local: '2027-10-31T02:30:00+02:00',
		});
		expect(read('2027-10-31 03:30', 'Europe/Berlin')).toEqual({
			epochMs: Date.UTC(2027, 9, 31, 2, 30),
			local: '2027-10-31T03:30:00+01:00',
		});
	});
	it('takes the earlier instant of a repeated time before 1970 too (New York, 1950)', () => {
		// US clocks went from 02:00 EDT back to 01:00 EST on 1950-09-24: 01:30 happened twice.
		expect(read('1950-09-24 01:30', 'America/New_York')).toEqual({
			epochMs: Date.UTC(1950, 8, 24, 5, 30),
			local: '1950-09-24T01:30:00-04:00',
		});
	});
	it('Berlin spring gap: the message names the valid times either side', () => {
		expect(message(() => read('2027-03-28 02:30', 'Europe/Berlin'))).toBe(
			'Start Date & Time: 2027-03-28 02:30:00 does not exist in Europe/Berlin; the clocks skip that time for daylight saving. Pick a time outside the gap, for example 2027-03-28 01:30:00 or 2027-03-28 03:30:00.',
		);
	});
	it.each([
		['2027-01-27T10:00+0530', Date.UTC(2027, 0, 27, 4, 30)],
		['2027-01-27T10:00:00+05:30', Date.UTC(2027, 0, 27, 4, 30)],
		['2027-01-27T10:00-08', Date.UTC(2027, 0, 27, 18, 0)],
		['2027-01-27T10:00:00.5z', Date.UTC(2027, 0, 27, 10, 0)],
		['2027-01-27 10:00:00-00:30', Date.UTC(2027, 0, 27, 10, 30)],
		['  2027-01-27 10:00  ', Date.UTC(2027, 0, 27, 10, 0)],
		['2027-01-27T07:08:09', Date.UTC(2027, 0, 27, 7, 8, 9)],
		['2027-01-27T07', undefined],
	])('%s', (text, epochMs) => {
		if (epochMs === undefined) expect(() => read(text)).toThrow(/could not read/);
		else expect(read(text).epochMs).toBe(epochMs);
	});
	it('checkTimezone accepts UTC in any case and trims; refuses look-alikes with the default hint', () => {
		expect(checkTimezone(' utc ')).toBe('utc');
		expect(checkTimezone(' Europe/Berlin ')).toBe('Europe/Berlin');
		for (const zone of ['utcx', 'xutc', '']) {
			expect(message(() => checkTimezone(zone))).toBe(
				`Timezone: ${JSON.stringify(zone)} is not a known IANA timezone. Use a name such as "Europe/Berlin", "America/New_York", "Asia/Kolkata" or "UTC", or leave the option out to use the workflow's timezone.`,
			);
		}
		expect(checkTimezone('UTC')).toBe('UTC');
		expect(read('2027-01-27 10:00', 'utc').epochMs).toBe(Date.UTC(2027, 0, 27, 10, 0));
	});
	it('says why a date is not real, and what an invalid DateTime said', () => {
		expect(message(() => read('2027-13-01'))).toMatch(
			/^Start Date & Time: "2027-13-01" is not a real date and time \(you specified 13 \(of type number\) as a month, which is invalid\)\. Accepted:/,
		);
		expect(message(() => read(DateTime.invalid('because')))).toMatch(
			/^Start Date & Time: the expression gave an invalid date \(because\)\. Accepted:/,
		);
		expect(message(() => read('2027-01-27 10:00', 'Nowhere/Land'))).toBe(
			'Timezone: "Nowhere/Land" is not a known IANA timezone.',
		);
	});
	it('blames an unknown Timezone met while reading a date on the Timezone option', () => {
		expect(thrown(() => read('2027-01-27 10:00', 'Nowhere/Land')).field).toBe('options.timezone');
	});
});
