/**
 * A call that is not safe to repeat goes out once per intent, whatever way n8n runs the node:
 * n8n's Retry On Fail (the whole node again, in the same execution), Continue On Fail, several
 * rows naming one campaign. And a failed run names every input item by what became of it.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const VOICE = { id: 'cd-000001-standin', name: 'Spring | Voice' };
const SMS = { id: 'sms-000002-standin', name: 'Renewal | SMS' };

const kore = useKoreStandIn({
	campaigns: [
		{ name: VOICE.name, type: 'voice', status: 'Ready' },
		{ name: SMS.name, type: 'sms', status: 'Ready' },
	],
	contactLists: [
		{ name: 'List A', allowDuplicates: true },
		{ name: 'List B', allowDuplicates: true },
	],
});

const credentials = () => clientCredentials(kore);
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const trigger = (operation: 'start' | 'stop', id: string, options: IDataObject = {}) => ({
	resource: 'campaign',
	operation,
	campaignName: byId(id),
	options: { requestsPerMinute: 0, ...options },
});
const errorOf = (json: IDataObject) => json.error as IDataObject;

describe("n8n's Retry On Fail (Max Tries 2, no wait)", () => {
	it('a start that hangs is sent once; the second try fails the same way and says it was not sent again', async () => {
		kore.failRoute('start', { kind: 'hang' });
		const error = await runNodeExpectingError({
			parameters: trigger('start', VOICE.id, { timeout: 1 }),
			credentials: credentials(),
			maxTries: 2,
		});
		expect(kore.startCalls).toHaveLength(1);
		expect(error.message).toMatch(
			/^Starting voice campaign "Spring \| Voice": .*no answer came within 1 s\. Kore\.ai may have carried it out; it was not sent again$/,
		);
		expect(error.description).toMatch(/^An earlier try of this node in this execution/);
		expect(error.description).toContain('Check it with the Get operation (status Active)');
	});

	it('two start rows, one answer lost, Continue On Fail: each campaign started once, the other still output as accepted', async () => {
		kore.failRoute('start', { kind: 'reset', apply: true });
		const { outputs, run } = await runWorkflow({
			items: [{ json: { id: VOICE.id } }, { json: { id: SMS.id } }],
			parameters: (i) => trigger('start', i === 0 ? VOICE.id : SMS.id, { maxConcurrency: 1 }),
			credentials: credentials(),
			continueOnFail: true,
			maxTries: 2,
		});
		expect(kore.startsOf(VOICE.id)).toBe(1);
		expect(kore.startsOf(SMS.id)).toBe(1);
		expect(kore.startCalls).toHaveLength(2);
		const out = outputs[0];
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(errorOf(out[0].json).message).toMatch(
			/Kore\.ai may have carried it out; it was not sent again$/,
		);
		expect(out[1].json).toMatchObject({ id: SMS.id, status: 'Active', callSentByItem: 1 });
		expect(run.data.resultData.error).toBeUndefined();
	});

	it('Add Contacts with its second batch refused: the accepted batch is not added again', async () => {
		const rows = ['A', 'A', 'Missing', 'Missing'].map((list, i) => ({
			json: { list: `List ${list}`, phone: `+1555000000${i}` },
		}));
		const error = await runNodeExpectingError({
			items: rows,
			parameters: {
				resource: 'contactList',
				operation: 'addContacts',
				contactList: { __rl: true, mode: 'name', value: '={{ $json.list }}' },
				phoneNumber: '={{ $json.phone }}',
				options: { requestsPerMinute: 0, maxConcurrency: 1, batchSize: 2 },
			},
			credentials: credentials(),
			maxTries: 2,
		});
		const calls = kore.addContactsCalls as Array<{ body: { contact_list_name: string } }>;
		expect(calls.map((c) => c.body.contact_list_name)).toEqual([
			'List A',
			'List Missing',
			'List Missing',
		]);
		expect(kore.contactsOf('List A')).toHaveLength(2);
		expect(error.message).toMatch(/^Contact list "List Missing", batch 2 \(2 contacts\)/);
		expect(error.description).toContain(
			'Kore.ai accepted a call of it that must not be sent again (input items 0–1): Contact list "List A", batch 1 (2 contacts).',
		);
		expect(error.description).toContain('Input items not done: 2–3.');
	});

	it('a read that failed with a gateway error is still retried by it', async () => {
		kore.failRoute('get', { status: 502, body: 'Bad Gateway' });
		const out = await runNode({
			parameters: { ...trigger('stop', VOICE.id, { maxRetries: 0 }), operation: 'get' },
			credentials: credentials(),
			maxTries: 2,
		});
		expect(out[0].json).toMatchObject({ id: VOICE.id, status: 'Ready' });
		expect(kore.callsTo('get')).toHaveLength(2);
	});
});

describe('rows naming the same campaign', () => {
	const three = [0, 1, 2].map(() => ({ json: {} }));

	it('three rows starting one campaign: one start, three paired items sharing its outcome', async () => {
		const out = await runNode({
			items: three,
			parameters: trigger('start', VOICE.id),
			credentials: credentials(),
		});
		expect(kore.startsOf(VOICE.id)).toBe(1);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const o of out)
			expect(o.json).toMatchObject({ id: VOICE.id, status: 'Active', callSentByItem: 0 });
		expect(out[1].json.campaignInstanceId).toBe(out[0].json.campaignInstanceId);
	});

	it('when the shared start may have happened, every row says so and none sends another', async () => {
		kore.failRoute('start', { kind: 'reset', apply: true });
		const out = await runNode({
			items: three,
			parameters: trigger('start', VOICE.id),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(kore.startCalls).toHaveLength(1);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const o of out)
			expect(errorOf(o.json).message).toMatch(/Kore\.ai may have carried it out$/);
		expect(errorOf(out[2].json).description).toMatch(
			/^Item 0 names the same campaign, and this item shares its call: no second call was sent\. The campaign may have started/,
		);
	});

	it('rows stopping one campaign send one stop', async () => {
		await runNode({ parameters: trigger('start', VOICE.id), credentials: credentials() });
		const out = await runNode({
			items: three,
			parameters: trigger('stop', VOICE.id),
			credentials: credentials(),
		});
		expect(kore.stopsOf(VOICE.id)).toBe(1);
		expect(out.map((o) => o.json.callSentByItem)).toEqual([0, 0, 0]);
	});
});

describe('a stop retried after a lost answer', () => {
	it('Kore refusing the retry is reported as "may have stopped", not "did not stop"', async () => {
		await runNode({ parameters: trigger('start', VOICE.id), credentials: credentials() });
		kore.failRoute(
			'stop',
			{ kind: 'reset', apply: true },
			{ status: 400, body: { status: 'failure', message: 'Campaign is not in a running state' } },
		);
		const error = await runNodeExpectingError({
			parameters: trigger('stop', VOICE.id, { maxRetries: 1 }),
			credentials: credentials(),
		});
		expect(kore.stopCalls).toHaveLength(2);
		expect(error.message).toBe(
			'Stopping voice campaign "Spring | Voice": Kore.ai answered HTTP 400: Campaign is not in a running state (after 2 attempts). An earlier attempt got no answer and may have done it',
		);
		expect(error.description).toMatch(
			/^Kore\.ai may have stopped the campaign: check it with the Get operation \(status Stopped\)\./,
		);
		expect(error.description).not.toContain('did not stop');
	});
});

describe('a failed Add Contacts names every row', () => {
	it('1,000 rows over 3 lists, the third list refused: rows accepted and not done, as complete ranges', async () => {
		const lists = ['List A', 'List B', 'List C'];
		const items = Array.from({ length: 1000 }, (_, i) => ({
			json: { list: lists[i % 3], phone: `+1555${String(i).padStart(7, '0')}` },
		}));
		const error = await runNodeExpectingError({
			items,
			parameters: {
				resource: 'contactList',
				operation: 'addContacts',
				contactList: { __rl: true, mode: 'name', value: '={{ $json.list }}' },
				phoneNumber: '={{ $json.phone }}',
				options: { requestsPerMinute: 0, maxConcurrency: 1 },
			},
			credentials: credentials(),
		});
		const description = String(error.description);
		const listed = (label: RegExp) => {
			const ranges = description.match(label)?.[1] ?? '';
			return ranges.split(', ').flatMap((range) => {
				const [from, to = from] = range.split('–').map(Number);
				return Array.from({ length: to - from + 1 }, (_, k) => from + k);
			});
		};
		const expected = (remainder: number[]) =>
			items.map((_, i) => i).filter((i) => remainder.includes(i % 3));
		expect(
			listed(/accepted 8 calls of it that must not be sent again \(input items ([^)]*)\)/),
		).toEqual(expected([0, 1]));
		expect(listed(/Input items not done: ([^.]*)\./)).toEqual(expected([2]));
		expect(description).toContain('and 3 more');
	});
});
