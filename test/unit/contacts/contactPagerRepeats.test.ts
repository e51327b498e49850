/**
 * Get Contacts' pager when Kore.ai does not honour the paging parameters the node sends (`skip`,
 * `limit`; Kore documents none) and answers the first page every time.
 */
import { ContactPager } from '../../../nodes/KoreCampaign/contacts/contactPages';
import type { KoreClient } from '../../../nodes/KoreCampaign/transport/client';
import type { KoreConnection } from '../../../nodes/KoreCampaign/transport/connection';

const connection = {
	host: 'http://127.0.0.1:1',
	botId: 'st-bot',
	accountId: 'acc-1',
} as unknown as KoreConnection;

/** A client whose every getAllContacts answer is the same first page, saying there is more. */
function ignoringSkip() {
	const calls: string[] = [];
	const client = {
		connection,
		async send(request: { url: string }) {
			calls.push(request.url);
			return {
				status: 'success',
				data: {
					results: [
						{ _id: 'cc-1', phoneNumber: '+14155550001' },
						{ _id: 'cc-2', phoneNumber: '+14155550002' },
					],
					hasMore: true,
				},
			};
		},
		unreadable: () => new Error('unreadable'),
	} as unknown as KoreClient;
	return { client, calls };
}

describe('ContactPager when Kore answers the same page whatever skip says', () => {
	it('stops (or fails) once a page brings nothing new instead of reading up to 1,000 pages', async () => {
		const { client, calls } = ignoringSkip();
		const pager = new ContactPager(client, 'cl-1', 100);
		const contacts: unknown[] = [];
		while (!pager.done) contacts.push(...(await pager.next(0)));
		expect(contacts).toHaveLength(2);
		// A page of only repeats means paging does not advance: every further call is wasted
		// (1,000 calls take 17 minutes of the account's 60 per minute, shared with other workflows).
		expect(calls.length).toBeLessThanOrEqual(2);
	});
});
