import { InputError } from '../../../nodes/KoreCampaignSchedule/helpers/errors';
import type { ScheduleParameters } from '../../../nodes/KoreCampaignSchedule/helpers/validation';
import {
	campaignNameOf,
	everyN,
	validateSchedule,
	weekdaysOf,
} from '../../../nodes/KoreCampaignSchedule/helpers/validation';

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
