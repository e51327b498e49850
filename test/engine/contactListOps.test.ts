/**
 * Contact List → Get, Get Contacts and Delete (issue 34) through n8n's engine against the stand-in:
 * a list by From List, By Name or By ID (a name looked up once per run), Get Contacts over pages,
 * Delete's refusal of a list in use and its 404 after a lost answer.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { clientCredentials, KORE } from '../../dev/fixtures';
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
