/**
 * Contact List → Get, Get Contacts and Delete (issue 34) through n8n's engine against the stand-in:
 * a list by From List, By Name or By ID (a name looked up once per run), Get Contacts over pages,
 * Delete's refusal of a list in use and its 404 after a lost answer.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { clientCredentials, KORE } from '../../dev/fixtures';
import { GONE_AFTER_LOST_ANSWER } from '../../nodes/KoreCampaign/actions/contactList/delete.operation';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn({
	contactLists: [
		{ name: 'Spring Leads', contacts: 3, usedBy: ['Spring Promo 1 | Voice'] },
		{ name: 'Renewals', description: 'Up for renewal' },
		{ name: 'Seven', contacts: 7 },
	],
});

const SPRING = 'cl-000001-standin';
const RENEWALS = 'cl-000002-standin';
const SEVEN = 'cl-000003-standin';

type Mode = 'list' | 'name' | 'id';
const list = (mode: Mode, value: string) => ({ __rl: true, mode, value });
const op = (
	operation: string,
	contactList: IDataObject | string,
	options: IDataObject = {},
	extra: IDataObject = {},
) => ({
	resource: 'contactList',
	operation,
	contactList,
	...extra,
	options: { requestsPerMinute: 0, ...options },
});
const paired = (out: INodeExecutionData[]) => out.map((o) => o.pairedItem);
const run = (parameters: IDataObject) =>
	runNode({ parameters, credentials: clientCredentials(kore) });
const fails = (parameters: IDataObject) =>
	runNodeExpectingError({ parameters, credentials: clientCredentials(kore) });
/** One item per locator, each with its own Contact List. */
const perItem = (
	operation: string,
	locators: IDataObject[],
	extra: IDataObject = {},
	continueOnFail = false,
) =>
	runNode({
		items: locators.map((_, i) => ({ json: { i } })),
		parameters: (i) => op(operation, locators[i], {}, extra),
		credentials: clientCredentials(kore),
		continueOnFail,
	});

