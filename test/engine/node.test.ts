import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeHelpers } from 'n8n-workflow';

import { signKoreJwt } from '../../nodes/KoreCampaign/transport/jwt';
import { clientCredentials, KORE, WINDOW } from '../../dev/fixtures';
import { runNode, runWorkflow } from '../../dev/engine';
import { KoreCampaignSchedule } from '../../nodes/KoreCampaign/KoreCampaignSchedule.node';
import { refusedHost, runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();

/** Schedule parameters; the rate limit is off unless a test sets it (Kore's 60/min would slow tests). */
const schedule = (extra: IDataObject = {}): IDataObject => ({
	operation: 'schedule',
	campaignName: 'Agentless Voice | Product Feedback | Jan 9',
	...WINDOW,
	...extra,
	options: { requestsPerMinute: 0, ...((extra.options as IDataObject) ?? {}) },
});

describe('against the Kore stand-in', () => {
	it('schedules a daily campaign: exact request, signed token, Kore answer in the output', async () => {
		const out = await runNode({
			parameters: schedule({ onceEveryNdays: 2 }),
			credentials: clientCredentials(kore),
		});

		expect(kore.scheduleCalls).toHaveLength(1);
		const call = kore.scheduleCalls[0];
		expect(call.status).toBe(200);
		expect(call.path).toBe(`/campaign/api/v2/public/${KORE.botId}/campaign/schedule`);
		expect(call.query).toEqual({
			enableSchedule: 'true',
			campaignName: 'Agentless Voice | Product Feedback | Jan 9',
		});
		expect(call.headers.accountid).toBe(kore.accountId);
		expect(call.headers.iid).toBe(KORE.botId);
		expect(call.body).toEqual({
			startDateTime: '2031-01-27 18:29:00',
			endDateTime: '2031-02-27 18:29:00',
			recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 2 } },
		});
		expect(call.claims).toMatchObject({
			appId: KORE.clientId,
			sub: expect.any(String),
			jti: expect.any(String),
		});

		expect(out).toEqual([
			{
				json: {
					id: expect.stringMatching(/^cd-/),
					status: 'success',
					message: 'Campaign Agentless Voice | Product Feedback | Jan 9 scheduled successfully',
					campaignName: 'Agentless Voice | Product Feedback | Jan 9',
					operation: 'schedule',
					startDateTime: '2031-01-27 18:29:00',
					endDateTime: '2031-02-27 18:29:00',
					koreTimezone: 'UTC',
					startLocal: '2031-01-27T18:29:00+00:00',
					endLocal: '2031-02-27T18:29:00+00:00',
					timezone: 'UTC',
					recurrence: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 2 } },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('schedules weekly, sending instants and wall-clock times in the Timezone option as UTC', async () => {
		const out = await runNode({
			parameters: schedule({
				recurrence: 'weekly',
				onceEveryNweeks: 2,
				whichDays: ['Sun', 'Mon', 'Wed', 'Mon'],
				startDateTime: '2031-03-01T10:00:00Z',
				endDateTime: '2031-06-01T00:00:00+05:30',
				options: { timezone: 'Asia/Kolkata' },
			}),
			credentials: clientCredentials(kore),
		});
		expect(kore.scheduleCalls[0].body).toEqual({
			startDateTime: '2031-03-01 10:00:00',
			endDateTime: '2031-05-31 18:30:00',
			recurrenceObject: {
				recurType: 'Weekly',
				weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Mon', 'Wed', 'Sun'] },
			},
		});
		expect(out[0].json).toMatchObject({
			timezone: 'Asia/Kolkata',
			koreTimezone: 'UTC',
			startLocal: '2031-03-01T15:30:00+05:30',
			endLocal: '2031-06-01T00:00:00+05:30',
		});
	});

	it('reads wall-clock time in the workflow timezone (New York, winter and summer) and sends UTC', async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) =>
				schedule(
					i === 0
						? { startDateTime: '2031-01-27 09:00:00', endDateTime: '2031-02-27T09:00' }
						: { startDateTime: '2031-07-01T09:00:00', endDateTime: '2031-08-01' },
				),
			credentials: clientCredentials(kore),
			timezone: 'America/New_York',
		});
		expect(
			kore.scheduleCalls
				.map((c: { body: IDataObject }) => [c.body.startDateTime, c.body.endDateTime])
				.sort(),
		).toEqual([
			['2031-01-27 14:00:00', '2031-02-27 14:00:00'],
			['2031-07-01 13:00:00', '2031-08-01 04:00:00'],
		]);
		expect(out.map((o) => [o.json.startLocal, o.json.timezone])).toEqual([
			['2031-01-27T09:00:00-05:00', 'America/New_York'],
			['2031-07-01T09:00:00-04:00', 'America/New_York'],
		]);
	});

	it('disables a schedule with body {} and enableSchedule=false', async () => {
		const out = await runNode({
			parameters: {
				operation: 'disableSchedule',
				campaignName: 'Old campaign',
				startDateTime: 'ignored',
				options: { requestsPerMinute: 0 },
			},
			credentials: clientCredentials(kore),
		});
		expect(kore.scheduleCalls[0]).toMatchObject({
			query: { enableSchedule: 'false', campaignName: 'Old campaign' },
			body: {},
			status: 200,
		});
		expect(out[0].json).toEqual({
			id: expect.stringMatching(/^cd-/),
			status: 'success',
			message: 'Campaign Old campaign schedule has been disabled successfully',
			campaignName: 'Old campaign',
			operation: 'disableSchedule',
		});
	});

	it('dry run returns the exact request with the token redacted and sends nothing', async () => {
		const out = await runNode({
			parameters: schedule({ options: { dryRun: true } }),
			credentials: clientCredentials(kore),
		});
		expect(kore.received).toHaveLength(0);
		expect(out[0].json).toMatchObject({
			dryRun: true,
			request: {
				method: 'POST',
				url: `${kore.url}/campaign/api/v2/public/${KORE.botId}/campaign/schedule?enableSchedule=true&campaignName=Agentless%20Voice%20%7C%20Product%20Feedback%20%7C%20Jan%209`,
				headers: {
					auth: '[redacted]',
					accountId: kore.accountId,
					iid: KORE.botId,
					'Content-Type': 'application/json',
				},
				body: { startDateTime: '2031-01-27 18:29:00', endDateTime: '2031-02-27 18:29:00' },
			},
		});
		expect(JSON.stringify(out)).not.toContain(KORE.clientSecret);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('several items: one call each, outputs in input order, each paired, fresh token per call', async () => {
		const names = ['A & B', 'C=D', 'E#F', 'G+H', '50% off', 'pipe | name', 'emoji 🎉', 'ünïcödé'];
		const out = await runNode({
			items: names.map((name) => ({ json: { name } })),
			parameters: (i) => schedule({ campaignName: names[i], onceEveryNdays: i + 1 }),
			credentials: clientCredentials(kore),
		});
		// Calls run concurrently, so they may arrive in any order; each name exactly once.
		expect(
			kore.scheduleCalls.map((c: { query: IDataObject }) => c.query.campaignName).sort(),
		).toEqual([...names].sort());
		expect(out.map((o) => o.json.campaignName)).toEqual(names);
		expect(out.map((o) => o.pairedItem)).toEqual(names.map((_, i) => ({ item: i })));
		expect(out.map((o) => (o.json.recurrence as IDataObject).dailyDetails)).toEqual(
			names.map((_, i) => ({ onceEveryNdays: i + 1 })),
		);
		const tokens = new Set(kore.scheduleCalls.map((c: { headers: IDataObject }) => c.headers.auth));
		expect(tokens.size).toBe(names.length);
	});

	it('sends a pasted JWT unchanged in jwt mode', async () => {
		const jwt = signKoreJwt(KORE.clientId, KORE.clientSecret);
		await runNode({
			parameters: schedule(),
			credentials: {
				host: kore.url,
				accountId: kore.accountId,
				botId: KORE.botId,
				authMode: 'jwt',
				jwt,
			},
		});
		expect(kore.scheduleCalls[0]).toMatchObject({ status: 200, headers: { auth: jwt } });
	});

	it("a wrong client secret gets Kore's 401 text as a NodeApiError with itemIndex", async () => {
		const error = await runNodeExpectingError({
			parameters: schedule(),
			credentials: clientCredentials(kore, { clientSecret: 'wrong-secret' }),
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'Kore.ai answered HTTP 401: error verifying the jwt: invalid signature',
		);
		expect(error.description).toMatch(/Client ID and Client Secret/);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(0);
		expect(JSON.stringify(error)).not.toContain('wrong-secret');
	});

	it('status "failure" with HTTP 200 is an error carrying Kore\'s message', async () => {
		kore.failNext({
			status: 200,
			body: { status: 'failure', message: 'Campaign is already completed' },
		});
		const error = await runNodeExpectingError({
			parameters: schedule(),
			credentials: clientCredentials(kore),
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Kore.ai reported a failure: Campaign is already completed');
	});

	it('a non-JSON body is explained plainly', async () => {
		kore.failNext({ status: 200, body: 'Welcome to nginx!', contentType: 'text/plain' });
		const error = await runNodeExpectingError({
			parameters: schedule(),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toMatch(/not JSON: "Welcome to nginx!"/);
		expect(error.description).toMatch(/Host/);
	});

	it('an invalid item is reported with its index, and without Continue on Fail nothing is sent at all', async () => {
		const error = await runNodeExpectingError({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) => schedule(i === 1 ? { endDateTime: '27/01/2031' } : {}),
			credentials: clientCredentials(kore),
		});
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^End Date & Time: could not read "27\/01\/2031"/);
		expect(error.context.itemIndex).toBe(1);
		// Every row is checked before any is sent: the good row 0 was not sent either.
		expect(kore.scheduleCalls).toHaveLength(0);
	});

	it('continueOnFail: bad and failing items become paired error items, the rest are scheduled', async () => {
		kore.failFor('kore-says-no', {
			status: 400,
			body: { errors: [{ msg: 'Campaign is not in a schedulable state', code: 400 }] },
		});
		const names = ['good 1', '', 'kore-says-no', 'good 2'];
		const out = await runNode({
			items: names.map(() => ({ json: {} })),
			parameters: (i) => schedule({ campaignName: names[i] }),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(out).toHaveLength(4);
		expect(out.map((o) => o.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(out[0].json).toMatchObject({ status: 'success', campaignName: 'good 1' });
		expect(out[1].json).toEqual({
			error: {
				message: expect.stringMatching(/Campaign Name is empty/),
				description: expect.stringMatching(/Fix the "campaignName" parameter/),
				campaignName: '',
			},
		});
		expect(out[2].json).toEqual({
			error: {
				message: 'Kore.ai answered HTTP 400: Campaign is not in a schedulable state',
				description: expect.stringMatching(/Kore.ai did not accept the request/),
				httpCode: '400',
				campaignName: 'kore-says-no',
			},
		});
		expect(out[3].json).toMatchObject({ status: 'success', campaignName: 'good 2' });
		expect(kore.scheduleCalls).toHaveLength(3);
	});

	it('"continue (using error output)": n8n routes the failed items to the error output, details kept', async () => {
		kore.failFor('kore-says-no', {
			status: 400,
			body: { errors: [{ msg: 'Campaign is not in a schedulable state', code: 400 }] },
		});
		const names = ['good 1', '', 'kore-says-no', 'good 2'];
		const { outputs } = await runWorkflow({
			items: names.map((name) => ({ json: { row: name } })),
			parameters: (i) => schedule({ campaignName: names[i] }),
			credentials: clientCredentials(kore),
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((o) => [o.json.campaignName, o.pairedItem])).toEqual([
			['good 1', { item: 0 }],
			['good 2', { item: 3 }],
		]);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n adds the input item's fields to an error-output item; ours stay as the node made them.
		expect(outputs[1][1].json).toMatchObject({ row: 'kore-says-no' });
		expect(outputs[1][1].json.error).toEqual({
			message: 'Kore.ai answered HTTP 400: Campaign is not in a schedulable state',
			description: expect.stringMatching(/Kore.ai did not accept the request/),
			httpCode: '400',
			campaignName: 'kore-says-no',
		});
	});

	it('a credential problem fails every item, each paired, without sending anything', async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: schedule(),
			credentials: clientCredentials(kore, { clientSecret: '' }),
			continueOnFail: true,
		});
		expect(out.map((o) => [(o.json.error as IDataObject).message, o.pairedItem])).toEqual([
			[expect.stringMatching(/Client Secret is empty/), { item: 0 }],
			[expect.stringMatching(/Client Secret is empty/), { item: 1 }],
		]);
		expect(kore.received).toHaveLength(0);
	});

	it('a refused connection says where it tried to go', async () => {
		const url = await refusedHost();
		const error = await runNodeExpectingError({
			parameters: schedule(),
			credentials: clientCredentials(url),
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			`Could not reach Kore.ai at ${url}: the connection was refused (nothing is listening there)`,
		);
	});
});

describe('node description', () => {
	const { description } = new KoreCampaignSchedule();
	/** The fields n8n's editor shows for these values (n8n's own display rules), and their options. */
	const shown = (values: IDataObject) => {
		const fields = description.properties.filter((p) =>
			NodeHelpers.displayParameter(values as INodeParameters, p, { typeVersion: 1 }, description),
		);
		const options = fields.find((p) => p.name === 'options')?.options?.map((o) => o.name);
		return { fields: fields.map((p) => p.name), options };
	};
	const RUN_SETTINGS = ['maxConcurrency', 'maxRetries', 'requestsPerMinute', 'timeout'];
	it('a workflow saved before there were resources gets the Campaign resource from its default', () => {
		const filled = NodeHelpers.getNodeParameters(
			description.properties,
			{ operation: 'schedule' },
			true,
			false,
			null,
			description,
		);
		expect(filled).toMatchObject({ resource: 'campaign', operation: 'schedule' });
	});
	it('shows each operation its own fields', () => {
		expect(shown({ resource: 'campaign', operation: 'schedule', recurrence: 'daily' })).toEqual({
			fields: [
				'resource',
				'operation',
				'campaignName',
				'startDateTime',
				'endDateTime',
				'recurrence',
				'onceEveryNdays',
				'options',
			],
			options: [
				'dryRun',
				'koreTimezone',
				'maxConcurrency',
				'maxRetries',
				'requestsPerMinute',
				'timeout',
				'timezone',
			],
		});
		expect(
			shown({ resource: 'campaign', operation: 'schedule', recurrence: 'weekly' }).fields,
		).toEqual([
			'resource',
			'operation',
			'campaignName',
			'startDateTime',
			'endDateTime',
			'recurrence',
			'onceEveryNweeks',
			'whichDays',
			'options',
		]);
		expect(shown({ resource: 'campaign', operation: 'disableSchedule' })).toEqual({
			fields: ['resource', 'operation', 'campaignName', 'options'],
			options: ['dryRun', ...RUN_SETTINGS],
		});
	});
	it('is usable as a tool and needs the Kore.ai credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'koreAiApi', required: true }]);
	});
});
