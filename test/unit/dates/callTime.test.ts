import { readCallTime } from '../../../nodes/KoreCampaign/dates/callTime';
import { InputError } from '../../../nodes/KoreCampaign/errors/errors';
import { thrown } from '../../helpers/thrown';

// Run under TZ=UTC, America/New_York and Asia/Kolkata by npm test: nothing may depend on it.
const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);

describe('readCallTime (Schedule Call-back)', () => {
	it.each([
		// Wall-clock time in the zone given, converted to UTC to the second.
		['2027-03-01 09:00', 'Europe/Berlin', '2027-03-01T08:00:00Z', '2027-03-01T09:00:00+01:00'],
		[
			'2027-07-01T09:30:15',
			'America/New_York',
			'2027-07-01T13:30:15Z',
			'2027-07-01T09:30:15-04:00',
		],
		['2027-01-16 00:00:00', 'Asia/Kolkata', '2027-01-15T18:30:00Z', '2027-01-16T00:00:00+05:30'],
		// An offset is that exact moment, whatever the zone.
		[
			'2027-02-01T10:00:00+05:30',
			'America/New_York',
			'2027-02-01T04:30:00Z',
			'2027-01-31T23:30:00-05:00',
		],
		['2027-02-01T10:00:00.987Z', 'UTC', '2027-02-01T10:00:00Z', '2027-02-01T10:00:00+00:00'],
	])('%s in %s is sent as %s', (value, zone, timeToContact, local) => {
		expect(readCallTime(value, zone, NOW)).toEqual({ timeToContact, local, timezone: zone });
	});

	it('reads a JavaScript Date and a luxon DateTime from an expression by their instant', () => {
		const at = new Date(Date.UTC(2027, 5, 18, 17, 55, 0));
		expect(readCallTime(at, 'Asia/Kolkata', NOW).timeToContact).toBe('2027-06-18T17:55:00Z');
	});

	it('refuses a time not in the future, naming the field; the fraction of a second does not save it', () => {
		const past = thrown(() => readCallTime('2027-01-15T12:00:00.900Z', 'UTC', NOW));
		expect(past).toBeInstanceOf(InputError);
		expect(past).toMatchObject({
			field: 'callAt',
			message:
				'Call At (2027-01-15T12:00:00+00:00) is not in the future; a call-back can only be scheduled for a later time.',
		});
		expect(readCallTime('2027-01-15T12:00:01Z', 'UTC', NOW).timeToContact).toBe(
			'2027-01-15T12:00:01Z',
		);
	});

	it('refuses an empty value, a time the clocks skip and an unknown timezone', () => {
		expect(thrown(() => readCallTime('', 'UTC', NOW))).toMatchObject({ field: 'callAt' });
		expect(thrown(() => readCallTime('2027-03-14 02:30', 'America/New_York', NOW))).toMatchObject({
			field: 'callAt',
			message: expect.stringMatching(/does not exist in America\/New_York/),
		});
		expect(thrown(() => readCallTime('2027-03-01 09:00', 'Mars/Base', NOW))).toMatchObject({
			field: 'options.timezone',
		});
	});

	it('refuses a time whose UTC year would not have four digits', () => {
		expect(thrown(() => readCallTime('9999-12-31T23:30:00-05:00', 'UTC', NOW))).toMatchObject({
			field: 'callAt',
			message: expect.stringMatching(/year 10000/),
		});
	});
});
