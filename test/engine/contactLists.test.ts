/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * Contact lists (issue 24): Create (get-or-create), Get Many, and Add Contacts in batches through
 * n8n's engine against the stand-in, which keeps lists and their contacts and records each
 * add-contacts call.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { editorContext, runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { KoreCampaignSchedule } from '../../nodes/KoreCampaign/KoreCampaignSchedule.node';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();

const phone = (i: number) => `+1555${String(i).padStart(7, '0')}`;
const rows = (n: number, row: (i: number) => IDataObject = (i) => ({ phone: phone(i) })) =>
	Array.from({ length: n }, (_, i) => ({ json: row(i) }));
const add = (list: unknown, options: IDataObject = {}, extra: IDataObject = {}) => ({
	resource: 'contactList',
	operation: 'addContacts',
	contactList: { __rl: true, mode: 'name', value: list },
	phoneNumber: '={{ $json.phone }}',
	...extra,
	options: { requestsPerMinute: 0, ...options },
});
type Call = { body: { contact_list_name: string; data: IDataObject[] }; status: number };
const calls = (): Call[] => kore.addContactsCalls;
const paired = (out: INodeExecutionData[]) => out.map((o) => o.pairedItem);
const inOrder = (n: number) => Array.from({ length: n }, (_, i) => ({ item: i }));

describe('Add Contacts', () => {
	it('250 rows at the default batch size: 3 calls of 100, 100 and 50; one output per row, paired, in order', async () => {
		const out = await runNode({
			items: rows(250),
			parameters: add('Renewals'),
			credentials: clientCredentials(kore),
		});
		expect(calls().map((c) => c.body.data.length)).toEqual([100, 100, 50]);
		expect(calls().every((c) => c.body.contact_list_name === 'Renewals')).toBe(true);
		expect(calls().flatMap((c) => c.body.data.map((d) => d.phoneNumber))).toEqual(
			Array.from({ length: 250 }, (_, i) => phone(i)),
		);
		expect(out).toHaveLength(250);
		expect(paired(out)).toEqual(inOrder(250));
		expect(out[0].json).toEqual({
			contactList: 'Renewals',
			phoneNumber: phone(0),
			batch: 1,
			batchSize: 100,
			status: 'accepted',
			message: 'Adding contacts to public list is in progress',
		});
		expect(out[249].json).toMatchObject({ phoneNumber: phone(249), batch: 3, batchSize: 50 });
		expect(out.map((o) => o.json.batch)).toEqual([
			...Array(100).fill(1),
			...Array(100).fill(2),
			...Array(50).fill(3),
		]);
		expect(kore.contactsOf('Renewals')).toHaveLength(250);
	});

	it('two lists interleaved: grouped per list into batches in input order; outputs in input order, each paired to its row', async () => {
		const list = (i: number) => (i % 3 === 1 ? 'Spring Leads' : 'Renewals');
		const out = await runNode({
			items: rows(9, (i) => ({ phone: phone(i), list: list(i) })),
			parameters: add('={{ $json.list }}', { batchSize: 4 }),
			credentials: clientCredentials(kore),
		});
		const renewals = [0, 2, 3, 5, 6, 8];
		const spring = [1, 4, 7];
		expect(
			calls().map((c) => [c.body.contact_list_name, c.body.data.map((d) => d.phoneNumber)]),
		).toEqual([
			['Renewals', renewals.slice(0, 4).map(phone)],
			['Renewals', renewals.slice(4).map(phone)],
			['Spring Leads', spring.map(phone)],
		]);
		expect(paired(out)).toEqual(inOrder(9));
		expect(out.map((o) => [o.json.contactList, o.json.phoneNumber, o.json.batch])).toEqual(
			Array.from({ length: 9 }, (_, i) => [
				list(i),
				phone(i),
				list(i) === 'Spring Leads' ? 3 : renewals.indexOf(i) < 4 ? 1 : 2,
			]),
		);
		expect(out.map((o) => o.json.batchSize)).toEqual([4, 3, 4, 4, 3, 4, 2, 3, 2]);
	});

	it('sends the additional fields given, normalised phone numbers, and nothing for empty cells', async () => {
		const out = await runNode({
			items: [
				{
					json: {
						phone: '+1 (415) 555-0123',
						first: 'Ada',
						last: ' Lovelace ',
						id: 42,
						zone: 'America/New_York',
						priority: '3',
					},
				},
				{
					json: { phone: '+49.30.1234567', first: '', last: null, id: '', zone: '', priority: '' },
				},
			],
			parameters: add(
				'Renewals',
				{},
				{
					additionalFields: {
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						uniqueId: '={{ $json.id }}',
						timeZone: '={{ $json.zone }}',
						contactPriority: '={{ $json.priority }}',
					},
				},
			),
			credentials: clientCredentials(kore),
		});
		expect(calls()).toHaveLength(1);
		expect(calls()[0].body.data).toEqual([
			{
				phoneNumber: '+14155550123',
				firstName: 'Ada',
				lastName: 'Lovelace',
				uniqueId: '42',
				timeZone: 'America/New_York',
				contactPriority: 3,
			},
			{ phoneNumber: '+49301234567' },
		]);
		expect(out.map((o) => o.json.phoneNumber)).toEqual(['+14155550123', '+49301234567']);
	});

	it('a bad phone number without Continue on Fail: the run fails naming the value, nothing is sent', async () => {
		const error = await runNodeExpectingError({
			items: rows(5, (i) => ({ phone: i === 3 ? '0171 555' : phone(i) })),
			parameters: add('Renewals'),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(
			/^Phone Number: "0171 555" is not a phone number Kore.ai can dial\. Use the international \(E\.164\) form/,
		);
		expect(error.context.itemIndex).toBe(3);
		expect(error.description).toMatch(/Fix the "phoneNumber" parameter for this item/);
		expect(kore.received).toHaveLength(0);
	});

	it('bad rows with Continue on Fail: each is an error item in its place, the rest are sent in one batch', async () => {
		const bad: Record<number, string | number> = {
			1: '12345',
			4: '',
			6: '+1 555 CALL NOW',
			7: 4915112345678,
		};
		const out = await runNode({
			items: rows(9, (i) => ({ phone: i in bad ? bad[i] : phone(i) })),
			parameters: add('Renewals'),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(paired(out)).toEqual(inOrder(9));
		expect(calls()).toHaveLength(1);
		expect(calls()[0].body.data.map((d) => d.phoneNumber)).toEqual([0, 2, 3, 5, 8].map(phone));
		expect(out[1].json).toEqual({
			error: {
				message: expect.stringMatching(
					/^Phone Number: "12345" is not a phone number Kore.ai can dial/,
				),
				description: expect.stringMatching(/Fix the "phoneNumber" parameter/),
			},
		});
		const message = (i: number) => (out[i].json.error as IDataObject).message;
		expect(message(4)).toMatch(/^Phone Number is empty\./);
		expect(message(6)).toMatch(/"\+1 555 CALL NOW"/);
		expect(message(7)).toMatch(/^Phone Number: 4915112345678 is not/);
		expect(out[8].json).toMatchObject({
			phoneNumber: phone(8),
			batch: 1,
			batchSize: 5,
			status: 'accepted',
		});
	});

	it('a "(0)" after the country code is dropped before sending; a "+0…" row fails naming its value', async () => {
		const given = ['+44 (0)20 7946 0958', '+0123456789', '+49 (0) 30 1234567', '+39 06 1234 5678'];
		const out = await runNode({
			items: given.map((p) => ({ json: { phone: p } })),
			parameters: add('Renewals'),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(paired(out)).toEqual(inOrder(4));
		expect(calls()).toHaveLength(1);
		expect(calls()[0].body.data).toEqual([
			{ phoneNumber: '+442079460958' },
			{ phoneNumber: '+49301234567' },
			{ phoneNumber: '+390612345678' },
		]);
		expect(out.map((o) => o.json.phoneNumber)).toEqual([
			'+442079460958',
			undefined,
			'+49301234567',
			'+390612345678',
		]);
		expect(out[1].json).toEqual({
			error: {
				message: expect.stringMatching(
					/^Phone Number: "\+0123456789" is not a phone number Kore.ai can dial: no country code starts with 0\./,
				),
				description: expect.stringMatching(/Fix the "phoneNumber" parameter/),
			},
		});
		expect(kore.contactsOf('Renewals').map((c: IDataObject) => c.phoneNumber)).toEqual([
			'+442079460958',
			'+49301234567',
			'+390612345678',
		]);
	});

	it.each([
		[
			{ timeZone: 'Mars/Base' },
			/^Time Zone: "Mars\/Base" is not a known IANA timezone/,
			'additionalFields.timeZone',
		],
		[
			{ contactPriority: 0 },
			/^Contact Priority must be a whole number from 1 to 100; got 0\./,
			'additionalFields.contactPriority',
		],
		[
			{ firstName: '={{ { a: 1 } }}' },
			/^First Name: got \{"a":1\}; use text/,
			'additionalFields.firstName',
		],
	])('checks the additional field %j before sending', async (fields, message, field) => {
		const error = await runNodeExpectingError({
			items: rows(2),
			parameters: add('Renewals', {}, { additionalFields: fields }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(message);
		expect(error.description).toContain(`"${field}"`);
		expect(kore.received).toHaveLength(0);
	});

	it('checks Batch Size and the list name before sending', async () => {
		for (const [parameters, message] of [
			[
				add('Renewals', { batchSize: 1001 }),
				/^Batch Size must be a whole number from 1 to 1000; got 1001\./,
			],
			[add('={{ "  " }}'), /^Contact List is empty: enter the exact name of the contact list/],
		] as const) {
			const error = await runNodeExpectingError({
				items: rows(1),
				parameters,
				credentials: clientCredentials(kore),
			});
			expect(error.message).toMatch(message);
		}
		expect(kore.received).toHaveLength(0);
	});

	it('a failed batch: each of its items is an error item with the batch failure (Continue on Fail); the other batches are added', async () => {
		kore.failRoute('addContacts', {
			status: 400,
			body: { status: 'failure', message: 'Invalid contact data' },
		});
		const out = await runNode({
			items: rows(25),
			parameters: add('Renewals', { batchSize: 10, maxConcurrency: 1 }),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(calls().map((c) => [c.status, c.body.data.length])).toEqual([
			[400, 10],
			[200, 10],
			[200, 5],
		]);
		expect(out).toHaveLength(25);
		expect(paired(out)).toEqual(inOrder(25));
		for (const o of out.slice(0, 10)) {
			expect(o.json).toEqual({
				error: {
					message:
						'Contact list "Renewals", batch 1 (10 contacts): Kore.ai answered HTTP 400: Invalid contact data',
					description: expect.stringMatching(
						/^Kore.ai did not accept this batch for the list "Renewals"/,
					),
					httpCode: '400',
				},
			});
		}
		expect(out.slice(10).every((o) => o.json.status === 'accepted')).toBe(true);
		expect(kore.contactsOf('Renewals')).toHaveLength(15);
	});

	it("a failed batch without Continue on Fail stops the run; the error is about the batch's first item", async () => {
		kore.failRoute('addContacts', {
			status: 400,
			body: { status: 'failure', message: 'Invalid contact data' },
		});
		const error = await runNodeExpectingError({
			items: rows(25),
			parameters: add('Renewals', { batchSize: 10, requestsPerMinute: 60 }),
			credentials: clientCredentials(kore),
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'Contact list "Renewals", batch 1 (10 contacts): Kore.ai answered HTTP 400: Invalid contact data',
		);
		expect(error.context.itemIndex).toBe(0);
		// At 60/min the next batches were still waiting for their turn: abandoned, never sent.
		expect(calls()).toHaveLength(1);
	});

	it('a failed batch without Continue on Fail: the error names the batches Kore.ai had already accepted', async () => {
		// Renewals' batches 1 and 2 go first and are accepted; batch 3, for a list Kore does not know, fails.
		const list = (i: number) => (i < 15 ? 'Renewals' : 'No Such List');
		const error = await runNodeExpectingError({
			items: rows(17, (i) => ({ phone: phone(i), list: list(i) })),
			parameters: add('={{ $json.list }}', { batchSize: 10, maxConcurrency: 1 }),
			credentials: clientCredentials(kore),
		});
		expect(calls().map((c) => [c.body.contact_list_name, c.status])).toEqual([
			['Renewals', 200],
			['Renewals', 200],
			['No Such List', 404],
		]);
		expect(error.message).toMatch(/^Contact list "No Such List", batch 3 \(2 contacts\): /);
		expect(error.context.itemIndex).toBe(15);
		expect(error.description).toMatch(/^Kore.ai found no contact list named "No Such List"/);
		expect(error.description).toContain(
			'Before the run stopped, Kore.ai accepted 2 calls of it that must not be sent again (input items 0–14): Contact list "Renewals", batch 1 (10 contacts); Contact list "Renewals", batch 2 (5 contacts). Input items not done: 15–16.',
		);
		expect(error.description).toMatch(/Running the same input again sends them all again/);
		expect(error.description).not.toMatch(/may also have carried out/);
		expect(kore.contactsOf('Renewals')).toHaveLength(15);
	});

	it('a failure while another batch hangs: the error says that batch may have been added', async () => {
		// Two batches at once: the first to arrive hangs (taking effect), the other is refused at
		// once. The refusal must be the first failure, so the hang's Timeout leaves it 10 s of room
		// on a busy machine.
		kore.failRoute(
			'addContacts',
			{ kind: 'hang', apply: true },
			{ status: 400, body: { status: 'failure', message: 'Invalid contact data' } },
		);
		const error = await runNodeExpectingError({
			items: rows(20),
			parameters: add('Renewals', { batchSize: 10, maxConcurrency: 2, timeout: 10 }),
			credentials: clientCredentials(kore),
		});
		expect(calls()).toHaveLength(2);
		const refused =
			/^Contact list "Renewals", batch (\d) \(10 contacts\): Kore.ai answered HTTP 400/.exec(
				error.message,
			);
		expect(refused).not.toBeNull();
		const hung = refused?.[1] === '1' ? 2 : 1;
		expect(error.description).toContain(
			`Kore.ai may also have carried out a call whose answer did not come back: Contact list "Renewals", batch ${hung} (10 contacts).`,
		);
		expect(error.description).not.toMatch(/accepted/);
	}, 60_000);

	it('a batch that hangs is sent once, not retried; its items say the contacts may have been added', async () => {
		// The call takes effect and its answer is lost: the worst case for repeating it.
		kore.failRoute('addContacts', { kind: 'hang', apply: true });
		const out = await runNode({
			items: rows(15),
			parameters: add('Spring Leads', { batchSize: 10, timeout: 1, maxRetries: 3 }),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(calls().map((c) => c.body.data.length)).toEqual([10, 5]);
		expect(paired(out)).toEqual(inOrder(15));
		for (const o of out.slice(0, 10)) {
			expect((o.json.error as IDataObject).message).toMatch(
				/^Contact list "Spring Leads", batch 1 \(10 contacts\): .*Kore.ai may have carried it out$/,
			);
			const description = (o.json.error as IDataObject).description;
			expect(description).toMatch(
				/The contacts of this batch may have been added to "Spring Leads"/,
			);
			expect(description).toMatch(/on a list that allows duplicates they would be added twice/);
			expect(description).not.toMatch(/safe/);
			expect(description).not.toMatch(/does no harm/);
		}
		expect(out.slice(10).every((o) => o.json.status === 'accepted')).toBe(true);
		// 3 contacts there before, 10 from the lost answer, 5 more.
		expect(kore.contactsOf('Spring Leads')).toHaveLength(18);
	});

	it('a list name Kore does not know: every item of its batches fails with advice to create it; other lists go on', async () => {
		const list = (i: number) => (i < 3 ? 'No Such List' : 'Renewals');
		const out = await runNode({
			items: rows(5, (i) => ({ phone: phone(i), list: list(i) })),
			parameters: add('={{ $json.list }}'),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(calls().map((c) => [c.body.contact_list_name, c.status])).toEqual([
			['No Such List', 404],
			['Renewals', 200],
		]);
		for (const o of out.slice(0, 3)) {
			expect((o.json.error as IDataObject).message).toMatch(
				/^Contact list "No Such List", batch 1 \(3 contacts\): Kore.ai answered HTTP 404/,
			);
			expect((o.json.error as IDataObject).description).toMatch(
				/^Kore.ai found no contact list named "No Such List".*Contact List → Create, If the List Exists → Use Existing/,
			);
		}
		expect(out.slice(3).map((o) => o.json.status)).toEqual(['accepted', 'accepted']);
		const error = await runNodeExpectingError({
			items: rows(2),
			parameters: add('No Such List'),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(
			/^Contact list "No Such List", batch 1 \(2 contacts\): Kore.ai answered HTTP 404/,
		);
	});

	it('Dry Run: nothing is sent; every row gets its output, the first of each batch carries the batch request', async () => {
		const out = await runNode({
			items: rows(150),
			parameters: add('Renewals', { dryRun: true }),
			credentials: clientCredentials(kore),
		});
		expect(kore.received).toHaveLength(0);
		expect(out).toHaveLength(150);
		expect(paired(out)).toEqual(inOrder(150));
		const requests = out.filter((o) => o.json.request !== undefined);
		expect(requests.map((o) => [o.json.phoneNumber, o.json.batch])).toEqual([
			[phone(0), 1],
			[phone(100), 2],
		]);
		const request = requests[0].json.request as IDataObject;
		expect(request).toMatchObject({
			method: 'POST',
			url: `${kore.url}/api/1.1/public/${encodeURIComponent(clientCredentials(kore).botId as string)}/campaign/contactList/addContacts`,
			headers: { auth: '[redacted]' },
		});
		expect((request.body as IDataObject).contact_list_name).toBe('Renewals');
		expect(((request.body as IDataObject).data as IDataObject[]).length).toBe(100);
		expect(out[1].json).toEqual({
			dryRun: true,
			contactList: 'Renewals',
			phoneNumber: phone(1),
			batch: 1,
			batchSize: 100,
		});
	});

	it("n8n's Stop: batches waiting for their turn are abandoned, nothing more is sent", async () => {
		let stop: () => void = () => undefined;
		const stopWhen = new Promise<void>((resolve) => (stop = resolve));
		kore.onRequest = () => {
			if (calls().length === 1) stop();
		};
		const { run } = await runWorkflow({
			items: rows(50),
			parameters: add('Renewals', { batchSize: 10, requestsPerMinute: 60 }),
			credentials: clientCredentials(kore),
			stopWhen,
		}).finally(() => {
			kore.onRequest = undefined;
		});
		expect(run.status).toBe('canceled');
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(calls()).toHaveLength(1);
	});
});

const create = (listName: string, options: IDataObject = {}) => ({
	resource: 'contactList',
	operation: 'create',
	listName,
	options: { requestsPerMinute: 0, ...options },
});

describe('Create', () => {
	it('two rows naming the same new list, Use Existing: one create, both rows get the list', async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: create('Twice', { ifExists: 'useExisting' }),
			credentials: clientCredentials(kore),
		});
		expect(kore.createListCalls.map((c: { body: IDataObject }) => c.body.name)).toEqual(['Twice']);
		expect(out.map((o) => [o.json.name, o.json.created, o.pairedItem])).toEqual([
			['Twice', true, { item: 0 }],
			['Twice', false, { item: 1 }],
		]);
		expect(out[1].json.id).toBe(out[0].json.id);
	});

	it("two rows naming the same new list, If Exists = Fail: one create; the second row gets the node's own message", async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: create('Twice'),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(kore.createListCalls).toHaveLength(1);
		expect(out[0].json.created).toBe(true);
		expect(out[1].json).toMatchObject({
			error: { message: expect.stringMatching(/^Contact list "Twice" already exists \(cl-/) },
		});
	});

	it('creates a list for API uploads: looks the name up first, then one create call', async () => {
		const out = await runNode({
			parameters: create('Leads 2027-03-01', { description: 'From the sheet' }),
			credentials: clientCredentials(kore),
		});
		expect(kore.listListsCalls).toHaveLength(1);
		expect(kore.createListCalls.map((c: { body: IDataObject }) => c.body)).toEqual([
			{
				name: 'Leads 2027-03-01',
				description: 'From the sheet',
				source: 'passiveApi',
				allowDuplicates: false,
			},
		]);
		const made = kore.contactLists.find((l: IDataObject) => l.name === 'Leads 2027-03-01');
		expect(out.map((o) => o.json)).toEqual([
			{
				id: made._id,
				name: 'Leads 2027-03-01',
				description: 'From the sheet',
				status: 'Ready',
				totalRecordCount: 0,
				isListInUse: false,
				campaigns: [],
				allowDuplicates: false,
				created: true,
				message: 'Contact list Leads 2027-03-01 created successfully',
			},
		]);
		expect(String(out[0].json.id)).toMatch(/^cl-/);
	});

	it('If the List Exists → Fail (the default): an error for the item, nothing created', async () => {
		const error = await runNodeExpectingError({
			parameters: create('Spring Leads'),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(
			/^Contact list "Spring Leads" already exists \(cl-.*\); nothing was created\.$/,
		);
		expect(error.description).toMatch(/If the List Exists to Use Existing/);
		expect(kore.createListCalls).toHaveLength(0);
	});

	it('If the List Exists → Use Existing: the list that is there, its settings unchanged; a new name is created', async () => {
		const out = await runNode({
			items: [{ json: { name: 'Spring Leads' } }, { json: { name: 'Brand New' } }],
			parameters: create('={{ $json.name }}', { ifExists: 'useExisting', allowDuplicates: true }),
			credentials: clientCredentials(kore),
		});
		const spring = kore.contactLists.find((l: IDataObject) => l.name === 'Spring Leads');
		expect(out[0].json).toEqual({
			id: spring._id,
			name: 'Spring Leads',
			description: spring.description,
			status: 'Ready',
			totalRecordCount: 3,
			isListInUse: true,
			campaigns: [{ id: expect.stringMatching(/^cd-/), name: 'Spring Promo 1 | Voice' }],
			updatedAt: spring.updatedAt,
			created: false,
		});
		expect(out[1].json).toMatchObject({ name: 'Brand New', created: true, allowDuplicates: true });
		expect(kore.createListCalls.map((c: { body: IDataObject }) => c.body.name)).toEqual([
			'Brand New',
		]);
		expect(spring.allowDuplicates).toBe(false);
	});

	it('Use Existing after Kore refuses a create because another run made the list meanwhile', async () => {
		// The look-up sees no list; the create is refused as Kore would for a name taken since.
		kore.failRoute('listLists', {
			status: 200,
			body: { status: 'success', data: [] },
		});
		kore.failRoute('createList', {
			status: 400,
			body: { status: 'failure', message: 'Contact list Renewals already exists' },
		});
		const out = await runNode({
			parameters: create('Renewals', { ifExists: 'useExisting' }),
			credentials: clientCredentials(kore),
		});
		expect(out[0].json).toMatchObject({ name: 'Renewals', created: false });
		expect(kore.listListsCalls).toHaveLength(2);
	});

	it('a create that times out is not sent again; the error says to run it with Use Existing', async () => {
		kore.failRoute('createList', { kind: 'hang', apply: true });
		const error = await runNodeExpectingError({
			parameters: create('Lost Answer', { timeout: 1, maxRetries: 3 }),
			credentials: clientCredentials(kore),
		});
		expect(kore.createListCalls).toHaveLength(1);
		expect(error.message).toMatch(
			/^Creating contact list "Lost Answer": .*Kore.ai may have carried it out$/,
		);
		expect(error.description).toMatch(
			/^The list may have been created\. Run this item again with Options → If the List Exists → Use Existing/,
		);
		// And doing so picks the list up instead of making a second one.
		const out = await runNode({
			parameters: create('Lost Answer', { ifExists: 'useExisting' }),
			credentials: clientCredentials(kore),
		});
		expect(out[0].json).toMatchObject({ name: 'Lost Answer', created: false });
		expect(kore.contactLists.filter((l: IDataObject) => l.name === 'Lost Answer')).toHaveLength(1);
	});

	it('checks name and description lengths before sending', async () => {
		for (const [parameters, message] of [
			[
				create('x'.repeat(49)),
				/^List Name: "x{49}" has 49 characters; Kore.ai allows at most 48\.$/,
			],
			[
				create('ok', { description: 'd'.repeat(257) }),
				/^Description has 257 characters; Kore.ai allows at most 256\.$/,
			],
			[
				create('ok', { ifExists: 'replace' }),
				/^If the List Exists: "replace" is not supported; choose Fail or Use Existing\.$/,
			],
		] as const) {
			const error = await runNodeExpectingError({
				parameters,
				credentials: clientCredentials(kore),
			});
			expect(error.message).toMatch(message);
		}
		expect(kore.received).toHaveLength(0);
	});

	it('Dry Run shows the create request and sends nothing', async () => {
		const out = await runNode({
			parameters: create('Dry', { dryRun: true }),
			credentials: clientCredentials(kore),
		});
		expect(kore.received).toHaveLength(0);
		expect(out[0].json).toMatchObject({
			dryRun: true,
			name: 'Dry',
			request: {
				method: 'POST',
				body: { name: 'Dry', source: 'passiveApi', allowDuplicates: false },
			},
		});
	});
});

describe('Get Many', () => {
	it('lists every contact list in one call (Kore does not page it); Limit cuts the answer', async () => {
		const all = await runNode({
			parameters: {
				resource: 'contactList',
				operation: 'getMany',
				returnAll: true,
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(all.map((o) => o.json.name)).toEqual(['Spring Leads', 'Renewals']);
		expect(all[0].json).toEqual({
			id: expect.stringMatching(/^cl-/),
			name: 'Spring Leads',
			description: 'Leads for the spring promotion (stand-in)',
			status: 'Ready',
			totalRecordCount: 3,
			isListInUse: true,
			campaigns: [{ id: expect.stringMatching(/^cd-/), name: 'Spring Promo 1 | Voice' }],
			updatedAt: expect.any(String),
		});
		expect(all[1].json).toMatchObject({
			name: 'Renewals',
			totalRecordCount: 0,
			isListInUse: false,
			campaigns: [],
		});
		expect(paired(all)).toEqual([{ item: 0 }, { item: 0 }]);
		const one = await runNode({
			parameters: {
				resource: 'contactList',
				operation: 'getMany',
				limit: 1,
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(one.map((o) => o.json.name)).toEqual(['Spring Leads']);
		expect(kore.listListsCalls).toHaveLength(2);
		expect(kore.listListsCalls[0].query).toEqual({ accountId: kore.accountId, type: 'call' });
	});

	it('shows the count after Add Contacts (the stand-in adds at once; Kore.ai may take a moment)', async () => {
		await runNode({
			items: rows(30),
			parameters: add('Renewals'),
			credentials: clientCredentials(kore),
		});
		const out = await runNode({
			parameters: {
				resource: 'contactList',
				operation: 'getMany',
				returnAll: true,
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(out.find((o) => o.json.name === 'Renewals')?.json.totalRecordCount).toBe(30);
	});
});

describe('contact list picker (From List)', () => {
	const search = (filter?: string) =>
		new KoreCampaignSchedule().methods.listSearch.searchContactLists.call(
			editorContext(clientCredentials(kore)),
			filter,
		);
	it('lists the lists by name with count and status; the value is the name; search filters any case', async () => {
		expect(await search()).toEqual({
			results: [
				{ name: 'Renewals · 0 contacts · Ready', value: 'Renewals' },
				{ name: 'Spring Leads · 3 contacts · Ready', value: 'Spring Leads' },
			],
		});
		expect((await search(' spring ')).results.map((r) => r.value)).toEqual(['Spring Leads']);
		expect(kore.listListsCalls).toHaveLength(2);
	});
});

describe('node description', () => {
	const { description } = new KoreCampaignSchedule();
	const shown = (values: IDataObject) => {
		const fields = description.properties.filter((p) =>
			NodeHelpers.displayParameter(values as INodeParameters, p, { typeVersion: 1.1 }, description),
		);
		const options = fields.find((p) => p.name === 'options')?.options?.map((o) => o.name);
		return { fields: fields.map((p) => p.name), options };
	};
	const RUN_SETTINGS = ['maxConcurrency', 'maxRetries', 'requestsPerMinute', 'timeout'];
	it('offers Contact List with Add Contacts (the default), Create, Delete, Get, Get Contacts and Get Many, each with its own fields', () => {
		const operation = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'contactList',
		);
		expect(operation?.default).toBe('addContacts');
		expect(operation?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'addContacts',
			'create',
			'delete',
			'get',
			'getContacts',
			'getMany',
		]);
		expect(shown({ resource: 'contactList', operation: 'addContacts' })).toEqual({
			fields: [
				'resource',
				'operation',
				'contactList',
				'phoneNumber',
				'additionalFields',
				'options',
			],
			options: ['batchSize', 'dryRun', ...RUN_SETTINGS],
		});
		expect(shown({ resource: 'contactList', operation: 'create' })).toEqual({
			fields: ['resource', 'operation', 'listName', 'options'],
			options: ['allowDuplicates', 'description', 'dryRun', 'ifExists', ...RUN_SETTINGS],
		});
		for (const operation of ['get', 'delete']) {
			expect(shown({ resource: 'contactList', operation })).toEqual({
				fields: ['resource', 'operation', 'contactList', 'options'],
				options: ['dryRun', ...RUN_SETTINGS],
			});
		}
		expect(shown({ resource: 'contactList', operation: 'getContacts', returnAll: false })).toEqual({
			fields: ['resource', 'operation', 'contactList', 'returnAll', 'limit', 'options'],
			options: ['dryRun', ...RUN_SETTINGS],
		});
		const locator = (operation: string) =>
			description.properties
				.find(
					(p) => p.name === 'contactList' && p.displayOptions?.show?.operation?.[0] === operation,
				)
				?.modes?.map((m) => m.name);
		expect(locator('addContacts')).toEqual(['list', 'name']);
		for (const operation of ['get', 'getContacts', 'delete'])
			expect(locator(operation)).toEqual(['list', 'name', 'id']);
		expect(shown({ resource: 'contactList', operation: 'getMany', returnAll: false })).toEqual({
			fields: ['resource', 'operation', 'returnAll', 'limit', 'options'],
			options: RUN_SETTINGS,
		});
	});
});
