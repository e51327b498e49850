/* eslint-disable @n8n/community-nodes/require-node-api-error -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import { DateTime } from 'luxon';

import { InputError } from '../../../nodes/KoreCampaign/errors/errors';
import type { ScheduleParameters } from '../../../nodes/KoreCampaign/dates/schedule';
import { campaignNameOf } from '../../../nodes/KoreCampaign/campaigns/campaignName';
import { everyN, validateSchedule, weekdaysOf } from '../../../nodes/KoreCampaign/dates/schedule';
import { thrown } from '../../helpers/thrown';

const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);
const daily: ScheduleParameters = {
	campaignName: 'Spring | Voice',
	startDateTime: '2027-02-01 09:00:00',
	endDateTime: '2027-03-01 09:00:00',
	recurrence: 'daily',
	onceEveryNdays: 2,
	timezone: 'Europe/Berlin',
};

function failure(params: ScheduleParameters): InputError {
	try {
		validateSchedule(params, NOW);
	} catch (e) {
		if (e instanceof InputError) return e;
		throw e;
	}
	throw new Error('expected an InputError');
}

describe('validateSchedule', () => {
	it('builds a daily schedule', () => {
		expect(validateSchedule(daily, NOW)).toEqual({
			operation: 'schedule',
			campaignName: 'Spring | Voice',
			// 09:00 in Berlin (CET, UTC+1) is 08:00 UTC, what Kore.ai reads.
			startDateTime: '2027-02-01 08:00:00',
			endDateTime: '2027-03-01 08:00:00',
			recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 2 } },
			timezone: 'Europe/Berlin',
			koreTimezone: 'UTC',
			startLocal: '2027-02-01T09:00:00+01:00',
			endLocal: '2027-03-01T09:00:00+01:00',
		});
	});

	it('builds a weekly schedule with days in week order, each once', () => {
		const cmd = validateSchedule(
			{
				...daily,
				recurrence: 'weekly',
				onceEveryNweeks: 1,
				whichDays: ['Fri', 'Mon', 'Fri', 'wed'],
			},
			NOW,
		);
		expect(cmd).toMatchObject({
			recurrenceObject: {
				recurType: 'Weekly',
				weeklyDetails: { onceEveryNweeks: 1, whichDays: ['Mon', 'Wed', 'Fri'] },
			},
		});
	});

	it('trims the campaign name (Disable Schedule needs nothing else)', () => {
		expect(campaignNameOf(' Old one ')).toBe('Old one');
	});

	it.each([
		[{ campaignName: '' }, 'campaignName', /Campaign Name is empty/],
		[{ campaignName: '   ' }, 'campaignName', /Campaign Name is empty/],
		[{ campaignName: { a: 1 } }, 'campaignName', /Campaign Name got \{"a":1\}/],
		[
			{ endDateTime: '2027-02-01 09:00:00' },
			'endDateTime',
			/must be after Start Date & Time \(2027-02-01T09:00:00\+01:00\)/,
		],
		[{ endDateTime: '2027-01-31 09:00:00' }, 'endDateTime', /must be after/],
		[
			{ startDateTime: '2026-12-01 09:00:00', endDateTime: '2027-01-10 09:00:00' },
			'endDateTime',
			/already in the past/,
		],
		[
			{ onceEveryNdays: 0 },
			'onceEveryNdays',
			/Every N Days must be a whole number from 1 to 365.*got 0/,
		],
		[{ onceEveryNdays: -3 }, 'onceEveryNdays', /got -3/],
		[{ onceEveryNdays: 1.5 }, 'onceEveryNdays', /got 1.5/],
		[{ onceEveryNdays: 1e9 }, 'onceEveryNdays', /got 1000000000/],
		[{ onceEveryNdays: 'two' }, 'onceEveryNdays', /got "two"/],
		[
			{ recurrence: 'weekly', onceEveryNweeks: 53, whichDays: ['Mon'] },
			'onceEveryNweeks',
			/Every N Weeks must be a whole number from 1 to 52/,
		],
		[{ recurrence: 'weekly', onceEveryNweeks: 1, whichDays: [] }, 'whichDays', /no day chosen/],
		[
			{ recurrence: 'weekly', onceEveryNweeks: 1, whichDays: ['Mon', 'Funday'] },
			'whichDays',
			/"Funday" is not a weekday/,
		],
		[{ recurrence: 'monthly' }, 'recurrence', /"monthly" is not supported/],
		[{ timezone: 'Mars/Olympus' }, 'options.timezone', /not a known IANA timezone/],
		[
			{ koreTimezone: 'Mars/Olympus' },
			'options.koreTimezone',
			/^Kore Timezone: "Mars\/Olympus" is not a known IANA timezone/,
		],
		[{ campaignName: Number.NaN }, 'campaignName', /Campaign Name got NaN/],
		[{ campaignName: ['a'] }, 'campaignName', /Campaign Name got \["a"\]/],
		[{ recurrence: 'Fortnightly' }, 'recurrence', /"Fortnightly" is not supported/],
		// A gap time in the read zone (US clocks skip 02:00-03:00 on 2027-03-14).
		[
			{ timezone: 'America/New_York', startDateTime: '2027-03-14 02:30:00' },
			'startDateTime',
			/does not exist in America\/New_York/,
		],
	])('rejects %j on %s', (patch, field, message) => {
		const error = failure({ ...daily, ...(patch as Partial<ScheduleParameters>) });
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it('reads a sheet\'s "Daily" / "WEEKLY" as the recurrence', () => {
		expect(validateSchedule({ ...daily, recurrence: 'Daily' }, NOW)).toMatchObject({
			recurrenceObject: { recurType: 'Daily' },
		});
		expect(
			validateSchedule(
				{ ...daily, recurrence: ' WEEKLY ', onceEveryNweeks: 1, whichDays: 'mon' },
				NOW,
			),
		).toMatchObject({
			recurrenceObject: {
				recurType: 'Weekly',
				weeklyDetails: { onceEveryNweeks: 1, whichDays: ['Mon'] },
			},
		});
	});

	it('sends a campaign name that is a number as its digits', () => {
		expect(validateSchedule({ ...daily, campaignName: 2027 }, NOW)).toMatchObject({
			campaignName: '2027',
		});
		expect(campaignNameOf(12.5)).toBe('12.5');
	});

	it('checks order and "in the future" on instants, in the autumn overlap too', () => {
		// New York 01:30 happens twice on 2031-11-02; the earlier (EDT) is taken, so an end at
		// 01:45 given with the EST offset is 75 minutes later, and UTC keeps them in order.
		const cmd = validateSchedule(
			{
				...daily,
				timezone: 'America/New_York',
				startDateTime: '2031-11-02 01:30:00',
				endDateTime: '2031-11-02T01:15:00-05:00',
			},
			NOW,
		);
		expect(cmd).toMatchObject({
			startDateTime: '2031-11-02 05:30:00',
			endDateTime: '2031-11-02 06:15:00',
		});
		// The end is checked against now as an instant: 12:00 UTC now, 06:59 in New York is 11:59 UTC.
		expect(
			failure({
				...daily,
				timezone: 'America/New_York',
				startDateTime: '2027-01-01 00:00:00',
				endDateTime: '2027-01-15 06:59:00',
			}).message,
		).toMatch(/already in the past/);
		expect(
			validateSchedule(
				{
					...daily,
					timezone: 'America/New_York',
					startDateTime: '2027-01-01 00:00:00',
					endDateTime: '2027-01-15 07:01:00',
				},
				NOW,
			),
		).toMatchObject({ endDateTime: '2027-01-15 12:01:00' });
	});

	it('refuses what the Kore Timezone would send out of order (its autumn overlap)', () => {
		// 05:30Z and 06:15Z are 01:30 EDT and 01:15 EST: in New York wall-clock the end comes first.
		const error = failure({
			...daily,
			timezone: 'UTC',
			koreTimezone: 'America/New_York',
			startDateTime: '2031-11-02T05:30:00Z',
			endDateTime: '2031-11-02T06:15:00Z',
		});
		expect(error.field).toBe('endDateTime');
		expect(error.message).toMatch(/sent as 2031-11-02 01:30:00 and 2031-11-02 01:15:00/);
	});

	it('compares start and end as instants, converting offsets first', () => {
		// 10:00+05:30 is 04:30Z, before 05:00Z: valid although the text looks reversed.
		const cmd = validateSchedule(
			{
				...daily,
				timezone: 'UTC',
				startDateTime: '2027-02-01T10:00:00+05:30',
				endDateTime: '2027-02-01T05:00:00Z',
			},
			NOW,
		);
		expect(cmd).toMatchObject({
			startDateTime: '2027-02-01 04:30:00',
			endDateTime: '2027-02-01 05:00:00',
		});
	});
});

describe('everyN', () => {
	it('accepts whole numbers and whole-number text', () => {
		expect(everyN(3, 'X', 'x', 10)).toBe(3);
		expect(everyN('2', 'X', 'x', 10)).toBe(2);
		expect(everyN(' 7 ', 'X', 'x', 10)).toBe(7);
	});
	it.each(['2.5', '', null, undefined, true, [], 11])('rejects %j', (v) =>
		expect(() => everyN(v, 'X', 'x', 10)).toThrow(InputError),
	);
});

describe('weekdaysOf', () => {
	it('accepts comma-separated text and full names in any case', () => {
		expect(weekdaysOf('sun, Monday ,TUE')).toEqual(['Mon', 'Tue', 'Sun']);
		expect(weekdaysOf(['Thursday', 'thu'])).toEqual(['Thu']);
	});
	it.each([[''], [undefined], ['Mo'], [['Mon', 3]], ['Someday']])('rejects %j', (v) =>
		expect(() => weekdaysOf(v)).toThrow(InputError),
	);
});

/** Exact answers at the edges of each rule. */
describe('validation, exactly', () => {
	const message = (f: () => unknown) => thrown(f).message;
	const ACCEPTED_NAME =
		'enter the exact name of the Voice or SMS campaign as it appears in Kore.ai.';
	it.each([
		['', `Campaign Name is empty: ${ACCEPTED_NAME}`],
		['  ', `Campaign Name is empty: ${ACCEPTED_NAME}`],
		[undefined, `Campaign Name is empty: ${ACCEPTED_NAME}`],
		[null, `Campaign Name is empty: ${ACCEPTED_NAME}`],
		[Number.POSITIVE_INFINITY, `Campaign Name got Infinity: ${ACCEPTED_NAME}`],
		[true, `Campaign Name got true: ${ACCEPTED_NAME}`],
	])('campaign name %j', (value, expected) =>
		expect(message(() => campaignNameOf(value))).toBe(expected),
	);
	it('campaign names from numbers and big integers are their digits', () => {
		expect(campaignNameOf(BigInt(12))).toBe('12');
		expect(campaignNameOf(0)).toBe('0');
	});
	it('every N: whole-number text with spaces, the maximum itself, nothing above', () => {
		expect(everyN(' 2 ', 'X', 'x', 10)).toBe(2);
		expect(everyN('10', 'X', 'x', 10)).toBe(10);
		expect(everyN(10, 'X', 'x', 10)).toBe(10);
		expect(everyN(1, 'X', 'x', 10)).toBe(1);
		for (const bad of ['2 days', 'x2', '12', 11, 0, '1.0', ['2'], [2]])
			expect(() => everyN(bad, 'X', 'x', 10)).toThrow(InputError);
		expect(message(() => everyN('12', 'Every N Days', 'onceEveryNdays', 10))).toBe(
			'Every N Days must be a whole number from 1 to 10 (1 = every time, 2 = every other, ...); got "12".',
		);
	});
	it('weekdays: empty parts skipped, one value alone, the message lists the days', () => {
		expect(weekdaysOf('Mon,,Tue, ')).toEqual(['Mon', 'Tue']);
		expect(weekdaysOf('sunday')).toEqual(['Sun']);
		expect(weekdaysOf(['WEDNESDAY', 'wed'])).toEqual(['Wed']);
		for (const none of [null, undefined, []])
			expect(message(() => weekdaysOf(none))).toBe(
				'Days of the Week: no day chosen. Choose one or more of Mon, Tue, Wed, Thu, Fri, Sat, Sun.',
			);
		expect(message(() => weekdaysOf(' , '))).toBe(
			'Days of the Week: no day chosen. Choose one or more of Mon, Tue, Wed, Thu, Fri, Sat, Sun.',
		);
		expect(message(() => weekdaysOf(5))).toBe(
			'Days of the Week: 5 is not a weekday. Choose one or more of Mon, Tue, Wed, Thu, Fri, Sat, Sun.',
		);
		expect(message(() => weekdaysOf(['mo']))).toBe(
			'Days of the Week: "mo" is not a weekday. Choose one or more of Mon, Tue, Wed, Thu, Fri, Sat, Sun.',
		);
	});
	it('schedule: the end may not be now; no recurrence means Daily; a recurrence that is not text is refused', () => {
		const end = Date.UTC(2027, 2, 1, 8, 0, 0);
		expect(
			message(() => validateSchedule({ ...daily, endDateTime: '2027-03-01 09:00:00' }, end)),
		).toMatch(/^End Date & Time \(2027-03-01T09:00:00\+01:00\) is already in the past/);
		expect(validateSchedule({ ...daily, endDateTime: '2027-03-01 09:00:01' }, end)).toMatchObject({
			endDateTime: '2027-03-01 08:00:01',
		});
		expect(validateSchedule({ ...daily, recurrence: undefined }, NOW)).toMatchObject({
			recurrenceObject: { recurType: 'Daily' },
		});
		expect(message(() => validateSchedule({ ...daily, recurrence: 5 }, NOW))).toBe(
			'Recurrence: 5 is not supported; use "daily" or "weekly".',
		);
	});
	it('schedule: start and end name their own fields; the Kore Timezone its hint', () => {
		expect(message(() => validateSchedule({ ...daily, startDateTime: '' }, NOW))).toMatch(
			/^Start Date & Time is empty: a date and time is required\./,
		);
		expect(message(() => validateSchedule({ ...daily, endDateTime: '' }, NOW))).toMatch(
			/^End Date & Time is empty: a date and time is required\./,
		);
		expect(thrown(() => validateSchedule({ ...daily, startDateTime: 'soon' }, NOW)).field).toBe(
			'startDateTime',
		);
		expect(thrown(() => validateSchedule({ ...daily, endDateTime: 'later' }, NOW)).field).toBe(
			'endDateTime',
		);
		expect(message(() => validateSchedule({ ...daily, koreTimezone: 'Mars/Base' }, NOW))).toBe(
			'Kore Timezone: "Mars/Base" is not a known IANA timezone. Use a name such as "Europe/Berlin", "America/New_York", "Asia/Kolkata" or "UTC", or leave the option out to send UTC, as Kore.ai documents.',
		);
	});
	it('schedule: an end an hour after the start, sent equal in a Kore Timezone whose clocks go back, is refused', () => {
		const params = {
			...daily,
			koreTimezone: 'Europe/Berlin',
			startDateTime: '2027-10-31T00:30:00Z',
			endDateTime: '2027-10-31T01:30:00Z',
		};
		expect(message(() => validateSchedule(params, NOW))).toMatch(
			/would be sent as 2027-10-31 02:30:00 and 2027-10-31 02:30:00, and the end would not come after the start/,
		);
		expect(validateSchedule({ ...params, endDateTime: '2027-10-31T01:30:01Z' }, NOW)).toMatchObject(
			{ endDateTime: '2027-10-31 02:30:01' },
		);
	});
	it.each([
		// The end as an expression in year 10000 was refused as "would not come after the start".
		[
			{ endDateTime: DateTime.fromISO('+010000-01-01T00:00:00Z', { zone: 'utc' }) },
			'endDateTime',
			/^End Date & Time: the expression gave 10000-01-01T01:00:00\+01:00 in Europe\/Berlin, in the year 10000; only years 1000 to 9999 can be sent\. Accepted:/,
		],
		[
			{ endDateTime: '10000-01-01 09:00:00' },
			'endDateTime',
			/^End Date & Time: "10000-01-01 09:00:00" is in the year 10000; only years 1000 to 9999 can be sent\. Accepted:/,
		],
		// 9999-12-31 23:00 in New York is 10000-01-01 in UTC, the Kore Timezone.
		[
			{ timezone: 'America/New_York', endDateTime: '9999-12-31 23:00:00' },
			'endDateTime',
			/^End Date & Time \(9999-12-31T23:00:00-05:00\) would be sent as 10000-01-01 04:00:00 in the Kore Timezone UTC, in the year 10000; only years 1000 to 9999 can be sent\. Accepted:/,
		],
		// A start in the year 50 was sent as 1950.
		[
			{ startDateTime: '0050-02-01 09:00:00' },
			'startDateTime',
			/^Start Date & Time: "0050-02-01 09:00:00" is in the year 0050; only years 1000 to 9999 can be sent\. Accepted:/,
		],
		// A start at 1000-01-01 00:00 in Kolkata is still year 999 in UTC.
		[
			{ timezone: 'Asia/Kolkata', startDateTime: '1000-01-01 00:00:00' },
			'startDateTime',
			/^Start Date & Time \(1000-01-01T00:00:00\+05:53:28\) would be sent as 0999-12-31 18:06:32 in the Kore Timezone UTC, in the year 999;/,
		],
		[
			{ startDateTime: '2027-02-01T09:00:00+25:00' },
			'startDateTime',
			/^Start Date & Time: "2027-02-01T09:00:00\+25:00" has the offset \+25:00, which is not a real UTC offset: offsets run from -18:00 to \+18:00, with minutes from 00 to 59\. Accepted:/,
		],
		[
			{ endDateTime: '2027-03-01T09:00:00+05:99' },
			'endDateTime',
			/^End Date & Time: "2027-03-01T09:00:00\+05:99" has the offset \+05:99, which is not a real UTC offset/,
		],
	])('schedule: refuses %j for its year or offset, naming the field', (change, field, text) => {
		const error = failure({ ...daily, ...change });
		expect(error.field).toBe(field);
		expect(error.message).toMatch(text);
	});
	it('schedule: an end on the last second of 9999 in the Kore Timezone is sent', () => {
		expect(
			validateSchedule({ ...daily, timezone: 'UTC', endDateTime: '9999-12-31 23:59:59' }, NOW),
		).toMatchObject({ endDateTime: '9999-12-31 23:59:59', endLocal: '9999-12-31T23:59:59+00:00' });
	});
});
