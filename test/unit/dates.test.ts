import { DateTime } from 'luxon';

import { checkTimezone, toKoreDateTime } from '../../nodes/KoreCampaignSchedule/dates';
import { InputError } from '../../nodes/KoreCampaignSchedule/inputError';

const convert = (value: unknown, zone = 'UTC') => toKoreDateTime(value, zone, 'Start Date & Time', 'startDateTime').text;

describe('toKoreDateTime', () => {
	it.each([
		['2027-03-01 10:00:00', 'Asia/Kolkata', '2027-03-01 10:00:00'],
		['2027-03-01T10:00:00', 'Asia/Kolkata', '2027-03-01 10:00:00'],
		['2027-03-01T10:00', 'UTC', '2027-03-01 10:00:00'],
		['2027-03-01T10:00:00.789', 'UTC', '2027-03-01 10:00:00'],
		['2027-03-01', 'Europe/Berlin', '2027-03-01 00:00:00'],
	])('wall-clock %j in %s is sent unchanged as %j', (value, zone, sent) => {
		expect(convert(value, zone)).toBe(sent);
	});

	it.each([
		['2027-03-01T10:00:00Z', 'Asia/Kolkata', '2027-03-01 15:30:00'],
		['2027-03-01T10:00:00.000Z', 'America/New_York', '2027-03-01 05:00:00'],
		['2027-03-01T10:00:00+05:30', 'UTC', '2027-03-01 04:30:00'],
		['2027-03-01T10:00:00+0530', 'UTC', '2027-03-01 04:30:00'],
		['2027-03-01T10:00:00-08', 'UTC', '2027-03-01 18:00:00'],
		['2027-07-01T10:00:00Z', 'Europe/London', '2027-07-01 11:00:00'], // BST in summer
		['2027-01-01T10:00:00Z', 'Europe/London', '2027-01-01 10:00:00'], // GMT in winter
	])('instant %j is converted into %s as %j', (value, zone, sent) => {
		expect(convert(value, zone)).toBe(sent);
	});

	it('converts luxon DateTimes and JS Dates as instants', () => {
		expect(convert(DateTime.fromISO('2027-03-01T10:00:00Z'), 'Asia/Kolkata')).toBe('2027-03-01 15:30:00');
		expect(convert(DateTime.fromISO('2027-03-01T10:00:00', { zone: 'Asia/Kolkata' }), 'Asia/Kolkata')).toBe('2027-03-01 10:00:00');
		expect(convert(new Date('2027-03-01T10:00:00Z'), 'America/Los_Angeles')).toBe('2027-03-01 02:00:00');
	});

	it('crosses a DST change correctly when converting', () => {
		// US clocks go forward on 2027-03-14 at 02:00 local.
		expect(convert('2027-03-14T06:59:59Z', 'America/New_York')).toBe('2027-03-14 01:59:59');
		expect(convert('2027-03-14T07:00:00Z', 'America/New_York')).toBe('2027-03-14 03:00:00');
	});

	it('rejects a wall-clock time inside a DST gap and suggests one after it', () => {
		expect(() => convert('2027-03-14 02:30:00', 'America/New_York')).toThrow(
			/2027-03-14 02:30:00 does not exist in America\/New_York.*2027-03-14 03:30:00/,
		);
	});

	it('accepts an ambiguous wall-clock time (DST overlap) as given', () => {
		expect(convert('2027-11-07 01:30:00', 'America/New_York')).toBe('2027-11-07 01:30:00');
	});

	it.each([
		['', /is empty/],
		['   ', /is empty/],
		[undefined, /is empty/],
		[null, /is empty/],
		['2027-02-30 10:00:00', /"2027-02-30 10:00:00" is not a real date/],
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
			convert(value, 'UTC');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).field).toBe('startDateTime');
		expect((error as Error).message).toMatch(/^Start Date & Time/);
		expect((error as Error).message).toMatch(message);
	});

	it('lists accepted forms in its message', () => {
		expect(() => convert('soon')).toThrow(/Accepted: "2027-01-27 18:30:00"/);
	});
});

describe('checkTimezone', () => {
	it('accepts IANA names', () => {
		expect(checkTimezone('Asia/Kolkata')).toBe('Asia/Kolkata');
		expect(checkTimezone(' UTC ')).toBe('UTC');
	});
	it.each(['Mars/Olympus', '', 'EST5EDT6', 42])('rejects %j, naming options.timezone', (zone) => {
		expect(() => checkTimezone(zone)).toThrow(/Timezone: .* is not a known IANA timezone/);
	});
});
