/**
 * Campaign Create / Delete and Contact List Delete at their edges, through n8n's engine against
 * the stand-in: a delete under Retry On Fail, rows naming one list or one new campaign, lists
 * given by id.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { readyWait } from '../../nodes/KoreCampaign/actions/campaign/create.operation';
import { useKoreStandIn } from '../helpers/standIn';

const READY = { id: 'cd-000001-standin', name: 'Spring | Voice' };
const OTHER = { id: 'cd-000002-standin', name: 'Autumn | Voice' };

const kore = useKoreStandIn({
	campaigns: [
		{ name: READY.name, type: 'voice', status: 'Ready' },
		{ name: OTHER.name, type: 'voice', status: 'Ready' },
	],
	contactLists: [{ name: 'Leads A', contacts: 2 }, { name: 'Do Not Call' }, { name: 'Spare' }],
});

const LEADS_A = 'cl-000001-standin';
const DNC = 'cl-000002-standin';
const SPARE = 'cl-000003-standin';

const saved = { ...readyWait };
beforeEach(() => Object.assign(readyWait, { boundMs: 5, everyMs: 1 }));
afterAll(() => Object.assign(readyWait, saved));

const credentials = () => clientCredentials(kore);
const errorOf = (json: IDataObject) => (json.error ?? {}) as IDataObject;
const voice = (extra: IDataObject = {}, options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Summer | Voice',
	campaignType: 'voice',
	contactLists: ['Leads A'],
	dncList: 'Do Not Call',
	callerId: '+14155550123',
	callingTimezone: 'America/New_York',
	experienceFlowName: 'Survey Flow',
	...extra,
	options: { requestsPerMinute: 0, ...options },
});

describe('Campaign Delete under Retry On Fail', () => {
	it('a campaign the first try deleted is output as deleted by the retry, not reported missing', async () => {
		// The first DELETE (row 0) goes through; the second (row 1) fails once with a server error, so
		// the node fails and n8n's Retry On Fail runs it again.
		let deletes = 0;
		kore.onRequest = (record: { route?: string }) => {
			if (record.route === 'delete' && ++deletes === 1)
				kore.failRoute('delete', { status: 500, body: { status: 'failure', message: 'Busy' } });
		};
		const { outputs, error } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) => ({
				resource: 'campaign',
				operation: 'delete',
				campaignName: { __rl: true, mode: 'name', value: i === 0 ? READY.name : OTHER.name },
				options: { requestsPerMinute: 0, maxConcurrency: 1, maxRetries: 0 },
			}),
			credentials: credentials(),
			maxTries: 2,
		});
		// Deleting twice changes nothing (issue 34): the retry's outcome for row 0 is "deleted".
		expect(error?.message).toBeUndefined();
		expect(outputs[0].map((o) => [o.json.name, o.json.deleted])).toEqual([
			[READY.name, true],
			[OTHER.name, true],
		]);
	});
});

describe('Contact List Delete, two rows naming one list', () => {
	it('both rows output the list as deleted (deleting twice changes nothing), one DELETE sent', async () => {
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: () => ({
				resource: 'contactList',
				operation: 'delete',
				contactList: { __rl: true, mode: 'id', value: SPARE },
				options: { requestsPerMinute: 0 },
			}),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(outputs[0].map((o) => [o.json.id, o.json.deleted, errorOf(o.json).message])).toEqual([
			[SPARE, true, undefined],
			[SPARE, true, undefined],
		]);
		expect(kore.deleteListCalls).toHaveLength(1);
	});
});

describe('Campaign Create, two rows with one name', () => {
	it("the second row does not report the first row's unknown contact list as its own", async () => {
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) =>
				voice({ contactLists: i === 0 ? ['Leads C'] : ['Leads A'] }, { ifExists: 'useExisting' }),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(errorOf(outputs[0][0].json).message).toMatch(/no contact list named "Leads C"/);
		// Row 1 named only "Leads A", which exists: blaming "Leads C" sends the builder to the wrong row.
		expect(JSON.stringify(outputs[0][1].json)).not.toContain('Leads C');
	});
});

describe('Campaign Create, lists given by ID as the fields say', () => {
	it('"Contact List Names or IDs" / "DNC List Name or ID": an ID from an expression is accepted and sent as the name', async () => {
		const out = await runNode({
			parameters: voice(
				{ contactLists: `={{ ["${LEADS_A}"] }}`, dncList: `={{ "${DNC}" }}` },
				{ waitUntilReady: false },
			),
			credentials: credentials(),
		});
		expect(out[0].json).toMatchObject({ created: true });
		expect(kore.createCalls[0].body).toMatchObject({
			contactLists: ['Leads A'],
			dncLists: { name: 'Do Not Call' },
		});
	});
});
