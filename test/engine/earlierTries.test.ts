/**
 * What earlier tries of a run (n8n's Retry On Fail) sent, as later tries own up to it: the final
 * error and each error item name those calls, a list an earlier try created is not "existing",
 * and within one try identical calls are each sent (the memory is of earlier tries only).
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
	contactLists: [{ name: 'List A', allowDuplicates: true }],
});
afterEach(() => {
	kore.onRequest = undefined;
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

/** Calls `then` once, after the first answered request on `route`. */
function afterFirst(route: string, then: () => void): void {
	let done = false;
	kore.onRequest = (record: { route?: string }) => {
		if (done || record.route !== route) return;
		done = true;
		then();
	};
}

describe('Retry On Fail after an earlier try sent an unsafe call', () => {
	it('the final error still names the start an earlier try got accepted', async () => {
		// Try 1: row 0 starts Voice (accepted), row 1's campaign read fails. Try 2: row 0's
		// campaign read fails before its start is recalled, so try 2's client never learns of it.
		afterFirst('start', () =>
			kore.failRoute(
				'get',
				{ status: 502, body: 'Bad Gateway' },
				{ status: 502, body: 'Bad Gateway' },
			),
		);
		const error = await runNodeExpectingError({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) =>
				trigger('start', i === 0 ? VOICE.id : SMS.id, { maxRetries: 0, maxConcurrency: 1 }),
			credentials: credentials(),
			maxTries: 2,
		});
		expect(kore.startsOf(VOICE.id)).toBe(1);
		// The user is told nothing was started: running the same input again starts Voice twice.
		expect(String(error.description)).toContain('Starting voice campaign');
	});

	it('error output: a row whose start may have happened in try 1 is not told "running this item again does no harm"', async () => {
		// Try 1: row 0's start is applied but its answer lost, row 1's start is accepted; row 0 is
		// an error, so n8n runs the node again. Try 2: row 0's campaign read fails before its start
		// is recalled, and its error item speaks only of the read.
		kore.failRoute('start', { kind: 'reset', apply: true });
		afterFirst('start', () => kore.failRoute('get', { status: 502, body: 'Bad Gateway' }));
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) =>
				trigger('start', i === 0 ? VOICE.id : SMS.id, { maxRetries: 0, maxConcurrency: 1 }),
			credentials: credentials(),
			onError: 'continueErrorOutput',
			maxTries: 2,
		});
		expect(kore.startCalls).toHaveLength(2);
		expect(kore.startsOf(VOICE.id)).toBe(1);
		const rowZero = outputs[1].find((o) => (o.pairedItem as { item: number }).item === 0);
		const said = `${String(errorOf(rowZero?.json ?? {})?.message)} ${String(errorOf(rowZero?.json ?? {})?.description)}`;
		expect(said).not.toContain('running this item again does no harm');
		expect(said).toMatch(/may have (started|been carried out|carried it out)/);
	});

	it('a contact list this execution created is not reported as "already exists; nothing was created"', async () => {
		// Try 1: row 0 creates "Fresh"; row 1's look-up fails. Try 2: row 0's look-up finds
		// "Fresh" (created by try 1) and, with If the List Exists = Fail, the row fails.
		afterFirst('createList', () =>
			kore.failRoute('listLists', { status: 502, body: 'Bad Gateway' }),
		);
		let outcome: unknown;
		try {
			outcome = await runNode({
				items: [{ json: {} }, { json: {} }],
				parameters: (i) => ({
					resource: 'contactList',
					operation: 'create',
					listName: i === 0 ? 'Fresh' : 'Other',
					options: { requestsPerMinute: 0, maxConcurrency: 1, maxRetries: 0 },
				}),
				credentials: credentials(),
				maxTries: 2,
			});
		} catch (error) {
			outcome = error;
		}
		// Each list created once: "Fresh" by try 1, "Other" (whose look-up failed there) by try 2.
		expect(
			(kore.createListCalls as Array<{ body: { name: string } }>).map((c) => c.body.name),
		).toEqual(['Fresh', 'Other']);
		expect(outcome).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ name: 'Fresh', created: true }) }),
			expect.objectContaining({ json: expect.objectContaining({ name: 'Other', created: true }) }),
		]);
	});
});

describe('the memory of earlier tries, within one try', () => {
	const rows = [0, 1, 2, 3].map(() => ({ json: { phone: '+15550000001' } }));
	const addContacts = {
		resource: 'contactList',
		operation: 'addContacts',
		contactList: { __rl: true, mode: 'name', value: 'List A' },
		phoneNumber: '={{ $json.phone }}',
		options: { requestsPerMinute: 0, maxConcurrency: 1, batchSize: 2 },
	};

	it('two batches with the same contacts on a list allowing duplicates are both sent (or not reported added)', async () => {
		const out = await runNode({ items: rows, parameters: addContacts, credentials: credentials() });
		expect(out).toHaveLength(4);
		expect(out.every((o) => o.json.error === undefined)).toBe(true);
		// Four rows reported added: the list must hold four, not two.
		expect(kore.addContactsCalls).toHaveLength(2);
		expect(kore.contactsOf('List A')).toHaveLength(4);
	});

	it('without Retry On Fail, no error says "an earlier try of this node (Retry On Fail)"', async () => {
		kore.failRoute('addContacts', { kind: 'reset', apply: true });
		const { outputs } = await runWorkflow({
			items: rows,
			parameters: addContacts,
			credentials: credentials(),
			continueOnFail: true,
		});
		for (const o of outputs[0])
			expect(String(errorOf(o.json)?.description ?? '')).not.toContain('Retry On Fail');
	});
});

describe('held up', () => {
	it('error output plus Retry On Fail: n8n reruns the node, each campaign is started once', async () => {
		kore.failRoute('start', { kind: 'reset', apply: true });
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) => trigger('start', i === 0 ? VOICE.id : SMS.id, { maxConcurrency: 1 }),
			credentials: credentials(),
			onError: 'continueErrorOutput',
			maxTries: 3,
		});
		expect(kore.startsOf(VOICE.id)).toBe(1);
		expect(kore.startsOf(SMS.id)).toBe(1);
		expect(kore.startCalls).toHaveLength(2);
		expect(outputs[0].map((o) => o.json.id)).toEqual([SMS.id]);
		expect(outputs[1]).toHaveLength(1);
	});

	it('a dry-run row among real rows starting one campaign sends one start', async () => {
		const out = await runNode({
			items: [0, 1, 2].map(() => ({ json: {} })),
			parameters: trigger('start', VOICE.id, { dryRun: '={{ $itemIndex === 0 }}' }),
			credentials: credentials(),
		});
		expect(kore.startsOf(VOICE.id)).toBe(1);
		expect(out.map((o) => o.json.callSentByItem)).toEqual([undefined, 1, 1]);
	});

	it('rows sharing a start under Max Concurrency 3, answer lost, Retry On Fail 3: one start', async () => {
		kore.failRoute('start', { kind: 'reset', apply: true });
		const error = await runNodeExpectingError({
			items: [0, 1, 2].map(() => ({ json: {} })),
			parameters: trigger('start', VOICE.id, { maxConcurrency: 3 }),
			credentials: credentials(),
			maxTries: 3,
		});
		expect(kore.startCalls).toHaveLength(1);
		expect(error.message).toMatch(/it was not sent again$/);
	});
});