describe('Get', () => {
	it('by From List, By Name and By ID: the list with its count and campaigns; one list call for the names, none for the id', async () => {
		const out = await perItem('get', [
			list('list', 'Spring Leads'),
			list('name', 'Renewals'),
			list('id', SEVEN),
		]);
		expect(out.map((o) => o.json.name)).toEqual(['Spring Leads', 'Renewals', 'Seven']);
		expect(out[0].json).toMatchObject({
			id: SPRING,
			name: 'Spring Leads',
			status: 'Ready',
			totalRecordCount: 3,
			isListInUse: true,
			campaigns: [{ id: expect.stringMatching(/^cd-/), name: 'Spring Promo 1 | Voice' }],
			listType: 'call',
			source: 'passiveApi',
		});
		expect(out[1].json).toMatchObject({
			id: RENEWALS,
			description: 'Up for renewal',
			isListInUse: false,
		});
		expect(out[2].json).toMatchObject({ id: SEVEN, totalRecordCount: 7 });
		expect(paired(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(kore.listListsCalls).toHaveLength(1);
		// Items run side by side: the id's GET need not wait for the list call.
		expect(kore.getListCalls.map((c: { path: string }) => c.path.split('/').pop()).sort()).toEqual([
			SPRING,
			RENEWALS,
			SEVEN,
		]);
	});

	it('each mode alone: From List and By Name read the lists, By ID goes straight to the GET', async () => {
		for (const [mode, value] of [
			['list', 'Renewals'],
			['name', 'Renewals'],
			['id', RENEWALS],
		] as const) {
			kore.reset();
			const out = await run(op('get', list(mode, value)));
			expect(out[0].json).toMatchObject({ id: RENEWALS, name: 'Renewals' });
			expect(kore.listListsCalls).toHaveLength(mode === 'id' ? 0 : 1);
			expect(kore.getListCalls[0].query).toEqual({ accountId: kore.accountId });
		}
	});

	it('an unknown name fails naming it; nothing but the list call is sent', async () => {
		const error = await fails(op('get', list('name', 'renewals')));
		expect(error.message).toBe('No contact list in Kore.ai is named "renewals".');
		expect(error.description).toMatch(/Kore.ai has "Renewals"/);
		expect(kore.received.map((r: IDataObject) => r.route)).toEqual(['listLists']);
	});

	it('Continue on Fail: an unknown name and an unknown id are error items in their places', async () => {
		const out = await perItem(
			'get',
			[list('name', 'Renewals'), list('name', 'Nope'), list('id', 'cl-nope'), list('id', SPRING)],
			{},
			true,
		);
		expect(paired(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0].json.name).toBe('Renewals');
		expect((out[1].json.error as IDataObject).message).toBe(
			'No contact list in Kore.ai is named "Nope".',
		);
		expect(out[2].json.error).toMatchObject({
			message: expect.stringMatching(/^Reading contact list cl-nope: .*404/),
			httpCode: '404',
		});
		expect(out[3].json.name).toBe('Spring Leads');
	});

	it('Dry Run: the GET it would send; only the list call (a read) goes out', async () => {
		const out = await run(op('get', list('name', 'Renewals'), { dryRun: true }));
		expect(out[0].json).toMatchObject({
			dryRun: true,
			id: RENEWALS,
			name: 'Renewals',
			request: {
				method: 'GET',
				url: `${kore.url}/campaign/api/v2/public/${KORE.botId}/campaign/contactList/${RENEWALS}?accountId=${kore.accountId}`,
			},
		});
		expect(kore.getListCalls).toHaveLength(0);
	});
});

describe('Get Contacts', () => {
	const contacts = (mode: Mode, value: string, extra: IDataObject, options: IDataObject = {}) =>
		op('getContacts', list(mode, value), options, extra);

	it('a page of only repeats while Kore says there is more: the walk stops there and the item fails naming what was read', async () => {
		// One contact a page, each page after the first starting one early: page 2 repeats page 1.
		kore.setContactsPaging({ cap: 1, overlap: 1 });
		const error = await fails(contacts('name', 'Seven', { returnAll: true }));
		expect(error.message).toMatch(
			/^Kore\.ai answered page 2 of list cl-000003-standin with contacts it had already handed out, so the node cannot read further; 1 contacts read\.$/,
		);
		expect(kore.listContactsCalls).toHaveLength(2);
	});

	it('Return All over capped pages with a duplicate: advances by what came back, every contact once, in order', async () => {
		kore.setContactsPaging({ cap: 3, overlap: 1 });
		const out = await run(contacts('name', 'Seven', { returnAll: true }));
		const expected = kore.contactsOf('Seven').map((c: IDataObject) => c._id);
		expect(out.map((o) => o.json.id)).toEqual(expected);
		expect(new Set(expected).size).toBe(7);
		expect(out[0].json).toEqual({
			id: expected[0],
			phoneNumber: expect.stringMatching(/^\+\d+$/),
			firstName: 'Contact 1',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			contactListId: SEVEN,
		});
		expect(
			out.every((o) => o.pairedItem && (o.pairedItem as unknown as IDataObject).item === 0),
		).toBe(true);
		expect(kore.listContactsCalls.map((c: IDataObject) => c.query)).toEqual(
			[0, 3, 6].map((skip) => ({ accountId: kore.accountId, skip: String(skip), limit: '100' })),
		);
		expect(kore.listListsCalls).toHaveLength(1);
	});

	it('Limit: stops once it has enough, asking no more than the Limit per page', async () => {
		kore.setContactsPaging({ cap: 3, overlap: 1 });
		const out = await run(contacts('id', SEVEN, { limit: 4 }));
		expect(out.map((o) => o.json.id)).toEqual(
			kore
				.contactsOf('Seven')
				.slice(0, 4)
				.map((c: IDataObject) => c._id),
		);
		expect(kore.listContactsCalls.map((c: { query: IDataObject }) => c.query.skip)).toEqual([
			'0',
			'3',
		]);
		expect(kore.listContactsCalls[0].query.limit).toBe('4');
		expect(kore.listListsCalls).toHaveLength(0);
	});

	it('an empty list gives no items; an unknown id fails with 404', async () => {
		expect(await run(contacts('list', 'Renewals', { returnAll: true }))).toEqual([]);
		const error = await fails(contacts('id', 'cl-nope', { returnAll: true }));
		expect(error.message).toMatch(/^Reading contacts of list cl-nope, page 1: .*404/);
	});

	it('Continue on Fail: an unknown name is an error item in its place, the others get their contacts', async () => {
		const out = await perItem(
			'getContacts',
			[list('list', 'Spring Leads'), list('name', 'Nope'), list('name', 'Seven')],
			{ returnAll: true },
			true,
		);
		expect(out.map((o) => (o.pairedItem as unknown as IDataObject).item)).toEqual([
			0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2,
		]);
		expect((out[3].json.error as IDataObject).message).toBe(
			'No contact list in Kore.ai is named "Nope".',
		);
		expect(kore.listListsCalls).toHaveLength(1);
	});

	it('Dry Run: the first page request; no contacts are read', async () => {
		const out = await run(contacts('name', 'Seven', { limit: 20 }, { dryRun: true }));
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({
			dryRun: true,
			id: SEVEN,
			request: {
				method: 'GET',
				url: expect.stringMatching(
					new RegExp(`/contactList/${SEVEN}/getAllContacts\\?accountId=[^&]+&skip=0&limit=20$`),
				),
			},
		});
		expect(kore.listContactsCalls).toHaveLength(0);
	});
});

describe('Delete', () => {
	const del = (mode: Mode, value: string, options: IDataObject = {}) =>
		op('delete', list(mode, value), options);

	it('deletes by name; deleting again changes nothing and says the list is not there', async () => {
		const out = await run(del('name', 'Renewals'));
		expect(out[0].json).toEqual({
			id: RENEWALS,
			name: 'Renewals',
			deleted: true,
			message: 'Contact list Renewals deleted successfully',
			callSentByItem: 0,
		});
		expect(kore.contactLists.map((l: IDataObject) => l.name)).toEqual(['Spring Leads', 'Seven']);
		const again = await fails(del('name', 'Renewals'));
		expect(again.message).toBe('No contact list in Kore.ai is named "Renewals".');
		const byId = await fails(del('id', RENEWALS));
		expect(byId.message).toBe(`Kore.ai lists no contact list with the id "${RENEWALS}".`);
		expect(byId.description).toMatch(/^It may have been deleted already/);
		expect(kore.deleteListCalls).toHaveLength(1);
		expect(kore.contactLists.map((l: IDataObject) => l.name)).toEqual(['Spring Leads', 'Seven']);
	});

	it('deletes by From List and By ID', async () => {
		const out = await perItem('delete', [list('list', 'Seven'), list('id', RENEWALS)]);
		expect(out.map((o) => [o.json.id, o.json.deleted])).toEqual([
			[SEVEN, true],
			[RENEWALS, true],
		]);
		expect(kore.deleteListCalls.map((c: IDataObject) => c.query)).toEqual([
			{ accountId: kore.accountId },
			{ accountId: kore.accountId },
		]);
		expect(kore.listListsCalls).toHaveLength(1);
	});

	it('a 404 after an attempt whose answer was lost: the first attempt deleted it, output as deleted and said so', async () => {
		kore.failRoute('deleteList', { kind: 'hang', apply: true });
		const out = await run(del('name', 'Seven', { timeout: 1, maxRetries: 3 }));
		expect(kore.deleteListCalls.map((c: IDataObject) => c.path)).toEqual([
			expect.stringMatching(new RegExp(`/contactList/${SEVEN}$`)),
			expect.stringMatching(new RegExp(`/contactList/${SEVEN}$`)),
		]);
		expect(out[0].json).toEqual({
			id: SEVEN,
			name: 'Seven',
			deleted: true,
			message: GONE_AFTER_LOST_ANSWER,
			callSentByItem: 0,
		});
		expect(kore.contactsOf('Seven')).toEqual([]);
	});

	it('a 404 without a lost answer (deleted elsewhere meanwhile) is an error, not "deleted"', async () => {
		kore.failRoute('deleteList', {
			status: 404,
			body: { status: 'failure', message: `Contact list ${SEVEN} not found` },
		});
		const error = await fails(del('name', 'Seven'));
		expect(error.message).toMatch(/^Deleting contact list "Seven" \(cl-000003-standin\): .*404/);
		expect(error.description).toMatch(/it may have been deleted already/);
	});

	it('a list a campaign uses is refused before sending, naming the campaign', async () => {
		for (const ref of [list('name', 'Spring Leads'), list('id', SPRING)]) {
			const error = await fails(op('delete', ref));
			expect(error.message).toMatch(
				/^Contact list "Spring Leads" is used by the campaign "Spring Promo 1 \| Voice" \(cd-[^)]+\); nothing was deleted\.$/,
			);
			expect(error.description).toMatch(/^Remove the list from these campaigns/);
		}
		expect(kore.deleteListCalls).toHaveLength(0);
		expect(kore.contactsOf('Spring Leads')).toHaveLength(3);
	});

	it('Continue on Fail: a list in use and an unknown name are error items in their places; the others are deleted', async () => {
		const out = await perItem(
			'delete',
			['Renewals', 'Spring Leads', 'Nope', 'Seven'].map((name) => list('name', name)),
			{},
			true,
		);
		expect(paired(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out.map((o) => o.json.deleted ?? (o.json.error as IDataObject).message)).toEqual([
			true,
			expect.stringMatching(/^Contact list "Spring Leads" is used by/),
			'No contact list in Kore.ai is named "Nope".',
			true,
		]);
		expect(kore.deleteListCalls).toHaveLength(2);
	});

	it('Dry Run: the DELETE it would send; nothing is deleted', async () => {
		const out = await run(del('name', 'Seven', { dryRun: true }));
		expect(out[0].json).toMatchObject({
			dryRun: true,
			id: SEVEN,
			name: 'Seven',
			request: {
				method: 'DELETE',
				url: expect.stringMatching(new RegExp(`/contactList/${SEVEN}\\?accountId=`)),
			},
		});
		expect(kore.deleteListCalls).toHaveLength(0);
		expect(kore.contactsOf('Seven')).toHaveLength(7);
	});
});
