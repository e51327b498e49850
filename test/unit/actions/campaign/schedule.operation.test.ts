import { readConnection } from '../../../../nodes/KoreCampaign/transport/connection';
import { scheduleRequest } from '../../../../nodes/KoreCampaign/actions/campaign/schedule.operation';
import { clientCredentials, KORE } from '../../../../dev/fixtures';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));
const base = `https://platform.kore.ai/campaign/api/v2/public/${KORE.botId}/campaign/schedule`;

/** How the dates were read; scheduleRequest sends only the UTC texts. */
const ZONES = { timezone: 'UTC', koreTimezone: 'UTC', startLocal: 'n/a', endLocal: 'n/a' };

describe('scheduleRequest (Schedule)', () => {
	it('daily', () => {
		expect(
			scheduleRequest(
				{
					operation: 'schedule',
					campaignName: 'Spring',
					startDateTime: '2027-01-27 18:29:00',
					endDateTime: '2027-02-27 18:29:00',
					recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 1 } },
					...ZONES,
				},
				connection,
			),
		).toMatchObject({
			repeatable: true,
			method: 'POST',
			url: `${base}?enableSchedule=true&campaignName=Spring`,
			body: {
				startDateTime: '2027-01-27 18:29:00',
				endDateTime: '2027-02-27 18:29:00',
				recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 1 } },
			},
		});
	});
	it('weekly keeps weeklyDetails as Kore samples it', () => {
		const req = scheduleRequest(
			{
				operation: 'schedule',
				campaignName: 'W',
				startDateTime: '2027-01-01 18:29:00',
				endDateTime: '2027-01-27 18:29:00',
				recurrenceObject: {
					recurType: 'Weekly',
					weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Fri'] },
				},
				...ZONES,
			},
			connection,
		);
		expect((req.body as { recurrenceObject: unknown }).recurrenceObject).toEqual({
			recurType: 'Weekly',
			weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Fri'] },
		});
	});
});
