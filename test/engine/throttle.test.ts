/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import type { IDataObject } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials, WINDOW } from '../../dev/fixtures';
import {
	RATE_LIMIT_MESSAGE,
	refusedHost,
	runNodeExpectingError,
	useKoreStandIn,
} from '../helpers/standIn';

const kore = useKoreStandIn();

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { row: i } }));
const params = (options: IDataObject) => (i: number) => ({
	operation: 'schedule',
	campaignName: `Campaign ${i}`,
	...WINDOW,
	options,
});

/** Largest number of calls the stand-in received within any `windowMs`. */
function peakPerWindow(times: number[], windowMs: number): number {
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

/**
 * Real time, scaled down: the stand-in allows 10 calls per rolling second (600/min) and the node
 * is set to 300/min, half of it. Eleven calls then span 2 s, so only a stall of a whole second
 * on this machine could make the stand-in reject one: the tests hold on a busy CI machine.
 * How close to the limit the node gets is measured by `npm run bench`, not here.
 */
const STAND_IN_LIMIT = { calls: 10, windowMs: 1000 };
const NODE_RATE = 300;
const INTERVAL = Math.ceil((60_000 / NODE_RATE) * 1.025);

describe('rate limit, shared by every run on the account', () => {
	beforeEach(() => kore.setRateLimit(STAND_IN_LIMIT.calls, STAND_IN_LIMIT.windowMs));

	it('one run: the limit is never exceeded and the calls are spaced', async () => {
		const started = Date.now();
		const out = await runNode({
			items: items(15),
			parameters: params({ requestsPerMinute: NODE_RATE, maxConcurrency: 4 }),
			credentials: clientCredentials(kore),
		});
		expect(kore.counters).toMatchObject({ total: 15, accepted: 15, rateLimited: 0 });
		expect(out.every((o) => o.json.status === 'success')).toBe(true);
		expect(
			peakPerWindow(
				kore.scheduleCalls.map((c: { at: number }) => c.at),
				STAND_IN_LIMIT.windowMs,
			),
		).toBeLessThanOrEqual(STAND_IN_LIMIT.calls);
		expect(Date.now() - started).toBeGreaterThanOrEqual(14 * INTERVAL);
	});

	it('20 single-item runs back to back (Loop Over Items, batch size 1): paced as one, 0 rejected', async () => {
		const started = Date.now();
		for (let run = 0; run < 20; run++) {
			const out = await runNode({
				items: [{ json: {} }],
				parameters: params({ requestsPerMinute: NODE_RATE }),
				credentials: clientCredentials(kore),
			});
			expect(out[0].json.status).toBe('success');
		}
		expect(kore.counters).toMatchObject({ total: 20, accepted: 20, rateLimited: 0 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(19 * INTERVAL);
	});

	it('two executions at once on the same account: paced together, 0 rejected, each row once', async () => {
		const run = (prefix: string) =>
			runNode({
				items: items(8),
				parameters: (i) => ({
					...params({ requestsPerMinute: NODE_RATE, maxConcurrency: 4 })(i),
					campaignName: `${prefix} ${i}`,
				}),
				credentials: clientCredentials(kore),
			});
		const [a, b] = await Promise.all([run('A'), run('B')]);
		expect([...a, ...b].every((o) => o.json.status === 'success')).toBe(true);
		expect(kore.counters).toMatchObject({ total: 16, accepted: 16, rateLimited: 0 });
		expect(
			new Set(kore.scheduleCalls.map((c: { query: IDataObject }) => c.query.campaignName)).size,
		).toBe(16);
		expect(
			peakPerWindow(
				kore.scheduleCalls.map((c: { at: number }) => c.at),
				STAND_IN_LIMIT.windowMs,
			),
		).toBeLessThanOrEqual(STAND_IN_LIMIT.calls);
	});

	it('control: without a limit the same run gets rejected by the stand-in (so the tests above can fail)', async () => {
		const out = await runNode({
			items: items(30),
			parameters: params({ requestsPerMinute: 0, maxConcurrency: 4, maxRetries: 0 }),
			credentials: clientCredentials(kore),
			continueOnFail: true,
		});
		expect(kore.counters.rateLimited).toBeGreaterThan(0);
		expect(out.filter((o) => o.json.error).length).toBe(kore.counters.rateLimited);
		expect((out.find((o) => o.json.error)?.json.error as IDataObject).message).toBe(
			`Kore.ai's rate limit was exceeded: ${RATE_LIMIT_MESSAGE}`,
		);
	});
});

describe('what is sent, and when it stops', () => {
	it('a success whose message says "Rate Limit" (the campaign\'s name) is sent once and reported as success', async () => {
		const name = 'Data Rate Limit Upsell | SMS';
		const out = await runNode({
			items: items(1),
			parameters: () => ({ ...params({ requestsPerMinute: 0 })(0), campaignName: name }),
			credentials: clientCredentials(kore),
		});
		expect(out[0].json).toMatchObject({
			status: 'success',
			message: `Campaign ${name} scheduled successfully`,
		});
		expect(kore.scheduleCalls).toHaveLength(1);
	});

	it('without Continue on Fail, a failure stops new calls: slots already reserved are not used', async () => {
		// 60/min: item 0 goes at once, item 1's slot is a second later. Item 0 is refused at once.
		kore.failFor('Campaign 0', {
			status: 400,
			body: { errors: [{ msg: 'Campaign is not in a schedulable state', code: 400 }] },
		});
		const error = await runNode({
			items: items(10),
			parameters: params({ requestsPerMinute: 60, maxConcurrency: 10 }),
			credentials: clientCredentials(kore),
		}).catch((e) => e);
		expect(error.message).toBe('Kore.ai answered HTTP 400: Campaign is not in a schedulable state');
		expect(error.context.itemIndex).toBe(0);
		expect(kore.scheduleCalls).toHaveLength(1);
	});

	it("n8n's Stop: waiting calls are abandoned, nothing new is sent, the node returns at once", async () => {
		// 60/min, 10 rows: without Stop this run would take over 9 s.
		let stoppedAt = 0;
		let stop: () => void = () => undefined;
		const stopWhen = new Promise<void>((resolve) => (stop = resolve));
		kore.onRequest = () => {
			if (kore.scheduleCalls.length === 2 && stoppedAt === 0) {
				stoppedAt = Date.now();
				stop();
			}
		};
		const { run, nodeSettled } = await runWorkflow({
			items: items(10),
			parameters: params({ requestsPerMinute: 60, maxConcurrency: 4 }),
			credentials: clientCredentials(kore),
			stopWhen,
		}).finally(() => {
			kore.onRequest = undefined;
		});
		expect(run.status).toBe('canceled');
		const returnedAt = await nodeSettled;
		// Generous bound for a busy machine; a node ignoring Stop would need another 8 s.
		expect(returnedAt - stoppedAt).toBeLessThan(3_000);
		expect(kore.scheduleCalls).toHaveLength(2);
		// Nothing arrives later either (a node still running would send its next call within ~1 s).
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(kore.scheduleCalls).toHaveLength(2);
	});
});

describe('retries', () => {
	it('recover from injected 429 and 503, with a fresh token for every attempt', async () => {
		kore.failNext(
			{
				status: 429,
				body: { status: 'failure', message: RATE_LIMIT_MESSAGE },
				headers: { 'retry-after': '0' },
			},
			{ status: 503, body: '<html>Service Unavailable</html>', headers: { 'retry-after': '0' } },
		);
		const out = await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0 }),
			credentials: clientCredentials(kore),
		});
		expect(out[0].json).toMatchObject({ status: 'success', campaignName: 'Campaign 0' });
		expect(kore.scheduleCalls.map((c: { status: number }) => c.status)).toEqual([429, 503, 200]);
		expect(
			new Set(kore.scheduleCalls.map((c: { headers: IDataObject }) => c.headers.auth)).size,
		).toBe(3);
	});

	it('honour Retry-After (seconds) before trying again', async () => {
		kore.failNext({
			status: 429,
			body: { message: RATE_LIMIT_MESSAGE },
			headers: { 'retry-after': '1' },
		});
		await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0 }),
			credentials: clientCredentials(kore),
		});
		const [first, second] = kore.scheduleCalls;
		expect(second.at - first.at).toBeGreaterThanOrEqual(990);
	});

	it("give up after maxRetries with Kore's text and the attempt count", async () => {
		const busy = {
			status: 503,
			body: { message: 'upstream busy' },
			headers: { 'retry-after': '0' },
		};
		kore.failNext(busy, busy, busy);
		const error = await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0, maxRetries: 2 }),
			credentials: clientCredentials(kore),
		}).catch((e) => e);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Kore.ai answered HTTP 503: upstream busy (after 3 attempts)');
		expect(kore.scheduleCalls).toHaveLength(3);
	});

	it('never retry a 401', async () => {
		kore.failNext({
			status: 401,
			body: { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] },
		});
		const error = await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0 }),
			credentials: clientCredentials(kore),
		}).catch((e) => e);
		expect(error.message).toBe('Kore.ai answered HTTP 401: Invalid SDK credentials');
		expect(kore.scheduleCalls).toHaveLength(1);
	});

	it('retry a call that timed out', async () => {
		kore.failNext({ kind: 'hang' });
		const out = await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0, timeout: 1 }),
			credentials: clientCredentials(kore),
		});
		expect(out[0].json.status).toBe('success');
		expect(kore.scheduleCalls).toHaveLength(2);
	});

	it('after the last timeout, say plainly that Kore may have done it and that running again is safe', async () => {
		kore.failNext({ kind: 'hang' }, { kind: 'hang' });
		const error = await runNode({
			items: items(1),
			parameters: params({ requestsPerMinute: 0, timeout: 1, maxRetries: 1 }),
			credentials: clientCredentials(kore),
		}).catch((e) => e);
		expect(error.message).toMatch(
			/^Could not reach Kore\.ai at .*: no answer came within 1 s \(after 2 attempts\)$/,
		);
		expect(error.description).toMatch(
			/^Kore\.ai may still have carried it out\. Running this item again is safe: a new schedule replaces the previous one/,
		);
	});

	it('a refused connection (nothing sent) does not claim Kore may have done it', async () => {
		const error = await runNodeExpectingError({
			items: items(1),
			parameters: params({ requestsPerMinute: 0 }),
			credentials: clientCredentials(await refusedHost()),
		});
		expect(error.message).toMatch(/the connection was refused/);
		expect(error.description).not.toMatch(/may still have carried it out/);
	});
});

