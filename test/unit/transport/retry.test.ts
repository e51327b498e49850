/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import { mapInOrder } from '../../../nodes/KoreCampaign/run/pool';
import type { KoreFailure } from '../../../nodes/KoreCampaign/transport/koreAnswer';
import {
	backoffMs,
	DEFAULT_RETRY_POLICY,
	rateLimitPauseMs,
	retryLeft,
} from '../../../nodes/KoreCampaign/transport/retry';

const failure = (over: Partial<KoreFailure>): KoreFailure => ({
	ok: false,
	httpCode: 503,
	message: 'm',
	description: 'd',
	retryable: true,
	notCarriedOut: false,
	maybeDone: true,
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

	it('starts nothing new after a failure, waits for calls in flight, throws the failure that came first', async () => {
		// Item 0 is still in flight when item 2 fails; it fails afterwards, because of the stop (as
		// an item waiting to retry does). The run reports item 2's failure: the cause, not the effect.
		let release: () => void = () => undefined;
		const item0 = new Promise<void>((resolve) => (release = resolve));
		const started: number[] = [];
		let finished = 0;
		const promise = mapInOrder(50, 3, async (i) => {
			started.push(i);
			if (i === 0) {
				await item0;
				finished++;
				throw new Error('item 0: stopped');
			}
			await tick(1);
			finished++;
			if (i === 2) {
				setTimeout(release, 1);
				throw new Error('item 2');
			}
			return i;
		});
		await expect(promise).rejects.toThrow('item 2');
		expect(started.length).toBeLessThan(10);
		expect(finished).toBe(started.length);
	});

	it('handles no items', async () => {
		expect(await mapInOrder(0, 4, async () => 1)).toEqual([]);
	});
});

describe('retryLeft', () => {
	const policy = DEFAULT_RETRY_POLICY;
	const rateLimit = failure({ httpCode: 429, rateLimited: true, notCarriedOut: true });
	const gateway = failure({});

	it('rate-limit answers do not use up Max Retries: they have a budget of their own', () => {
		expect(policy.maxRetries).toBe(3);
		expect(retryLeft(rateLimit, { failures: 4, rateLimited: 4 }, policy)).toBe(true);
		expect(retryLeft(rateLimit, { failures: 20, rateLimited: 20 }, policy)).toBe(true);
		expect(retryLeft(rateLimit, { failures: 21, rateLimited: 21 }, policy)).toBe(false);
		expect(policy.rateLimitRetries).toBe(20);
	});

	it('other failures count against Max Retries, rate-limit answers between them aside', () => {
		expect(retryLeft(gateway, { failures: 3, rateLimited: 0 }, policy)).toBe(true);
		expect(retryLeft(gateway, { failures: 4, rateLimited: 0 }, policy)).toBe(false);
		expect(retryLeft(gateway, { failures: 13, rateLimited: 10 }, policy)).toBe(true);
		expect(retryLeft(gateway, { failures: 14, rateLimited: 10 }, policy)).toBe(false);
	});

	it('Max Retries 0 retries nothing, and a failure that cannot succeed later is never retried', () => {
		const none = { ...policy, maxRetries: 0 };
		expect(retryLeft(rateLimit, { failures: 1, rateLimited: 1 }, none)).toBe(false);
		expect(retryLeft(gateway, { failures: 1, rateLimited: 0 }, none)).toBe(false);
		const final = failure({ httpCode: 404, retryable: false });
		expect(retryLeft(final, { failures: 1, rateLimited: 0 }, policy)).toBe(false);
	});
});
