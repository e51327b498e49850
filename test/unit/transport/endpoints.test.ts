import { readConnection } from '../../../nodes/KoreCampaign/transport/connection';
import { endpoints } from '../../../nodes/KoreCampaign/transport/endpoints';
import { clientCredentials } from '../../../dev/fixtures';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));

describe('endpoints.schedule', () => {
	it('encodes the campaign name so that every character arrives as typed', () => {
		const name = 'Agentless Voice | Product Feedback | Jan 9 & co=1 #2 +50% 🎉';
		const url = new URL(endpoints.schedule(connection, name, true));
		expect(url.searchParams.get('campaignName')).toBe(name);
		expect(url.searchParams.get('enableSchedule')).toBe('true');
		expect([...url.searchParams.keys()]).toEqual(['enableSchedule', 'campaignName']);
	});
	it('encodes the bot id as one path segment', () => {
		const odd = readConnection(clientCredentials('https://h.test', { botId: 'st-a/../b?c#d e' }));
		const url = endpoints.schedule(odd, 'x', false);
		expect(
			url.startsWith(
				'https://h.test/campaign/api/v2/public/st-a%2F..%2Fb%3Fc%23d%20e/campaign/schedule?',
			),
		).toBe(true);
	});
});

describe('every path', () => {
	const c = readConnection(
		clientCredentials('https://h.test/prefix', { botId: 'st-1', accountId: 'a/1' }),
	);
	it.each([
		[
			endpoints.listCampaigns(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/getAllCampaignDetails?accountId=a%2F1',
		],
		[
			endpoints.getCampaign(c, 'cd-1/x'),
			'/prefix/campaign/api/v2/public/st-1/campaign/cd-1%2Fx?accountId=a%2F1',
		],
		[
			endpoints.trigger(c, 'cd-1', 'voice', 'play'),
			'/prefix/campaign/api/v1/public/st-1/campaign/cd-1?campaignType=voice&trigger=play',
		],
		[
			endpoints.trigger(c, 'sms-1', 'sms', 'stop'),
			'/prefix/campaign/api/v1/public/st-1/campaign/sms-1?campaignType=sms&trigger=stop',
		],
		[
			endpoints.contactResults(c, 'cd-1'),
			'/prefix/campaign/api/v2/public/st-1/campaign/cd-1/status?view=contacts',
		],
		[
			endpoints.createContactList(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/contactList/createContactList?accountId=a%2F1',
		],
		[
			endpoints.listContactLists(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/contactList/getAllListDetails?accountId=a%2F1&type=call',
		],
		[endpoints.addContacts(c), '/prefix/api/1.1/public/st-1/campaign/contactList/addContacts'],
	])('%s', (url, path) => expect(url).toBe(`https://h.test${path}`));
});
