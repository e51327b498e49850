/**
 * The fault matrix, "nothing lost", and secret hygiene, against the Kore stand-in.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { signKoreJwt } from '../../nodes/KoreCampaign/transport/jwt';
import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials, KORE, WINDOW } from '../../dev/fixtures';
import {
	RATE_LIMIT_MESSAGE,
	refusedHost,
	runNodeExpectingError,
	startKoreStandIn,
	useKoreStandIn,
} from '../helpers/standIn';

const kore = useKoreStandIn();

/** Faults are final here (maxRetries 0); retry recovery is tested in throttle.test.ts. */
const params = (extra: IDataObject = {}) => ({
	operation: 'schedule',
	campaignName: 'Fault matrix',
	...WINDOW,
	options: { requestsPerMinute: 0, maxRetries: 0, timeout: 1 },
	...extra,
});

interface Fault {
	name: string;
	fault?: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
	/** A host where nothing listens. */
	refused?: boolean;
	message: RegExp;
	description: RegExp;
	httpCode?: string;
}

const FAULTS: Fault[] = [
	{
		name: '400 with errors[]',
		fault: { status: 400, body: { errors: [{ msg: 'startDateTime is invalid', code: 400 }] } },
		message: /^Kore\.ai answered HTTP 400: startDateTime is invalid$/,
		description: /the campaign name does not match an existing campaign exactly, or the dates/,
		httpCode: '400',
	},
	{
		name: '401 bad signature',
		credentials: { clientSecret: 'wrong-secret-xyz' },
		message: /^Kore\.ai answered HTTP 401: error verifying the jwt: invalid signature$/,
		description: /Check the credential's Client ID and Client Secret/,
		httpCode: '401',
	},
	{
		name: '403 forbidden',
		fault: {
			status: 403,
			body: { errors: [{ msg: 'Access denied for this API scope', code: 403 }] },
		},
		message: /^Kore\.ai answered HTTP 403: Access denied for this API scope$/,
		description: /API scope that includes Campaign Management, and publish the scope/,
		httpCode: '403',
	},
	{
		name: '404 status failure',
		fault: { status: 404, body: { status: 'failure', message: 'Campaign Fault matrix not found' } },
		message: /^Kore\.ai answered HTTP 404: Campaign Fault matrix not found$/,
		description: /exact spelling/,
		httpCode: '404',
	},
	{
		name: '200 with status failure',
		fault: { status: 200, body: { status: 'failure', message: 'Campaign is already running' } },
		message: /^Kore\.ai reported a failure: Campaign is already running$/,
		description: /^Kore\.ai did not accept the request\. Its message above says why; most often/,
		httpCode: '200',
	},
	{
		name: '429 with Retry-After',
		fault: { status: 429, body: { message: RATE_LIMIT_MESSAGE }, headers: { 'retry-after': '30' } },
		message: /^Kore\.ai's rate limit was exceeded: You've exceeded the per-minute rate limit/,
		description: /60 campaign API calls per minute.*Requests per Minute/,
		httpCode: '429',
	},
	{
		name: '429 without Retry-After',
		fault: { status: 429, body: '' },
		message: /^Kore\.ai's rate limit was exceeded$/,
		description: /Requests per Minute/,
		httpCode: '429',
	},
	{
		name: '500 without a body',
		fault: { status: 500, body: '' },
		message: /^Kore\.ai answered HTTP 500 with an empty body$/,
		description: /trouble on its side/,
		httpCode: '500',
	},
	{
		name: '502 with an HTML page',
		fault: {
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
		},
		message:
			/^Kore\.ai answered HTTP 502 with an HTML page \("502 Bad Gateway 502 Bad Gateway nginx"\), probably from a proxy or gateway$/,
		description: /trouble on its side/,
		httpCode: '502',
	},
	{
		name: '200 with a non-JSON body',
		fault: { status: 200, body: 'OK', contentType: 'text/plain' },
		message: /^Kore\.ai answered HTTP 200 with something that is not JSON: "OK"$/,
		description: /not Kore\.ai's campaign API/,
		httpCode: '200',
	},
	{
		name: '200 with an empty body',
		fault: { status: 200, body: '' },
		message: /^Kore\.ai answered HTTP 200 with an empty body$/,
		description:
			/^Kore\.ai may still have carried it out\. Running this item again is safe.*Check the credential's Host/,
		httpCode: '200',
	},
	{
		name: 'success without an id',
		fault: {
			status: 200,
			body: { status: 'success', message: 'Campaign Fault matrix scheduled successfully' },
		},
		message:
			/^Kore\.ai answered without the campaign id, so the result cannot be confirmed: Campaign Fault matrix scheduled successfully$/,
		description: /Check the campaign in Kore\.ai before running this item again/,
	},
	{
		name: 'a server that never answers',
		fault: { kind: 'hang' },
		message: /^Could not reach Kore\.ai at http:\/\/127\.0\.0\.1:\d+: no answer came within 1 s$/,
		description: /Timeout option/,
	},
	{
		name: 'connection reset mid-response',
		fault: { kind: 'reset' },
		message:
			/^Could not reach Kore\.ai at http:\/\/127\.0\.0\.1:\d+: the connection was closed before Kore\.ai answered$/,
		description: /Check the credential's Host/,
	},
	{
		name: 'connection refused',
		refused: true,
		message:
			/^Could not reach Kore\.ai at http:\/\/127\.0\.0\.1:\d+: the connection was refused \(nothing is listening there\)$/,
		description: /Check the credential's Host/,
	},
];

