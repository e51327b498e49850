import { readConnection } from '../../../nodes/KoreCampaign/transport/connection';
import { getCampaignUrl } from '../../../nodes/KoreCampaign/campaigns/campaignTarget';
import { listCampaignsUrl } from '../../../nodes/KoreCampaign/campaigns/campaignList';
import { listContactListsUrl } from '../../../nodes/KoreCampaign/contacts/contactLists';
import { scheduleUrl } from '../../../nodes/KoreCampaign/actions/campaign/campaignCall';
import { triggerUrl } from '../../../nodes/KoreCampaign/actions/campaign/campaignTrigger';
import { contactResultsUrl } from '../../../nodes/KoreCampaign/actions/campaign/getResults.operation';
import { callBackUrl } from '../../../nodes/KoreCampaign/actions/campaign/scheduleCallback.operation';
import { addContactsUrl } from '../../../nodes/KoreCampaign/actions/contactList/addContacts.operation';
import { createContactListUrl } from '../../../nodes/KoreCampaign/actions/contactList/create.operation';
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

describe('every path', () => {
	const c = readConnection(
		clientCredentials('https://h.test/prefix', { botId: 'st-1', accountId: 'a/1' }),
	);
	it.each([
		[
			listCampaignsUrl(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/getAllCampaignDetails?accountId=a%2F1',
		],
		[
			getCampaignUrl(c, 'cd-1/x'),
			'/prefix/campaign/api/v2/public/st-1/campaign/cd-1%2Fx?accountId=a%2F1',
		],
		[
			triggerUrl(c, 'cd-1', 'voice', 'play'),
			'/prefix/campaign/api/v1/public/st-1/campaign/cd-1?campaignType=voice&trigger=play',
		],
		[
			triggerUrl(c, 'sms-1', 'sms', 'stop'),
			'/prefix/campaign/api/v1/public/st-1/campaign/sms-1?campaignType=sms&trigger=stop',
		],
		[
			contactResultsUrl(c, 'cd-1'),
			'/prefix/campaign/api/v2/public/st-1/campaign/cd-1/status?view=contacts',
		],
		[
			callBackUrl(c, 'cid-1/x'),
			'/prefix/campaign/api/v2/public/st-1/campaign/cid-1%2Fx/callContactAt?accountId=a%2F1',
		],
		[
			createContactListUrl(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/contactList/createContactList?accountId=a%2F1',
		],
		[
			listContactListsUrl(c),
			'/prefix/campaign/api/v2/public/st-1/campaign/contactList/getAllListDetails?accountId=a%2F1&type=call',
		],
		[addContactsUrl(c), '/prefix/api/1.1/public/st-1/campaign/contactList/addContacts'],
	])('%s', (url, path) => expect(url).toBe(`https://h.test${path}`));
});
