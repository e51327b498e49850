/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * N n8n processes sharing one Kore.ai account, in simulated time: each process has its own
 * AccountLimiter (as each n8n worker has), its callers send items without pause and retry as the
 * node's client does (the same retry budget, backoff and pauses), against an account that
 * accepts 60 calls in any rolling minute. Optionally an outside client (Kore's UI, another tool)
 * uses part of the limit at a steady pace and never slows down. No real time passes: a run of
 * 30 simulated minutes takes well under a second. Deterministic for a given seed.
 */
import type { LimiterClock } from '../nodes/KoreCampaign/transport/accountLimiter';
import { AccountLimiter, WaitAborted } from '../nodes/KoreCampaign/transport/accountLimiter';
import type { KoreFailure } from '../nodes/KoreCampaign/transport/koreAnswer';
import {
	backoffMs,
	DEFAULT_RETRY_POLICY,
	rateLimitPauseMs,
	retryLeft,
} from '../nodes/KoreCampaign/transport/retry';

export interface SimulationSetup {
	/** n8n processes, each with its own limiter. */
	processes: number;
	/** Calls per minute an outside client uses, whatever the answers (0 = none). */
	outsidePerMinute?: number;
	/** The account's limit, in calls per rolling minute. */
	limitPerMinute?: number;
	/** The node's Requests per Minute in every process. */
	requestsPerMinute?: number;
	/** Items each process works on at once (its queue for a slot is never empty). */
	callersPerProcess?: number;
	/** Whether the account's rate-limit answers carry Retry-After (Kore's is not documented). */
	retryAfter?: boolean;
	minutes?: number;
	/** Rejections and use are counted after this many minutes (the steady state). */
	warmupMinutes?: number;
	seed?: number;
	/** Items each process has in all (the real queue-mode test's rows); unset: items without end. */
	itemsPerProcess?: number;
	/** Each caller starts after a random delay under this (jobs reaching workers one by one). */
	startSpreadMs?: number;
}

/**
 * The real queue-mode test (test/e2e/queue/sharedAccount.js) as simulated: two workers left at
 * 60/min against an account allowing 6, 15 rows each, 10 at a time, each starting within 10 s.
 */
export const QUEUE_TEST_CASE: SimulationSetup = {
	processes: 2,
	limitPerMinute: 6,
	requestsPerMinute: 60,
	minutes: 30,
	warmupMinutes: 1,
	itemsPerProcess: 15,
	callersPerProcess: 10,
	startSpreadMs: 10_000,
};

export interface SimulationResult {
	/** Calls the account accepted after the warm-up (all clients), as a share of its limit. */
	limitUsed: number;
	/** The processes' calls accepted after the warm-up, as a share of what the outside client left. */
	leftoverUsed: number;
	/** The processes' calls after the warm-up, and how many of them the account rejected. */
	calls: number;
	rejected: number;
	/** Rejections in the whole run, the warm-up included. */
	rejectedAll: number;
	/** The outside client's calls rejected after the warm-up. */
	outsideRejected: number;
	/** Items done, and items failed because retries ran out. */
	items: number;
	failed: number;
	/** The longest time one item took from asking for its first slot to its accepted answer. */
	worstWaitMs: number;
	/** The lowest pace any process had (calls per minute). */
	lowestRate: number;
	/** When the last item was done (with itemsPerProcess). */
	lastDoneMs: number;
}

const ACCOUNT = 'simulated account';
const ANSWER_MS = 200;
const MINUTE = 60_000;

/** A small seeded generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A clock whose waits are timers fired in order of time by `run`, moving `now`. */
function simulatedClock() {
	let now = 0;
	let order = 0;
	const timers: Array<{ at: number; order: number; fire: () => void }> = [];
	const add = (at: number, fire: () => void) => {
		const timer = { at, order: order++, fire };
		let i = timers.length;
		while (
			i > 0 &&
			(timers[i - 1].at > at || (timers[i - 1].at === at && timers[i - 1].order > timer.order))
		)
			i--;
		timers.splice(i, 0, timer);
		return timer;
	};
	const clock: LimiterClock = {
		now: () => now,
		wait: async (ms, signal) =>
			await new Promise<void>((resolve, reject) => {
				if (signal?.aborted) return reject(new WaitAborted());
				const onAbort = () => {
					const at = timers.indexOf(timer);
					if (at >= 0) timers.splice(at, 1);
					reject(new WaitAborted());
				};
				const timer = add(now + Math.max(0, ms), () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				});
				signal?.addEventListener('abort', onAbort, { once: true });
			}),
	};
	/** Fires timers in order until `end`; pending promise chains settle between two timers. */
	async function run(end: number) {
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			const timer = timers[0];
			if (timer === undefined || timer.at > end) break;
			timers.shift();
			now = timer.at;
			timer.fire();
		}
		now = end;
	}
	return { clock, run, now: () => now };
}

