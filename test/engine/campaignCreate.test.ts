/**
 * Campaign Create (issue 34): every value checked before anything is sent, the contact lists
 * and the name looked up first (one call each per run), one create per name per run and never a
 * second one, and the wait while Kore prepares the campaign (Preparing → Ready).
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials, KORE } from '../../dev/fixtures';
import { readyWait } from '../../nodes/KoreCampaign/actions/campaign/create.operation';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const EXISTING = { id: 'cd-000001-standin', name: 'Spring | Voice' };
const EXISTING_SMS = { id: 'sms-000002-standin', name: 'Renewal | SMS' };

const kore = useKoreStandIn({
	campaigns: [
		{ name: EXISTING.name, type: 'voice', status: 'Ready' },
		{ name: EXISTING_SMS.name, type: 'sms', status: 'Ready' },
	],
	contactLists: [{ name: 'Leads A' }, { name: 'Leads B' }, { name: 'Do Not Call' }],
});

// The wait's bound in polls, not time: 5 polls with no real pause between them.
const saved = { ...readyWait };
beforeEach(() => Object.assign(readyWait, { boundMs: 5, everyMs: 1 }));
afterAll(() => Object.assign(readyWait, saved));

const credentials = () => clientCredentials(kore);
const voice = (extra: IDataObject = {}, options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Summer | Voice',
	campaignType: 'voice',
	contactLists: ['Leads A', 'Leads B'],
	dncList: 'Do Not Call',
	callerId: '+1 415 555 0123',
	callingTimezone: 'America/New_York',
	experienceFlowName: 'Survey Flow',
	...extra,
	options: { requestsPerMinute: 0, ...options },
});
const sms = (extra: IDataObject = {}, options: IDataObject = {}) =>
	voice(
		{
			name: 'Summer | SMS',
			campaignType: 'sms',
			dncList: '',
			experienceFlowName: undefined,
			message: 'Hi! Our summer sale starts today – 20 % off.',
			...extra,
		},
		options,
	);
const weekdays = (start: string, end: string) =>
	['MO', 'TU', 'WE', 'TH', 'FR'].map((day) => ({ day, start, end }));
type Call = { body: IDataObject; query: IDataObject; path: string };
const creates = (): Call[] => kore.createCalls;
const errorOf = (json: IDataObject) => json.error as IDataObject;

describe('Campaign Create: voice and SMS', () => {
	it('voice: the body Kore documents, the name and lists looked up first, then waits until Ready', async () => {
		const out = await runNode({ parameters: voice(), credentials: credentials() });
		expect(creates()).toHaveLength(1);
		expect(creates()[0].path).toBe(`/campaign/api/v2/public/${KORE.botId}/campaign`);
		expect(creates()[0].query).toEqual({ accountId: kore.accountId, campaignType: 'voice' });
		expect(creates()[0].body).toEqual({
			name: 'Summer | Voice',
			description: '',
			campaignType: 'voice',
			contactLists: ['Leads A', 'Leads B'],
			dncLists: { name: 'Do Not Call' },
			priority: '3',
			dialingStrategy: {
				callerId: { phoneNumber: '+14155550123' },
				callingHours: {
					frequency: 'WEEKLY',
					timezone: 'America/New_York',
					days: weekdays('9:00 AM', '6:00 PM'),
				},
				dialingOrder: 'FIFO',
				maxAttemptsPerRecord: 3,
				defaultRetryPeriod: 10,
				maxRingTime: 30,
			},
			schedule: { isSchedulingEnabled: false },
			dialingMode: 'Agentless',
			experienceFlowName: 'Survey Flow',
			enableMachineDetect: 'no',
		});
		const routes = kore.received.map((r: { route: string }) => r.route);
		expect(routes).toEqual(['listLists', 'list', 'list', 'create', 'status', 'status']);
		const id = kore.campaigns[2].record._id;
		expect(out.map((o) => o.json)).toEqual([
			{
				id,
				name: 'Summer | Voice',
				type: 'voice',
				status: 'Ready',
				created: true,
				message: 'Campaign Summer | Voice creation in progress',
			},
		]);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('voice options: priority, dialing, machine detection, days and hours as given', async () => {
		await runNode({
			parameters: voice(
				{ callingDays: 'Sat, monday,SU', callingStart: '08:30', callingEnd: '12:00' },
				{
					description: 'Summer leads',
					priority: 5,
					maxAttemptsPerRecord: 1,
					retryPeriod: 1440,
					maxRingTime: 5,
					dialingOrder: 'LIFO',
					machineDetection: 'disconnect',
					waitUntilReady: false,
				},
			),
			credentials: credentials(),
		});
		const body = creates()[0].body as IDataObject & { dialingStrategy: IDataObject };
		expect(body).toMatchObject({
			description: 'Summer leads',
			priority: '5',
			enableMachineDetect: 'disconnect',
		});
		expect(body.dialingStrategy).toMatchObject({
			dialingOrder: 'LIFO',
			maxAttemptsPerRecord: 1,
			defaultRetryPeriod: 1440,
			maxRingTime: 5,
			callingHours: {
				frequency: 'WEEKLY',
				timezone: 'America/New_York',
				days: ['MO', 'SA', 'SU'].map((day) => ({ day, start: '8:30 AM', end: '12:00 PM' })),
			},
		});
	});

	it('SMS: the message sent base64-encoded, the id read from data._id, Ready at once (no status call)', async () => {
		const out = await runNode({
			parameters: sms({ contactLists: '={{ "Leads B, Leads A" }}', callingTimezone: '' }),
			credentials: credentials(),
			timezone: 'Europe/Berlin',
		});
		const body = creates()[0].body as IDataObject & {
			dialingStrategy: { callingHours: IDataObject };
		};
		expect(creates()[0].query.campaignType).toBe('sms');
		expect(body).toEqual({
			name: 'Summer | SMS',
			description: '',
			campaignType: 'sms',
			contactLists: ['Leads B', 'Leads A'],
			priority: '3',
			dialingStrategy: {
				callerId: { phoneNumber: '+14155550123' },
				callingHours: {
					frequency: 'WEEKLY',
					timezone: 'Europe/Berlin',
					days: weekdays('9:00 AM', '6:00 PM'),
				},
			},
			schedule: { isSchedulingEnabled: false },
			format: 'simple',
			message: {
				message: Buffer.from('Hi! Our summer sale starts today – 20 % off.', 'utf8').toString(
					'base64',
				),
			},
		});
		expect(kore.statusCalls).toHaveLength(0);
		expect(out[0].json).toEqual({
			id: kore.campaigns[2].record.id,
			name: 'Summer | SMS',
			type: 'sms',
			status: 'Ready',
			created: true,
			message: 'Campaign Summer | SMS creation in progress',
		});
	});
});

describe('Campaign Create: every value checked before anything is sent', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'a name over 48 characters',
			voice({ name: 'x'.repeat(49) }),
			/^Name: "x+" has 49 characters; Kore\.ai allows at most 48\.$/,
		],
		[
			'a caller ID that is not E.164',
			voice({ callerId: '0171 5550123' }),
			/^Caller ID: "0171 5550123" is not an E\.164 phone number/,
		],
		[
			'an end before the start',
			voice({ callingStart: '18:00', callingEnd: '09:00' }),
			/^Calling End \(9:00 AM\) must be after Calling Start \(6:00 PM\)/,
		],
		[
			'an unknown time zone',
			voice({ callingTimezone: 'Mars/Olympus' }),
			/^Calling Timezone: "Mars\/Olympus" is not a known IANA timezone/,
		],
		['an empty SMS message', sms({ message: '  ' }), /^Message is empty/],
		[
			'a voice campaign without a DNC list',
			voice({ dncList: '' }),
			/^DNC List is empty: Kore\.ai requires a Do Not Call list for a voice campaign/,
		],
		[
			'a priority out of range',
			voice({}, { priority: 6 }),
			/^Priority must be a whole number from 1 to 5; got 6\.$/,
		],
		['no contact list', voice({ contactLists: '={{ " , " }}' }), /^Contact Lists is empty/],
		[
			'an unknown weekday',
			voice({ callingDays: 'Mon, Funday' }),
			/^Calling Days: "Funday" is not a weekday/,
		],
	];
	it.each(cases)('%s: refused naming the field, nothing sent', async (_, parameters, message) => {
		const error = await runNodeExpectingError({ parameters, credentials: credentials() });
		expect(error.message).toMatch(message);
		expect(kore.received).toHaveLength(0);
	});

	it('an unknown contact list or DNC list: named, one list call for the run, nothing created', async () => {
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) =>
				i === 0
					? voice({ contactLists: ['Leads A', 'Leads C'] })
					: voice({ name: 'Other | Voice', dncList: 'DNC 2027' }),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(outputs[0].map((o) => errorOf(o.json).message)).toEqual([
			'Contact Lists: Kore.ai has no contact list named "Leads C".',
			'DNC List: Kore.ai has no contact list named "DNC 2027".',
		]);
		expect(kore.listListsCalls).toHaveLength(1);
		expect(creates()).toHaveLength(0);
	});
});

describe('Campaign Create: a name that exists, and one create per name', () => {
	it('fail (the default) names the existing campaign’s id; nothing is created', async () => {
		const error = await runNodeExpectingError({
			parameters: voice({ name: EXISTING_SMS.name }),
			credentials: credentials(),
		});
		expect(error.message).toBe(
			`A campaign named "${EXISTING_SMS.name}" already exists: ${EXISTING_SMS.id} (SMS, Ready); nothing was created.`,
		);
		expect(creates()).toHaveLength(0);
	});

	it('Use Existing outputs the campaign that is there', async () => {
		const out = await runNode({
			parameters: voice({ name: EXISTING.name }, { ifExists: 'useExisting' }),
			credentials: credentials(),
		});
		expect(out[0].json).toEqual({
			id: EXISTING.id,
			name: EXISTING.name,
			type: 'voice',
			status: 'Ready',
			created: false,
		});
		expect(creates()).toHaveLength(0);
	});

	it('two rows with one name make one create: Use Existing outputs it for the second, Fail names the row that made it', async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: voice({}, { ifExists: 'useExisting' }),
			credentials: credentials(),
		});
		expect(creates()).toHaveLength(1);
		const id = kore.campaigns[2].record._id;
		expect(out.map((o) => [o.json.id, o.json.created, o.json.status, o.pairedItem])).toEqual([
			[id, true, 'Ready', { item: 0 }],
			[id, false, 'Ready', { item: 1 }],
		]);

		kore.reset();
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: voice(),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(creates()).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ created: true, status: 'Ready' });
		expect(errorOf(outputs[0][1].json).message).toMatch(
			/^A campaign named "Summer \| Voice" already exists by item 0 of this run: cd-000003-standin \(voice, Ready\); nothing was created\.$/,
		);
	});

	it('a create that hangs is sent once, also under Retry On Fail: "may have been created"', async () => {
		kore.failRoute('create', { kind: 'hang' });
		const error = await runNodeExpectingError({
			parameters: voice({}, { timeout: 1 }),
			credentials: credentials(),
			maxTries: 2,
		});
		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(
			/^Creating voice campaign "Summer \| Voice": .*Kore\.ai may have carried it out; it was not sent again$/,
		);
		expect(error.description).toContain('The campaign may have been created.');
		expect(error.description).toContain('If the Campaign Exists → Use Existing');
	});
});

describe('Campaign Create: waiting while Kore prepares the campaign', () => {
	it('polls the status until Ready', async () => {
		kore.setPreparingPolls(3);
		const out = await runNode({ parameters: voice(), credentials: credentials() });
		expect(kore.statusCalls).toHaveLength(4);
		expect(out[0].json).toMatchObject({ status: 'Ready', created: true });
		expect(out[0].json.note).toBeUndefined();
	});

	it('still Preparing at the bound: output as Preparing, saying so, after exactly the bounded polls', async () => {
		kore.setPreparingPolls(Infinity);
		const out = await runNode({ parameters: voice(), credentials: credentials() });
		expect(kore.statusCalls).toHaveLength(5);
		expect(out[0].json).toMatchObject({ status: 'Preparing', created: true });
		expect(out[0].json.note).toMatch(/^Kore\.ai was still preparing the campaign after/);
	});

	it('Wait Until Ready off: output as Kore answered, no status call', async () => {
		const out = await runNode({
			parameters: voice({}, { waitUntilReady: false }),
			credentials: credentials(),
		});
		expect(kore.statusCalls).toHaveLength(0);
		expect(out[0].json).toMatchObject({ status: 'Preparing', created: true });
	});

	it('Dry Run: the create as it would be sent; nothing is looked up or created', async () => {
		const out = await runNode({
			parameters: voice({}, { dryRun: true }),
			credentials: credentials(),
		});
		expect(kore.received).toHaveLength(0);
		expect(out[0].json).toMatchObject({
			dryRun: true,
			operation: 'create',
			name: 'Summer | Voice',
			request: {
				method: 'POST',
				url: `${kore.url}/campaign/api/v2/public/${KORE.botId}/campaign?accountId=${kore.accountId}&campaignType=voice`,
			},
		});
	});
});
