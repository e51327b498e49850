import type { KoreFailure } from './koreAnswer';

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

/** How long to wait before retry number `retry` (1-based) after `failure`. */
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
