import { readConnection } from '../../credentials/koreConnection';
import { buildRequest, scheduleUrl } from '../../nodes/KoreCampaignSchedule/request';
import { clientCredentials, KORE } from '../helpers/fixtures';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));
const base = `https://platform.kore.ai/campaign/api/v2/public/${KORE.botId}/campaign/schedule`;

describe('scheduleUrl', () => {
	it('encodes the campaign name so that every character arrives as typed', () => {
		const name = 'Agentless Voice | Product Feedback | Jan 9 & co=1 #2 +50% 🎉';
		const url = new URL(scheduleUrl(connection, name, true));
		expect(url.searchParams.get('campaignName')).toBe(name);
		expect(url.searchParams.get('enableSchedule')).toBe('true');
		expect([...url.searchParams.keys()]).toEqual(['enableSchedule', 'campaignName']);
	});
	it('encodes the bot id as one path segment', () => {
		const odd = readConnection(clientCredentials('https://h.test', { botId: 'st-a/../b?c#d e' }));
		const url = scheduleUrl(odd, 'x', false);
		expect(url.startsWith('https://h.test/campaign/api/v2/public/st-a%2F..%2Fb%3Fc%23d%20e/campaign/schedule?')).toBe(true);
	});
});

/** How the dates were read; buildRequest sends only the UTC texts. */
const ZONES = { timezone: 'UTC', koreTimezone: 'UTC', startLocal: 'n/a', endLocal: 'n/a' };

describe('buildRequest', () => {
	it('daily', () => {
		expect(
			buildRequest(
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
		).toEqual({
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
		const req = buildRequest(
			{
				operation: 'schedule',
				campaignName: 'W',
				startDateTime: '2027-01-01 18:29:00',
				endDateTime: '2027-01-27 18:29:00',
				recurrenceObject: { recurType: 'Weekly', weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Fri'] } },
				...ZONES,
			},
			connection,
		);
		expect(req.body.recurrenceObject).toEqual({ recurType: 'Weekly', weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Fri'] } });
	});
	it('disable sends {} with enableSchedule=false', () => {
		expect(buildRequest({ operation: 'disableSchedule', campaignName: 'Old one' }, connection)).toEqual({
			method: 'POST',
			url: `${base}?enableSchedule=false&campaignName=Old%20one`,
			body: {},
		});
	});
});
