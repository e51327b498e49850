import { readConnection } from '../../../nodes/KoreCampaignSchedule/transport/connection';
import { scheduleUrl } from '../../../nodes/KoreCampaignSchedule/transport/endpoints';
import { clientCredentials } from '../../../dev/fixtures';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));

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
		expect(
			url.startsWith(
				'https://h.test/campaign/api/v2/public/st-a%2F..%2Fb%3Fc%23d%20e/campaign/schedule?',
			),
		).toBe(true);
	});
});