describe('concurrency', () => {
	it('keeps output order and pairing equal to input order when calls finish out of order', async () => {
		for (let i = 0; i < 12; i++) kore.latencyFor(`Campaign ${i}`, (12 - i) * 15);
		const out = await runNode({
			items: items(12),
			parameters: params({ requestsPerMinute: 0, maxConcurrency: 6 }),
			credentials: clientCredentials(kore),
		});
		expect(out.map((o) => o.json.campaignName)).toEqual(
			Array.from({ length: 12 }, (_, i) => `Campaign ${i}`),
		);
		expect(out.map((o) => o.pairedItem)).toEqual(
			Array.from({ length: 12 }, (_, i) => ({ item: i })),
		);
		// The stand-in did answer them out of order (later rows were faster).
		const answered = [...kore.scheduleCalls]
			.sort((a: { answeredAt: number }, b: { answeredAt: number }) => a.answeredAt - b.answeredAt)
			.map((c: { query: IDataObject }) => c.query.campaignName);
		expect(answered).not.toEqual(out.map((o) => o.json.campaignName));
	});

	it('rejects an out-of-range setting before sending anything', async () => {
		const error = await runNodeExpectingError({
			items: items(2),
			parameters: params({ maxConcurrency: 0 }),
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe('Max Concurrency must be a whole number from 1 to 50; got 0.');
		expect(kore.received).toHaveLength(0);
	});
});

// Last in the file: its Requests per Minute of 1 counts on the stand-in's account for a minute
// after its call (README, "Rate limits, retries and timeouts"), which would slow any test after it in this file.
describe('Stop at a slow pace', () => {
	it("n8n's Stop ends calls waiting a long turn at once, not when their turn comes", async () => {
		// 1/min: the first call goes at once, the other rows wait a minute in the account's queue.
		// Stop comes a second after the first call, once it is answered: with no call in flight for
		// n8n to abort (whose failure would also end the run), only the node's own listener on the
		// execution's cancel signal ends the waiting rows. (Were the answer slower, the test would
		// still pass; it would just prove less.)
		let stoppedAt = 0;
		let stop: () => void = () => undefined;
		const stopWhen = new Promise<void>((resolve) => (stop = resolve));
		kore.onRequest = () => {
			if (stoppedAt !== 0) return;
			stoppedAt = -1;
			setTimeout(() => {
				stoppedAt = Date.now();
				stop();
			}, 1_000);
		};
		const { run, nodeSettled } = await runWorkflow({
			items: items(3),
			parameters: params({ requestsPerMinute: 1, maxConcurrency: 3 }),
			credentials: clientCredentials(kore),
			stopWhen,
		}).finally(() => {
			kore.onRequest = undefined;
		});
		expect(run.status).toBe('canceled');
		// A node that waited for the next turn would return a minute after the stop.
		expect((await nodeSettled) - stoppedAt).toBeLessThan(20_000);
		expect(kore.scheduleCalls).toHaveLength(1);
	}, 90_000);
});
