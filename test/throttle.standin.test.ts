import type { IDataObject } from 'n8n-workflow';

import { runNode } from './helpers/engine';
import { clientCredentials, KORE, WINDOW } from './helpers/fixtures';

const { startKoreStandIn, RATE_LIMIT_MESSAGE } = require('./standin/koreStandIn.js');

let kore: Awaited<ReturnType<typeof startKoreStandIn>>;
beforeAll(async () => {
	kore = await startKoreStandIn({ ...KORE });
});
afterAll(async () => kore.close());
beforeEach(() => kore.reset());

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { row: i } }));
const params = (options: IDataObject) => (i: number) => ({ operation: 'schedule', campaignName: `Campaign ${i}`, ...WINDOW, options });

/** Largest number of calls the stand-in received within any `windowMs`. */
function peakPerWindow(times: number[], windowMs: number): number {
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

describe('rate limit (scaled: the stand-in allows 10 calls per second, i.e. 600/min)', () => {
	it('with requestsPerMinute = 600 the limit is never exceeded, and it is reached', async () => {
		kore.setRateLimit(10, 1000);
		const started = Date.now();
		const out = await runNode({ items: items(30), parameters: params({ requestsPerMinute: 600, maxConcurrency: 4 }), credentials: clientCredentials(kore.url) });
		const elapsed = Date.now() - started;
		expect(kore.counters).toMatchObject({ total: 30, accepted: 30, rateLimited: 0 });
		expect(out.every((o) => o.json.status === 'success')).toBe(true);
		expect(peakPerWindow(kore.scheduleCalls.map((c: { at: number }) => c.at), 1000)).toBeLessThanOrEqual(10);
		// 29 gaps of 103 ms: the pacing must have waited about 3 s. The upper bound is generous;
		// the benchmark measures the achieved rate precisely.
		expect(elapsed).toBeGreaterThanOrEqual(29 * 103);
		expect(elapsed).toBeLessThan(15_000);
	});

	it('control: without a limit the same run gets rejected by the stand-in (so the test above can fail)', async () => {
		kore.setRateLimit(10, 1000);
		const out = await runNode({
			items: items(30),
			parameters: params({ requestsPerMinute: 0, maxConcurrency: 4, maxRetries: 0 }),
			credentials: clientCredentials(kore.url),
			continueOnFail: true,
		});
		expect(kore.counters.rateLimited).toBeGreaterThan(0);
		expect(out.filter((o) => o.json.error).length).toBe(kore.counters.rateLimited);
		expect(out.find((o) => o.json.error)?.json.error).toBe(`Kore.ai's rate limit was exceeded: ${RATE_LIMIT_MESSAGE}`);
	});
});

describe('retries', () => {
	it('recover from injected 429 and 503, with a fresh token for every attempt', async () => {
		kore.failNext(
			{ status: 429, body: { status: 'failure', message: RATE_LIMIT_MESSAGE }, headers: { 'retry-after': '0' } },
			{ status: 503, body: '<html>Service Unavailable</html>', headers: { 'retry-after': '0' } },
		);
		const out = await runNode({ items: items(1), parameters: params({ requestsPerMinute: 0 }), credentials: clientCredentials(kore.url) });
		expect(out[0].json).toMatchObject({ status: 'success', campaignName: 'Campaign 0' });
		expect(kore.scheduleCalls.map((c: { status: number }) => c.status)).toEqual([429, 503, 200]);
		expect(new Set(kore.scheduleCalls.map((c: { headers: IDataObject }) => c.headers.auth)).size).toBe(3);
	});

	it('honour Retry-After (seconds) before trying again', async () => {
		kore.failNext({ status: 429, body: { message: RATE_LIMIT_MESSAGE }, headers: { 'retry-after': '1' } });
		await runNode({ items: items(1), parameters: params({ requestsPerMinute: 0 }), credentials: clientCredentials(kore.url) });
		const [first, second] = kore.scheduleCalls;
		expect(second.at - first.at).toBeGreaterThanOrEqual(990);
	});

	it('give up after maxRetries with Kore\'s text and the attempt count', async () => {
		const busy = { status: 503, body: { message: 'upstream busy' }, headers: { 'retry-after': '0' } };
		kore.failNext(busy, busy, busy);
		const error = await runNode({ items: items(1), parameters: params({ requestsPerMinute: 0, maxRetries: 2 }), credentials: clientCredentials(kore.url) }).catch((e) => e);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Kore.ai answered HTTP 503: upstream busy (after 3 attempts)');
		expect(kore.scheduleCalls).toHaveLength(3);
	});

	it('never retry a 401', async () => {
		kore.failNext({ status: 401, body: { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] } });
		const error = await runNode({ items: items(1), parameters: params({ requestsPerMinute: 0 }), credentials: clientCredentials(kore.url) }).catch((e) => e);
		expect(error.message).toBe('Kore.ai answered HTTP 401: Invalid SDK credentials');
		expect(kore.scheduleCalls).toHaveLength(1);
	});

	it('retry a call that timed out', async () => {
		kore.failNext({ kind: 'hang' });
		const out = await runNode({ items: items(1), parameters: params({ requestsPerMinute: 0, timeout: 1 }), credentials: clientCredentials(kore.url) });
		expect(out[0].json.status).toBe('success');
		expect(kore.scheduleCalls).toHaveLength(2);
	});
});

describe('concurrency', () => {
	it('keeps output order and pairing equal to input order when calls finish out of order', async () => {
		for (let i = 0; i < 12; i++) kore.latencyFor(`Campaign ${i}`, (12 - i) * 15);
		const out = await runNode({ items: items(12), parameters: params({ requestsPerMinute: 0, maxConcurrency: 6 }), credentials: clientCredentials(kore.url) });
		expect(out.map((o) => o.json.campaignName)).toEqual(Array.from({ length: 12 }, (_, i) => `Campaign ${i}`));
		expect(out.map((o) => o.pairedItem)).toEqual(Array.from({ length: 12 }, (_, i) => ({ item: i })));
		// The stand-in did answer them out of order (later rows were faster).
		const answered = [...kore.scheduleCalls]
			.sort((a: { answeredAt: number }, b: { answeredAt: number }) => a.answeredAt - b.answeredAt)
			.map((c: { query: IDataObject }) => c.query.campaignName);
		expect(answered).not.toEqual(out.map((o) => o.json.campaignName));
	});

	it('rejects an out-of-range setting before sending anything', async () => {
		const error = await runNode({ items: items(2), parameters: params({ maxConcurrency: 0 }), credentials: clientCredentials(kore.url) }).catch((e) => e);
		expect(error.message).toBe('Max Concurrency must be a whole number from 1 to 50; got 0.');
		expect(kore.received).toHaveLength(0);
	});
});