let nothingListens = '';
beforeAll(async () => {
	nothingListens = await refusedHost();
});

/** The run of one fault: the stand-in set to fail (or a host where nothing listens). */
function faultRun(f: Fault, continueOnFail: boolean) {
	if (f.fault) kore.failNext(f.fault);
	return {
		parameters: params(),
		credentials: clientCredentials(f.refused ? nothingListens : kore, f.credentials ?? {}),
		continueOnFail,
	};
}

describe(`faults (${FAULTS.length}), without Continue on Fail: a NodeApiError with itemIndex`, () => {
	it.each(FAULTS.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
		const error = await runNodeExpectingError(faultRun(f, false));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(f.message);
		expect(error.description).toMatch(f.description);
		expect(error.context.itemIndex).toBe(0);
		if (f.httpCode) expect((error as NodeApiError).httpCode).toBe(f.httpCode);
	});
});

describe(`faults (${FAULTS.length}), with Continue on Fail: an error item paired to its input`, () => {
	it.each(FAULTS.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
		const out = await runNode(faultRun(f, true));
		expect(out).toHaveLength(1);
		const [item] = out as INodeExecutionData[];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.json)).toEqual(['error']);
		const error = item.json.error as IDataObject;
		expect(error.message).toMatch(f.message);
		expect(error.description).toMatch(f.description);
		expect(error.campaignName).toBe('Fault matrix');
		if (f.httpCode) expect(error.httpCode).toBe(f.httpCode);
	});
});

