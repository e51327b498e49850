import type { KoreFailure } from './koreAnswer';

export interface RetryPolicy {
	/** Retries after failures other than rate-limit answers; 0 = never retry anything. */
	maxRetries: number;
	/**
	 * Retries after rate-limit answers, counted apart: such an answer is the account's pace
	 * settling (many workers, other tools), not a fault, so it does not use up Max Retries.
	 */
	rateLimitRetries: number;
	/** First backoff for gateway errors and broken connections; doubles each retry. */
	baseDelayMs: number;
	/** First backoff after a rate-limit answer without Retry-After; doubles each retry. */
	rateLimitBaseDelayMs: number;
	/** No wait is longer than this, Retry-After included. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	rateLimitRetries: 20,
	baseDelayMs: 1_000,
	rateLimitBaseDelayMs: 5_000,
	maxDelayMs: 60_000,
};

/** Failed attempts of one call so far: all of them, and how many of them were rate-limit answers. */
export interface FailedAttempts {
	failures: number;
	rateLimited: number;
}

/**
 * Whether a call may be tried again after `failure` (the last of `failed`): rate-limit answers
 * against their own budget, other failures against Max Retries. Max Retries 0 retries nothing.
 */
export function retryLeft(
	failure: KoreFailure,
	failed: FailedAttempts,
	policy: RetryPolicy,
): boolean {
	if (!failure.retryable || policy.maxRetries <= 0) return false;
	if (failure.rateLimited) return failed.rateLimited <= policy.rateLimitRetries;
	return failed.failures - failed.rateLimited <= policy.maxRetries;
}

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
