import type { KoreFailure, KoreOutcome } from './koreResponse';

export interface RetryPolicy {
	/** Retries after the first attempt; 0 = never retry. */
	maxRetries: number;
	/** First backoff for gateway errors and broken connections; doubles each retry. */
	baseDelayMs: number;
	/** First backoff after a rate-limit answer without Retry-After; doubles each retry. */
	rateLimitBaseDelayMs: number;
	/** No wait is longer than this, Retry-After included. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 1_000,
	rateLimitBaseDelayMs: 5_000,
	maxDelayMs: 60_000,
};

/** How long everyone on the account holds back after a rate-limit answer: Retry-After, capped, or the base delay. */
export function rateLimitPauseMs(failure: KoreFailure, policy: RetryPolicy): number {
	return Math.min(failure.retryAfterMs ?? policy.rateLimitBaseDelayMs, policy.maxDelayMs);
}

/**
 * How long to wait before retry number `retry` (1-based) after `failure`: Kore's Retry-After
 * when given (capped), else exponential backoff with jitter (between half and all of it).
 */
export function backoffMs(
	failure: KoreFailure,
	retry: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, policy.maxDelayMs);
	const base = failure.rateLimited ? policy.rateLimitBaseDelayMs : policy.baseDelayMs;
	const exponential = Math.min(base * 2 ** (retry - 1), policy.maxDelayMs);
	return Math.round(exponential * (0.5 + random() / 2));
}

export interface RetryHooks {
	/** Called before every attempt (the account limiter grants a slot here). */
	beforeAttempt: () => Promise<void>;
	/** Called with the wait before a retry (to sleep, and to hold other calls back). */
	waitBeforeRetry: (ms: number, failure: KoreFailure) => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or retries run out. Only failures marked
 * retryable (rate limit, 502/503/504, broken connections, timeouts) are tried again; anything
 * else, a 401 or a validation error, is final at once. The last failure is returned as is,
 * with the number of attempts made.
 */
export async function withRetries(
	attempt: () => Promise<KoreOutcome>,
	policy: RetryPolicy,
	hooks: RetryHooks,
): Promise<{ outcome: KoreOutcome; attempts: number }> {
	let outcome: KoreOutcome;
	let attempts = 0;
	for (;;) {
		await hooks.beforeAttempt();
		outcome = await attempt();
		attempts++;
		if (outcome.ok || !outcome.retryable || attempts > policy.maxRetries)
			return { outcome, attempts };
		await hooks.waitBeforeRetry(backoffMs(outcome, attempts, policy), outcome);
	}
}