describe('nothing lost: 100 items, 10 % injected faults of mixed kinds, Continue on Fail', () => {
	const faultyRows = new Map<number, IDataObject>([
		[3, { status: 400, body: { errors: [{ msg: 'bad window', code: 400 }] } }],
		[11, { status: 200, body: { status: 'failure', message: 'campaign locked' } }],
		[19, { status: 404, body: { status: 'failure', message: 'no such campaign' } }],
		[27, { status: 502, body: '<html>Bad Gateway</html>' }],
		[38, { status: 500, body: '' }],
		[46, { kind: 'reset' }],
		[55, { status: 200, body: 'garbage' }],
		[67, { status: 429, body: { message: RATE_LIMIT_MESSAGE } }],
		[79, { status: 403, body: {} }],
		[94, { status: 200, body: { status: 'success' } }],
	]);

	it('yields exactly 100 items in input order, successes with the issued ids, failures with reasons', async () => {
		for (const [row, fault] of faultyRows) kore.failFor(`Row ${row}`, fault);
		const out = await runNode({
			items: Array.from({ length: 100 }, (_, i) => ({ json: { row: i } })),
			parameters: (i) => ({
				operation: 'schedule',
				campaignName: `Row ${i}`,
				...WINDOW,
				options: { requestsPerMinute: 0, maxRetries: 0, maxConcurrency: 8 },
			}),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(out).toHaveLength(100);
		expect(out.map((o) => o.pairedItem)).toEqual(
			Array.from({ length: 100 }, (_, i) => ({ item: i })),
		);
		// A success names its campaign at the top, an error item in its error.
		expect(
			out.map((o) => o.json.campaignName ?? (o.json.error as IDataObject).campaignName),
		).toEqual(Array.from({ length: 100 }, (_, i) => `Row ${i}`));

		const issued = new Map<string, string>(
			kore.scheduleCalls
				.filter((c: { response?: IDataObject }) => c.response?.id)
				.map((c: { query: IDataObject; response: IDataObject }) => [
					c.query.campaignName,
					c.response.id,
				]),
		);
		const failures = out.filter((o) => o.json.error !== undefined);
		expect(failures.map((o) => o.pairedItem)).toEqual(
			[...faultyRows.keys()].map((item) => ({ item })),
		);
		for (const o of out) {
			if (o.json.error !== undefined) {
				expect(String((o.json.error as IDataObject).message).length).toBeGreaterThan(20);
				expect((o.json.error as IDataObject).description).toBeTruthy();
			} else {
				expect(o.json.status).toBe('success');
				expect(o.json.id).toBe(issued.get(String(o.json.campaignName)));
			}
		}
		expect(issued.size).toBe(90);
	});
});

describe('secret hygiene', () => {
	const pasted = signKoreJwt(KORE.clientId, KORE.clientSecret);

	it('no output, error (as n8n records and logs it) or dry run contains the secret, the pasted JWT or any signed token', async () => {
		const texts: string[] = [];
		const collect = async (spec: Parameters<typeof runWorkflow>[0]) => {
			// Each run on its own account: a rate-limit fault pauses its account, as it should.
			const { outputs, error, run } = await runWorkflow({
				...spec,
				credentials: { ...spec.credentials, accountId: kore.newAccount() },
			});
			texts.push(JSON.stringify(outputs), JSON.stringify(run.data.resultData.error ?? null));
			if (error)
				texts.push(
					error.message,
					String((error as NodeApiError).description),
					JSON.stringify(error),
					JSON.stringify((error as NodeApiError).messages),
				);
		};
		const items = Array.from({ length: 4 }, () => ({ json: {} }));
		for (const continueOnFail of [true, false]) {
			for (const f of FAULTS.filter((x) => x.fault)) {
				kore.failNext(f.fault);
				await collect({
					parameters: params(),
					credentials: clientCredentials(kore),
					continueOnFail,
				});
			}
			await collect({
				items,
				parameters: params(),
				credentials: clientCredentials(kore),
				continueOnFail,
			});
			await collect({
				parameters: params(),
				credentials: clientCredentials(kore, { clientSecret: 'wrong-secret-xyz' }),
				continueOnFail,
			});
			await collect({
				parameters: params({ options: { dryRun: true } }),
				credentials: clientCredentials(kore),
				continueOnFail,
			});
			await collect({
				parameters: params(),
				credentials: { ...clientCredentials(kore), authMode: 'jwt', jwt: pasted },
				continueOnFail,
			});
			await collect({
				parameters: params({ options: { dryRun: true } }),
				credentials: { ...clientCredentials(kore), authMode: 'jwt', jwt: pasted },
				continueOnFail,
			});
			await collect({
				parameters: params({ startDateTime: 'nope' }),
				credentials: clientCredentials(kore),
				continueOnFail,
			});
		}
		const signed = kore.received
			.map((r: { headers: IDataObject }) => String(r.headers.auth))
			.filter((t: string) => t.split('.').length === 3);
		expect(signed.length).toBeGreaterThan(10);
		const all = texts.join('\n');
		expect(all.length).toBeGreaterThan(1000);
		expect(all).not.toContain(KORE.clientSecret);
		expect(all).not.toContain('wrong-secret-xyz');
		expect(all).not.toContain(pasted);
		for (const token of signed) {
			expect(all).not.toContain(token);
			expect(all).not.toContain(token.split('.')[2]); // not even the signature
		}
	});

	it('a bot id with /, .., ?, # and spaces reaches the stand-in literally, on the schedule route', async () => {
		const botId = 'st-a/../b?c=1#d e';
		const standIn = await startKoreStandIn({ ...KORE, botId });
		try {
			const out = await runNode({
				parameters: params(),
				credentials: clientCredentials(standIn.url, { botId }),
			});
			expect(out[0].json.status).toBe('success');
			const [call] = standIn.received;
			expect(call.path).toBe(
				'/campaign/api/v2/public/st-a%2F..%2Fb%3Fc%3D1%23d%20e/campaign/schedule',
			);
			expect(call.headers.iid).toBe(botId);
			expect(call.query).toEqual({ enableSchedule: 'true', campaignName: 'Fault matrix' });
		} finally {
			await standIn.close();
		}
	});

	it('campaign names with &, =, #, +, %, |, emoji are received exactly', async () => {
		const names = [
			'A&B',
			'x=y&enableSchedule=false',
			'Spring #1',
			'1+1',
			'100% done %20',
			'a | b',
			'🎉 launch 🚀',
			'Ünïcode – dash',
		];
		const out = await runNode({
			items: names.map(() => ({ json: {} })),
			parameters: (i) => params({ campaignName: names[i] }),
			credentials: clientCredentials(kore),
		});
		expect(out.map((o) => o.json.status)).toEqual(names.map(() => 'success'));
		expect(
			kore.scheduleCalls.map((c: { query: IDataObject }) => c.query.campaignName).sort(),
		).toEqual([...names].sort());
		for (const c of kore.scheduleCalls)
			expect(Object.keys(c.query)).toEqual(['enableSchedule', 'campaignName']);
		expect(
			kore.scheduleCalls.every((c: { query: IDataObject }) => c.query.enableSchedule === 'true'),
		).toBe(true);
	});

	it('two calls in the same millisecond carry different tokens (no jti replay)', async () => {
		const out = await runNode({
			items: Array.from({ length: 20 }, () => ({ json: {} })),
			parameters: (i) =>
				params({
					campaignName: `Same ms ${i}`,
					options: { requestsPerMinute: 0, maxConcurrency: 20 },
				}),
			credentials: clientCredentials(kore),
		});
		expect(out.every((o) => o.json.status === 'success')).toBe(true); // the stand-in rejects a reused jti
		const jtis = kore.scheduleCalls.map((c: { claims: IDataObject }) => c.claims.jti);
		expect(new Set(jtis).size).toBe(20);
	});
});