/** An account accepting `limit` calls in any rolling minute; rejected calls do not count. */
function rollingAccount(limit: number) {
	const accepted: number[] = [];
	return {
		/** Whether a call arriving at `now` is accepted; if not, when a place frees up. */
		offer(now: number): { ok: true } | { ok: false; freeInMs: number } {
			while (accepted.length > 0 && accepted[0] <= now - MINUTE) accepted.shift();
			if (accepted.length >= limit) return { ok: false, freeInMs: accepted[0] + MINUTE - now };
			accepted.push(now);
			return { ok: true };
		},
	};
}

export async function simulateSharedAccount(setup: SimulationSetup): Promise<SimulationResult> {
	const {
		processes,
		outsidePerMinute = 0,
		limitPerMinute = 60,
		requestsPerMinute = 60,
		callersPerProcess = 3,
		retryAfter = false,
		minutes = 30,
		warmupMinutes = 2,
		seed = 1,
		itemsPerProcess,
		startSpreadMs = 0,
	} = setup;
	const sim = simulatedClock();
	const account = rollingAccount(limitPerMinute);
	const end = minutes * MINUTE;
	const warmup = warmupMinutes * MINUTE;
	const policy = DEFAULT_RETRY_POLICY;
	const result: SimulationResult = {
		limitUsed: 0,
		leftoverUsed: 0,
		calls: 0,
		rejected: 0,
		rejectedAll: 0,
		outsideRejected: 0,
		items: 0,
		failed: 0,
		worstWaitMs: 0,
		lowestRate: requestsPerMinute,
		lastDoneMs: 0,
	};
	let acceptedAfterWarmup = 0;
	let oursAcceptedAfterWarmup = 0;

	/** One item as the node's client sends it: a slot, the call, and retries while the budget lasts. */
	async function sendItem(limiter: AccountLimiter, random: () => number) {
		const asked = sim.now();
		let attempts = 0;
		let rateLimited = 0;
		for (;;) {
			const slot = await limiter.acquire(ACCOUNT, requestsPerMinute);
			const sentAt = sim.now();
			const answer = account.offer(sentAt);
			if (sentAt >= warmup) result.calls++;
			await sim.clock.wait(ANSWER_MS);
			attempts++;
			if (answer.ok) {
				if (sentAt >= warmup) {
					acceptedAfterWarmup++;
					oursAcceptedAfterWarmup++;
				}
				result.items++;
				result.lastDoneMs = sim.now();
				result.worstWaitMs = Math.max(result.worstWaitMs, sim.now() - asked);
				return;
			}
			rateLimited++;
			result.rejectedAll++;
			if (sentAt >= warmup) result.rejected++;
			const failure: KoreFailure = {
				ok: false,
				httpCode: 429,
				message: "Kore.ai's rate limit was exceeded",
				description: '',
				retryable: true,
				notCarriedOut: true,
				maybeDone: false,
				rateLimited: true,
				...(retryAfter ? { retryAfterMs: Math.ceil(answer.freeInMs / 1000) * 1000 } : {}),
			};
			limiter.rateLimited(ACCOUNT, slot, rateLimitPauseMs(failure, policy));
			result.lowestRate = Math.min(result.lowestRate, limiter.currentRate(ACCOUNT));
			if (!retryLeft(failure, { failures: attempts, rateLimited }, policy)) {
				result.failed++;
				return;
			}
			await sim.clock.wait(backoffMs(failure, rateLimited, policy, random));
		}
	}

	for (let p = 0; p < processes; p++) {
		const random = seededRandom(seed * 1_000 + p);
		const limiter = new AccountLimiter(sim.clock, undefined, random);
		let left = itemsPerProcess ?? Number.POSITIVE_INFINITY;
		for (let c = 0; c < callersPerProcess; c++) {
			void (async () => {
				if (startSpreadMs > 0) await sim.clock.wait(startSpreadMs * random());
				while (sim.now() < end && left-- > 0) await sendItem(limiter, random);
			})();
		}
	}
	if (outsidePerMinute > 0) {
		const gap = MINUTE / outsidePerMinute;
		void (async () => {
			for (;;) {
				const at = sim.now();
				const answer = account.offer(at);
				if (at >= warmup) {
					if (answer.ok) acceptedAfterWarmup++;
					else result.outsideRejected++;
				}
				await sim.clock.wait(gap);
			}
		})();
	}
	await sim.run(end);
	const steadyMinutes = (end - warmup) / MINUTE;
	result.limitUsed = acceptedAfterWarmup / (limitPerMinute * steadyMinutes);
	result.leftoverUsed =
		oursAcceptedAfterWarmup / ((limitPerMinute - outsidePerMinute) * steadyMinutes);
	return result;
}
