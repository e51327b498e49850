import { readContactListRef } from '../../../nodes/KoreCampaign/contacts/contactListTarget';
import {
	contactIdOf,
	contactsPageRequest,
	readContactsPage,
} from '../../../nodes/KoreCampaign/contacts/contactPages';
import type { KoreConnection } from '../../../nodes/KoreCampaign/transport/connection';
import { thrown } from '../../helpers/thrown';

const refOf = (contactList: unknown) =>
	readContactListRef(
		(name, _item, fallback) => (name === 'contactList' ? contactList : fallback),
		0,
	);

describe('readContactListRef: the Contact List locator as a name or an id', () => {
	it.each([
		['Leads', { by: 'name', name: 'Leads' }],
		[
			{ __rl: true, mode: 'list', value: 'Spring Leads' },
			{ by: 'name', name: 'Spring Leads' },
		],
		[
			{ __rl: true, mode: 'name', value: ' Renewals ' },
			{ by: 'name', name: 'Renewals' },
		],
		[
			{ __rl: true, mode: 'id', value: ' cl-1 ' },
			{ by: 'id', id: 'cl-1' },
		],
	])('%j reads as %j', (value, expected) => expect(refOf(value)).toEqual(expected));

	it.each([
		[{ __rl: true, mode: 'id', value: '' }, /^Contact List ID is empty: /],
		[{ __rl: true, mode: 'id', value: 7 }, /^Contact List ID got 7: /],
		[{ __rl: true, mode: 'name', value: '  ' }, /^Contact List is empty: /],
	])('%j is refused', (value, message) =>
		expect(thrown(() => refOf(value)).message).toMatch(message),
	);
});

describe('Get Contacts paging', () => {
	const connection = {
		host: 'https://kore.example',
		botId: 'st-1',
		accountId: 'acc 1',
	} as KoreConnection;

	it('sends skip and limit as query parameters after accountId', () => {
		expect(contactsPageRequest(connection, 'cl/1', 200, 100, 3)).toMatchObject({
			method: 'GET',
			url: 'https://kore.example/campaign/api/v2/public/st-1/campaign/contactList/cl%2F1/getAllContacts?accountId=acc%201&skip=200&limit=100',
			repeatable: true,
			label: 'Reading contacts of list cl/1, page 3',
		});
	});

	it('reads data.results and hasMore; anything else is not a page', () => {
		expect(readContactsPage({ data: { results: [{ _id: 'cc-1' }], hasMore: true } })).toEqual({
			results: [{ _id: 'cc-1' }],
			hasMore: true,
		});
		expect(readContactsPage({ data: { results: [] } })).toEqual({ results: [], hasMore: false });
		for (const answer of [{}, { data: [] }, { data: { results: [1] } }, { data: { results: {} } }])
			expect(readContactsPage(answer)).toBeUndefined();
		expect(contactIdOf({ _id: 'cc-1' })).toBe('cc-1');
		expect(contactIdOf({ id: 5 })).toBe('');
	});
});
