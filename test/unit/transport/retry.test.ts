import { mapInOrder } from '../../../nodes/KoreCampaignSchedule/helpers/pool';
import type {
	KoreFailure,
	KoreOutcome,
} from '../../../nodes/KoreCampaignSchedule/transport/koreResponse';
import {
	backoffMs,
	DEFAULT_RETRY_POLICY,
	rateLimitPauseMs,
	withRetries,
} from '../../../nodes/KoreCampaignSchedule/transport/retry';

const failure = (over: Partial<KoreFailure>): KoreFailure => ({
	ok: false,
	httpCode: 503,
	message: 'm',
	description: 'd',
	retryable: true,
	...over,
});

describe('rateLimitPauseMs', () => {
	it("holds the account back for Kore's Retry-After, capped, else the rate-limit base delay", () => {
		const policy = DEFAULT_RETRY_POLICY;
		expect(rateLimitPauseMs(failure({ retryAfterMs: 2500 }), policy)).toBe(2500);
		expect(rateLimitPauseMs(failure({ retryAfterMs: 0 }), policy)).toBe(0);
		expect(rateLimitPauseMs(failure({ retryAfterMs: 3_600_000 }), policy)).toBe(60_000);
		expect(rateLimitPauseMs(failure({}), policy)).toBe(5_000);
		expect(rateLimitPauseMs(failure({}), { ...policy, maxDelayMs: 3_000 })).toBe(3_000);
	});
});

describe('backoffMs', () => {
	const policy = DEFAULT_RETRY_POLICY;
	it('honours Retry-After within the cap', () => {
		expect(backoffMs(failure({ retryAfterMs: 2500 }), 1, policy)).toBe(2500);
		expect(backoffMs(failure({ retryAfterMs: 3_600_000 }), 1, policy)).toBe(policy.maxDelayMs);
	});
	it('backs off exponentially with jitter between half and all of it', () => {
		expect(backoffMs(failure({}), 1, policy, () => 0)).toBe(500);
		expect(backoffMs(failure({}), 1, policy, () => 1)).toBe(1000);
		expect(backoffMs(failure({}), 3, policy, () => 1)).toBe(4000);
		expect(backoffMs(failure({ httpCode: 429, rateLimited: true }), 2, policy, () => 1)).toBe(
			10_000,
		);
		expect(backoffMs(failure({}), 30, policy, () => 1)).toBe(policy.maxDelayMs);
	});
});

describe('withRetries', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3 };
	const success: KoreOutcome = { ok: true, id: 'cd-1', status: 'success', message: '' };

	async function run(outcomes: KoreOutcome[]) {
		const waits: number[] = [];
		let before = 0;
		const result = await withRetries(async () => outcomes.shift() as KoreOutcome, policy, {
			beforeAttempt: async () => {
				before++;
			},
			waitBeforeRetry: async (ms) => {
				waits.push(ms);
			},
		});
		return { ...result, waits, before };
	}

	it('retries retryable failures until success, pacing every attempt', async () => {
		const r = await run([
			failure({ httpCode: 429, retryAfterMs: 0 }),
			failure({ httpCode: 503 }),
			success,
		]);
		expect(r.outcome).toEqual(success);
		expect(r.attempts).toBe(3);
		expect(r.before).toBe(3);
		expect(r.waits).toHaveLength(2);
	});

	it('gives up after maxRetries and returns the last failure', async () => {
		const r = await run([
			failure({}),
			failure({}),
			failure({}),
			failure({ message: 'last' }),
			success,
		]);
		expect(r.attempts).toBe(4);
		expect(r.outcome).toMatchObject({ ok: false, message: 'last' });
	});

	it('never retries a final failure such as a 401', async () => {
		const r = await run([failure({ httpCode: 401, retryable: false }), success]);
		expect(r.attempts).toBe(1);
		expect(r.waits).toEqual([]);
	});
});

describe('mapInOrder', () => {
	const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	it('returns results in index order with at most N in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await mapInOrder(20, 4, async (i) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await tick((20 - i) % 7);
			inFlight--;
			return i * 10;
		});
		expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
		expect(peak).toBe(4);
	});

	it('starts nothing new after a failure, waits for calls in flight, throws the lowest failed index', async () => {
		const started: number[] = [];
		let finished = 0;
		const promise = mapInOrder(50, 3, async (i) => {
			started.push(i);
			await tick(i === 1 ? 5 : 2);
			finished++;
			if (i === 1 || i === 2) throw new Error(`item ${i}`);
			return i;
		});
		await expect(promise).rejects.toThrow('item 1');
		expect(started.length).toBeLessThan(10);
		expect(finished).toBe(started.length);
	});

	it('handles no items', async () => {
		expect(await mapInOrder(0, 4, async () => 1)).toEqual([]);
	});
});
