/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import { getEventListeners } from 'node:events';
import { runInThisContext } from 'node:vm';

import { QUEUE_TEST_CASE, simulateSharedAccount } from '../../../dev/limiterSimulation';
import type { LimiterClock, Slot } from '../../../nodes/KoreCampaign/transport/accountLimiter';
import {
	AccountLimiter,
	CUT_FACTOR,
	GROWTH_JITTER,
	GROWTH_AT_SETTING,
	GROWTH_PER_MINUTE,
	MAX_WAIT_MS,
	MIN_RATE_PER_MINUTE,
	SAFETY_MARGIN,
	SYSTEM_CLOCK,
	WaitAborted,
	waitOrAbort,
	WINDOW_MS,
} from '../../../nodes/KoreCampaign/transport/accountLimiter';

/**
 * A virtual clock: `wait` registers a timer; `run` fires timers earliest first, moving the
 * clock, until every caller is done. Deterministic: no real time passes.
 */
function virtualClock(start = 1_000_000) {
	let now = start;
	const timers: Array<{
		at: number;
		fire: () => void;
		fail: (e: Error) => void;
		signal?: AbortSignal;
	}> = [];
	const clock: LimiterClock = {
		now: () => now,
		wait: async (ms, signal) =>
			await new Promise<void>((fire, fail) => {
				if (signal?.aborted) return fail(new WaitAborted());
				const onAbort = () => {
					const at = timers.indexOf(timer);
					if (at >= 0) timers.splice(at, 1);
					fail(new WaitAborted());
				};
				const timer = {
					at: now + ms,
					fire: () => {
						signal?.removeEventListener('abort', onAbort);
						fire();
					},
					fail,
					signal,
				};
				timers.push(timer);
				signal?.addEventListener('abort', onAbort);
			}),
	};
	/** Runs until `work` settles; `onTick` may act between timers (at most 100,000 of them). */
	async function run<T>(
		work: Promise<T>,
		onTick: (now: number) => void = () => undefined,
	): Promise<T> {
		let settled = false;
		const done = work.finally(() => (settled = true));
		done.catch(() => undefined);
		// Ten turns of the event loop in a row with no timer to fire and the work not settled: it
		// waits for nothing, and never will.
		for (let guard = 0, idle = 0; guard < 100_000 && idle < 10 && !settled; guard++) {
			await new Promise((resolve) => setImmediate(resolve));
			if (settled) break;
			timers.sort((x, y) => x.at - y.at);
			const timer = timers.shift();
			if (timer) {
				idle = 0;
				now = Math.max(now, timer.at);
				timer.fire();
				onTick(now);
			} else idle++;
		}
		// A mutant (or a bug) that leaves a caller waiting for nothing fails here, not by timing out.
		if (!settled) throw new Error('the work never settled: a caller waits with no timer left');
		return await done;
	}
	return {
		clock,
		run,
		advance: (ms: number) => (now += ms),
		get now() {
			return now;
		},
	};
}

const ACCOUNT = 'https://platform.kore.ai acc-1';

/**
 * Under jest's fake timers: what `promise` settled to once pending callbacks have run, without
 * moving the clock; the test fails at once if it is still waiting (instead of hanging).
 */
async function settledByNow<T>(promise: Promise<T>): Promise<T> {
	let settled = false;
	const done = promise.finally(() => (settled = true));
	done.catch(() => undefined);
	for (let turn = 0; turn < 10 && !settled; turn++) await jest.advanceTimersByTimeAsync(0);
	if (!settled) throw new Error('expected settled by now, but it is still waiting');
	return await done;
}

/**
 * What `promise` settles to when it settles without any timer firing (a slot free at once, a
 * stop at once); otherwise the test fails at once instead of hanging until Jest's timeout.
 */
async function atOnce<T>(promise: Promise<T>): Promise<T> {
	let settled = false;
	const done = promise.finally(() => (settled = true));
	done.catch(() => undefined);
	for (let turn = 0; turn < 10 && !settled; turn++) {
		await new Promise((resolve) => setImmediate(resolve));
	}
	if (!settled) throw new Error('expected at once, but it is still waiting');
	return await done;
}
const interval = (perMinute: number, share = 1) =>
	Math.ceil((60_000 / (perMinute * share)) * SAFETY_MARGIN);

/** `callers` concurrent callers each starting `calls` calls; the start times, in order. */
async function startsOf(
	limiter: AccountLimiter,
	v: ReturnType<typeof virtualClock>,
	callers: Array<{ perMinute: number; calls: number; account?: string }>,
) {
	const starts: number[] = [];
	const caller = async ({
		perMinute,
		calls,
		account = ACCOUNT,
	}: {
		perMinute: number;
		calls: number;
		account?: string;
	}) => {
		for (let i = 0; i < calls; i++) {
			await limiter.acquire(account, perMinute);
			starts.push(v.now);
		}
	};
	await v.run(Promise.all(callers.map(caller)));
	return starts;
}

describe('AccountLimiter (virtual clock)', () => {
	it('spaces call starts evenly at the limit plus the margin, the first at once', async () => {
		const v = virtualClock();
		const starts = await startsOf(new AccountLimiter(v.clock), v, [{ perMinute: 60, calls: 5 }]);
		expect(interval(60)).toBe(1025);
		expect(starts.map((t) => t - starts[0])).toEqual([0, 1025, 2050, 3075, 4100]);
	});

	it('shares one limit between concurrent runs of the same account: never more than N in any minute, yet N reached', async () => {
		const v = virtualClock();
		// Four "runs" (loop iterations, executions, workflows) of 75 calls each, at 120/min.
		const starts = await startsOf(
			new AccountLimiter(v.clock),
			v,
			Array.from({ length: 4 }, () => ({ perMinute: 120, calls: 75 })),
		);
		expect(starts).toHaveLength(300);
		for (let i = 0; i + 120 < starts.length; i++)
			expect(starts[i + 120] - starts[i]).toBeGreaterThanOrEqual(60_000);
		expect(starts[299] - starts[0]).toBe(299 * interval(120));
	});

	it('runs one after another share it too: a new run waits for the slot the last one left', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const first = await startsOf(limiter, v, [{ perMinute: 60, calls: 1 }]);
		const second = await startsOf(limiter, v, [{ perMinute: 60, calls: 1 }]);
		expect(second[0] - first[0]).toBe(1025);
	});

	it('keeps accounts apart', async () => {
		const v = virtualClock();
		const starts = await startsOf(new AccountLimiter(v.clock), v, [
			{ perMinute: 60, calls: 1, account: 'A' },
			{ perMinute: 60, calls: 1, account: 'B' },
		]);
		expect(starts).toEqual([v.now, v.now]);
	});

	it('when runs disagree, the lowest Requests per Minute of the last minute applies to all', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const starts = await startsOf(limiter, v, [
			{ perMinute: 600, calls: 3 },
			{ perMinute: 30, calls: 1 },
		]);
		// The 30/min run joined at once: once its setting is seen, every slot is 2.05 s apart.
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		expect(gaps).toEqual([interval(600), interval(30), interval(30)]);
		expect(limiter.currentRate(ACCOUNT)).toBe(30);
		v.advance(61_000);
		expect(limiter.currentRate(ACCOUNT)).toBe(0); // settings are forgotten after a minute
	});

	it('does not wait at all without a limit', async () => {
		const v = virtualClock();
		const starts = await startsOf(new AccountLimiter(v.clock), v, [{ perMinute: 0, calls: 50 }]);
		expect(new Set(starts).size).toBe(1);
	});

	it('a rate-limit answer pauses every caller of the account, slots already granted included', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const slot = await atOnce(limiter.acquire(ACCOUNT, 60));
		// Two more callers reserve slots at +1025 and +2050 and wait for them...
		const later = [limiter.acquire(ACCOUNT, 60), limiter.acquire(ACCOUNT, 60)].map((p) =>
			p.then(() => v.now),
		);
		await new Promise((resolve) => setImmediate(resolve));
		// ...then the first call is answered "rate limit exceeded, retry after 5 s".
		limiter.rateLimited(ACCOUNT, slot, 5_000);
		const starts = await v.run(Promise.all(later));
		expect(Math.min(...starts)).toBeGreaterThanOrEqual(t0 + 5_000);
		// And the account now runs at about half the rate (climbing back slowly): ~30/min apart.
		const gap = Math.abs(starts[1] - starts[0]);
		expect(gap).toBeLessThanOrEqual(interval(60, 0.5));
		expect(gap).toBeGreaterThan(interval(60, 0.52));
	});

	it('adapts: halves once per window however many calls report it, grows back over minutes', async () => {
		const v = virtualClock();
		// random 0.5: each recovery grows at exactly its average speed.
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		// Two calls: too few to measure what the account took (three are needed), so it halves.
		const slots = await v.run(Promise.all([1, 2].map(() => limiter.acquire(ACCOUNT, 60))));
		for (const slot of slots) limiter.rateLimited(ACCOUNT, slot, 1_000);
		const cutAt = v.now;
		expect(limiter.currentRate(ACCOUNT)).toBe(30);
		// A call given its slot after the cut, answered within the window: no second cut.
		const next = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, next, 1_000);
		const growth = 1 + GROWTH_PER_MINUTE + GROWTH_AT_SETTING * 0.5;
		const minutes = (v.now - cutAt) / 60_000;
		expect(minutes).toBeGreaterThan(0);
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(30 * growth ** minutes, 5);
		v.advance(60_000);
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(30 * growth ** (minutes + 1), 5);
		v.advance(60 * 60_000);
		await v.run(limiter.acquire(ACCOUNT, 60)); // the setting counts for a minute after its last use
		expect(limiter.currentRate(ACCOUNT)).toBe(60);
	});

	it('refused within a minute of a busy start: cut to what the account took plus one, growing back as from a halving', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		// Ten callers at once at 60/min: the account takes six, refuses the seventh.
		const slots = await v.run(
			Promise.all(Array.from({ length: 7 }, () => limiter.acquire(ACCOUNT, 60))),
		);
		limiter.rateLimited(ACCOUNT, slots[6], 1_000);
		const cutAt = v.now;
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(7, 5);
		// Refused again late in the window after the cut: the account is that busy; it stays low.
		v.advance(WINDOW_MS / 2);
		const late = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, late, 1_000);
		v.advance(cutAt + WINDOW_MS - v.now);
		const halvingGrowth = 1 + GROWTH_PER_MINUTE + GROWTH_AT_SETTING * 0.5;
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(
			7 * halvingGrowth ** ((v.now - cutAt) / 60_000),
			5,
		);
	});

	it('cut seconds into a busy start, refused only early in the next window: on from what a halving leaves', async () => {
		// Someone else's burst had filled Kore's minute and then stopped: held to what a few seconds
		// measured, the pace would stay at a tenth of the free limit for a quarter of an hour.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		const slots = await v.run(
			Promise.all(Array.from({ length: 7 }, () => limiter.acquire(ACCOUNT, 60))),
		);
		limiter.rateLimited(ACCOUNT, slots[6], 1_000);
		const cutAt = v.now;
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(7, 5);
		// The refused item's retry, seconds later, is refused too (that burst is still in the minute).
		const retry = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, retry, 1_000);
		v.advance(cutAt + WINDOW_MS - 1 - v.now);
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(10);
		v.advance(1);
		const halvingGrowth = 1 + GROWTH_PER_MINUTE + GROWTH_AT_SETTING * 0.5;
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(
			30 * halvingGrowth ** ((v.now - cutAt) / 60_000),
			5,
		);
	});

	it('a first refusal measures nothing for callers that were not kept waiting: it halves', async () => {
		// Three calls spaced 20 s apart at 60/min: nobody waited, the account's answer says little.
		const idle = virtualClock();
		const spaced = new AccountLimiter(idle.clock, undefined, () => 0.5);
		let last: Slot | undefined;
		for (let i = 0; i < 3; i++) {
			last = await idle.run(spaced.acquire(ACCOUNT, 60));
			idle.advance(20_000);
		}
		spaced.rateLimited(ACCOUNT, last as Slot, 1_000);
		expect(spaced.currentRate(ACCOUNT)).toBe(30);
	});

	it('two processes sharing an account settle under the limit without any setting', async () => {
		// Two limiters (two n8n workers) at 60/min each against an account allowing 60/min.
		const v = virtualClock();
		const workers = [new AccountLimiter(v.clock), new AccountLimiter(v.clock)];
		const accepted: number[] = [];
		let rejected = 0;
		const worker = async (limiter: AccountLimiter) => {
			for (let i = 0; i < 300; i++) {
				const slot = await limiter.acquire(ACCOUNT, 60);
				const now = v.now;
				while (accepted.length > 0 && accepted[0] <= now - 60_000) accepted.shift();
				if (accepted.length >= 60) {
					rejected++;
					limiter.rateLimited(ACCOUNT, slot, 5_000);
				} else {
					accepted.push(now);
				}
			}
		};
		await v.run(Promise.all(workers.map(worker)));
		// Without adapting, half of the 600 calls would be rejected; here a few percent.
		expect(rejected).toBeGreaterThan(0);
		expect(rejected / 600).toBeLessThan(0.1);
	});

	it('an aborted caller stops waiting at once', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		await atOnce(limiter.acquire(ACCOUNT, 60));
		const stop = new AbortController();
		const waiting = limiter.acquire(ACCOUNT, 60, stop.signal);
		stop.abort();
		await expect(atOnce(waiting)).rejects.toBeInstanceOf(WaitAborted);
		await expect(atOnce(limiter.acquire(ACCOUNT, 60, stop.signal))).rejects.toBeInstanceOf(
			WaitAborted,
		);
	});

	it('stays bounded: idle accounts are forgotten, and at most maxAccounts are kept', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 10, idleMs: 60_000 });
		for (let i = 0; i < 25; i++) await atOnce(limiter.acquire(`account ${i}`, 60));
		expect(limiter.size).toBe(10);
		v.advance(120_000);
		await atOnce(limiter.acquire('a new one', 60));
		expect(limiter.size).toBe(1);
	});
});

/** Which Requests per Minute setting paces the account when runs with different settings share it. */
describe('AccountLimiter settings', () => {
	it('the lowest setting wins whichever run brought it first', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const starts = await startsOf(limiter, v, [
			{ perMinute: 30, calls: 1 },
			{ perMinute: 600, calls: 3 },
			{ perMinute: 120, calls: 1 },
		]);
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		expect(gaps).toEqual([interval(30), interval(30), interval(30), interval(30)]);
	});

	it('a run without a limit, then one with a limit: the first call of the second starts at once', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		await startsOf(limiter, v, [{ perMinute: 0, calls: 3 }]);
		const t0 = v.now;
		const starts = await startsOf(limiter, v, [{ perMinute: 60, calls: 2 }]);
		expect(starts).toEqual([t0, t0 + interval(60)]);
	});

	it('a setting counts while its callers wait for their slots, however long the queue', async () => {
		// 50 callers at 30/min wait for slots spanning 100 s; a run without a limit joining 61 s
		// later still queues behind them instead of going at once.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const slow = Array.from({ length: 50 }, () => limiter.acquire(ACCOUNT, 30).then(() => v.now));
		let join: (started: Promise<number>) => void = () => undefined;
		const fast = new Promise<Promise<number>>((resolve) => (join = resolve)).then((p) => p);
		let joinedAt = 0;
		const started = await v.run(fast, (now) => {
			if (joinedAt > 0 || now < t0 + 61_000) return;
			joinedAt = now;
			join(limiter.acquire(ACCOUNT, 0).then(() => v.now));
		});
		expect(joinedAt).toBeGreaterThan(t0 + 61_000);
		expect(await Promise.all(slow)).toHaveLength(50);
		expect(started).toBe(t0 + 50 * interval(30));
	});

	it("once no setting counts, a run without a limit is not held back by the last run's pace", async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		await startsOf(limiter, v, [{ perMinute: 1, calls: 1 }]); // next slot would be 61.5 s on
		v.advance(60_001);
		const t1 = v.now;
		expect(await startsOf(limiter, v, [{ perMinute: 0, calls: 1 }])).toEqual([t1]);
	});

	it('a caller waiting under a low setting keeps it in force, however long since its last slot: a faster run queued ahead of it is held to it', async () => {
		// Two 1/min callers queue behind one 1/min call, a 60/min caller between them. The first
		// one's slot comes 61.5 s after that call; by then no 1/min slot was given for over a minute,
		// yet the other 1/min caller still waits under that setting, so the 60/min caller is paced by
		// it too.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		await atOnce(limiter.acquire(ACCOUNT, 1));
		const started = [1, 60, 1].map((perMinute) =>
			limiter.acquire(ACCOUNT, perMinute).then(() => v.now),
		);
		expect(await v.run(Promise.all(started))).toEqual([
			t0 + interval(1),
			t0 + 2 * interval(1),
			t0 + 3 * interval(1),
		]);
	});

	it('a setting still counts exactly a minute after its last slot: a faster call then waits until it lapses a millisecond later', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		await atOnce(limiter.acquire(ACCOUNT, 6));
		v.advance(59_000);
		await atOnce(limiter.acquire(ACCOUNT, 600)); // paced at 6/min: the next turn is 10.25 s on
		v.advance(1_000);
		expect(await startsOf(limiter, v, [{ perMinute: 600, calls: 1 }])).toEqual([t0 + 60_001]);
	});

	it('reports no rate for an account it does not know', () => {
		const v = virtualClock();
		expect(new AccountLimiter(v.clock).currentRate('never used')).toBe(0);
	});
});

/** Pauses after a rate-limit answer, in detail: who goes next and when, a later answer, the bound, a stopped run. */
describe('AccountLimiter pauses', () => {
	it('callers waiting when a rate-limit answer comes keep their order and go on at the lowered pace', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const first = await atOnce(limiter.acquire(ACCOUNT, 60));
		// Three callers wait (their turns due at +1025, +2050, +3075) when the first call is refused for 0.5 s.
		const order: number[] = [];
		const later = [1, 2, 3].map((n) =>
			limiter.acquire(ACCOUNT, 60).then(() => {
				order.push(n);
				return v.now;
			}),
		);
		await new Promise((resolve) => setImmediate(resolve));
		limiter.rateLimited(ACCOUNT, first, 500);
		const starts = await v.run(Promise.all(later));
		// The pause was over before the next turn: nothing is given again, the next one goes when due...
		expect(starts[0]).toBe(t0 + interval(60));
		expect(order).toEqual([1, 2, 3]);
		// ...and the ones after it at about half the pace.
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		for (const gap of gaps) {
			expect(gap).toBeGreaterThan(interval(60, 0.52));
			expect(gap).toBeLessThanOrEqual(interval(60, 0.5));
		}
	});

	it('a caller waiting out a pause starts exactly when it ends', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		limiter.rateLimited(ACCOUNT, await atOnce(limiter.acquire(ACCOUNT, 60)), 5_000);
		expect(await startsOf(limiter, v, [{ perMinute: 60, calls: 1 }])).toEqual([t0 + 5_000]);
	});

	it('a later answer of the same burst lengthens the pause for callers already waiting', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const [a, b] = await v.run(
			Promise.all([limiter.acquire(ACCOUNT, 60), limiter.acquire(ACCOUNT, 60)]),
		);
		limiter.rateLimited(ACCOUNT, a, 1_000); // the pace halves; the pause ends at +2025
		const waiting = limiter.acquire(ACCOUNT, 60).then(() => v.now);
		await new Promise((resolve) => setImmediate(resolve));
		limiter.rateLimited(ACCOUNT, b, 5_000); // b's answer (same burst) asks for 5 s
		expect(await v.run(waiting)).toBe(t0 + interval(60) + 5_000);
		// Halved once, not twice, and growing back since a's answer 5 s ago.
		expect(limiter.currentRate(ACCOUNT)).toBeGreaterThan(30);
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(31);
	});

	it('is bounded: a caller paused again at every turn gives up after 1,000 pauses', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		limiter.rateLimited(ACCOUNT, await atOnce(limiter.acquire(ACCOUNT, 0)), 1_000);
		let turns = 0;
		const stale = { seq: -1 }; // an answer from another burst: pauses without a new halving
		const gaveUp = v.run(limiter.acquire(ACCOUNT, 0), () => {
			turns++;
			limiter.rateLimited(ACCOUNT, stale, 1_000);
		});
		await expect(gaveUp).rejects.toThrow(
			'No call slot for this Kore.ai account after 1000 rate-limit pauses.',
		);
		expect(turns).toBe(1_000);
	});

	it("is bounded by pauses alone: a caller under its own setting still gets 1,000 pauses, however long that setting's last slot lies back", async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		limiter.rateLimited(ACCOUNT, await atOnce(limiter.acquire(ACCOUNT, 60)), 1_000);
		let pauses = 0;
		let pauseEnds = v.now + 1_000;
		const stale = { seq: -1 };
		// The account is paused again each time a pause ends (other calls refused), for over 16
		// minutes: far longer than the minute the 60/min setting counts after its last slot.
		const gaveUp = v.run(limiter.acquire(ACCOUNT, 60), (now) => {
			if (now < pauseEnds) return;
			pauses++;
			pauseEnds = now + 1_000;
			limiter.rateLimited(ACCOUNT, stale, 1_000);
		});
		await expect(gaveUp).rejects.toThrow(
			'No call slot for this Kore.ai account after 1000 rate-limit pauses.',
		);
		expect(pauses).toBe(1_000);
	});

	it('callers sharing a run signal: one getting its slot does not stop the others hearing the stop', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		await atOnce(limiter.acquire(ACCOUNT, 60));
		const run = new AbortController();
		const first = limiter.acquire(ACCOUNT, 60, run.signal);
		const second = limiter.acquire(ACCOUNT, 60, run.signal);
		await v.run(first);
		run.abort();
		await expect(atOnce(second)).rejects.toBeInstanceOf(WaitAborted);
	});

	it('a caller leaving the queue does not disturb the others: the next one starts at its turn', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		await atOnce(limiter.acquire(ACCOUNT, 60));
		const stop = new AbortController();
		const leaving = limiter.acquire(ACCOUNT, 60, stop.signal);
		const staying = [1, 2].map(() => limiter.acquire(ACCOUNT, 60).then(() => v.now));
		await new Promise((resolve) => setImmediate(resolve));
		stop.abort();
		await expect(atOnce(leaving)).rejects.toBeInstanceOf(WaitAborted);
		expect(await v.run(Promise.all(staying))).toEqual([t0 + interval(60), t0 + 2 * interval(60)]);
	});

	it('a stopped run takes no slot, even one free at once', async () => {
		const v = virtualClock();
		const stop = new AbortController();
		stop.abort();
		await expect(
			atOnce(new AccountLimiter(v.clock).acquire(ACCOUNT, 0, stop.signal)),
		).rejects.toThrow(WaitAborted);
		expect(new WaitAborted().name).toBe('WaitAborted');
	});
});

/** Which accounts and settings the limiter remembers, and for how long: its memory stays bounded. */
describe('AccountLimiter memory', () => {
	const known = (limiter: AccountLimiter, account: string) => limiter.currentRate(account) > 0;

	it('at the size bound the least recently used account is forgotten, not the oldest', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 3, idleMs: 600_000 });
		for (const account of ['A', 'B', 'C', 'A', 'D']) await v.run(limiter.acquire(account, 60));
		expect(['A', 'B', 'C', 'D'].filter((a) => known(limiter, a))).toEqual(['A', 'C', 'D']);
	});

	it('an account in use is kept: used recently, or its next slot still ahead', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 10, idleMs: 1_000 });
		await atOnce(limiter.acquire('recent', 60));
		v.advance(1_024); // recent: used 1.024 s ago, next slot 1 ms ahead
		await atOnce(limiter.acquire('paced', 60));
		expect(limiter.size).toBe(2);
		v.advance(1_000); // recent: used 2.024 s ago, next slot passed; paced: used exactly 1 s ago
		await atOnce(limiter.acquire('other', 60));
		expect(['recent', 'paced', 'other'].filter((a) => known(limiter, a))).toEqual([
			'paced',
			'other',
		]);
	});

	it('an account without a pace is kept for exactly the idle time, and not a moment longer', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 10, idleMs: 1_000 });
		await atOnce(limiter.acquire('A', 0));
		v.advance(1_000);
		await atOnce(limiter.acquire('B', 0));
		expect(limiter.size).toBe(2);
		v.advance(1);
		await atOnce(limiter.acquire('C', 0));
		expect(limiter.size).toBe(2); // A forgotten; B used 1 ms ago
	});

	it('by default an account is remembered for 10 minutes idle', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		await atOnce(limiter.acquire('A', 0));
		v.advance(10 * 60_000);
		await atOnce(limiter.acquire('B', 0));
		expect(limiter.size).toBe(2);
		v.advance(10 * 60_000 + 1);
		await atOnce(limiter.acquire('C', 0));
		expect(limiter.size).toBe(1);
	});

	it('an account forgotten exactly when its next slot comes', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 10, idleMs: 1_000 });
		await atOnce(limiter.acquire('A', 60));
		v.advance(interval(60));
		await atOnce(limiter.acquire('B', 60));
		expect(limiter.size).toBe(1);
	});

	it('an account with callers waiting is never forgotten, even over the size bound', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 2, idleMs: 1_000 });
		await atOnce(limiter.acquire('busy', 60));
		const waiting = limiter.acquire('busy', 60);
		await atOnce(limiter.acquire('quiet', 60));
		await atOnce(limiter.acquire('new', 60));
		expect(limiter.size).toBe(2);
		expect(['busy', 'quiet', 'new'].filter((a) => known(limiter, a))).toEqual(['busy', 'new']);
		await v.run(waiting);
	});

	it("a run stopping as a new account arrives at the size bound: the stopped run's account keeps its pace", async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, { maxAccounts: 2, idleMs: 600_000 });
		const t0 = v.now;
		await atOnce(limiter.acquire('busy', 60));
		const run = new AbortController();
		const waiting = limiter.acquire('busy', 60, run.signal);
		await atOnce(limiter.acquire('quiet', 0));
		// The run stops and, in the same moment, another run takes a slot on a third account: the
		// queue of 'busy' is empty but still winding down.
		run.abort();
		await atOnce(limiter.acquire('new', 0));
		await expect(atOnce(waiting)).rejects.toBeInstanceOf(WaitAborted);
		// 'busy' is remembered: its next call waits for the turn its last slot left.
		expect(await startsOf(limiter, v, [{ perMinute: 60, calls: 1, account: 'busy' }])).toEqual([
			t0 + interval(60),
		]);
	});

	it('the lowest non-zero setting in use paces every caller; 0 (no limit) does not lift it', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const starts = await startsOf(limiter, v, [
			{ perMinute: 120, calls: 3 },
			{ perMinute: 60, calls: 3 },
			{ perMinute: 0, calls: 3 },
		]);
		// Six paced calls at 60/min (the 0-caller's three go at once, within the same pace).
		const paced = [...new Set(starts)].sort((a, b) => a - b);
		expect(paced[paced.length - 1] - paced[0]).toBeGreaterThanOrEqual(5 * interval(60));
	});

	it('a setting unused for over a minute is forgotten; one used exactly a minute ago still counts', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		await startsOf(limiter, v, [{ perMinute: 6, calls: 1 }]);
		v.advance(59_000);
		// The 6/min setting still counts at +60,000 and holds the second call back until it lapses.
		const within = await startsOf(limiter, v, [{ perMinute: 600, calls: 2 }]);
		expect(within).toEqual([t0 + 59_000, t0 + 60_001]);
		v.advance(120_000);
		const after = await startsOf(limiter, v, [{ perMinute: 600, calls: 2 }]);
		expect(after[1] - after[0]).toBe(interval(600));
	});
});

/** The real clock's wait (n8n's `sleep` in 250 ms steps, raced with the abort signal), on jest's fake timers. */
describe('waitOrAbort (SYSTEM_CLOCK.wait)', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());
	const settled = (promise: Promise<void>) => {
		const state = { done: false, error: undefined as unknown };
		promise.then(
			() => (state.done = true),
			(error: unknown) => (state.error = error),
		);
		return state;
	};

	it("is the default clock's wait", () => {
		expect(SYSTEM_CLOCK.wait).toBe(waitOrAbort);
	});

	it('waits exactly the time asked, in steps of at most 250 ms', async () => {
		for (const ms of [100, 250, 600]) {
			const state = settled(waitOrAbort(ms));
			await jest.advanceTimersByTimeAsync(ms - 1);
			expect(state.done).toBe(false);
			await jest.advanceTimersByTimeAsync(1);
			expect(state.done).toBe(true);
		}
		const none = settled(waitOrAbort(0));
		await jest.advanceTimersByTimeAsync(0);
		expect(none.done).toBe(true);
	});

	it('is bounded: a wait longer than ten minutes (or endless) ends after ten minutes', async () => {
		expect(MAX_WAIT_MS).toBe(10 * 60_000);
		for (const ms of [MAX_WAIT_MS + 1, Number.POSITIVE_INFINITY]) {
			const state = settled(waitOrAbort(ms));
			await jest.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
			expect(state.done).toBe(false);
			await jest.advanceTimersByTimeAsync(1);
			expect(state.done).toBe(true);
		}
	});

	it('an abort ends the wait at once; an aborted signal does not wait at all', async () => {
		const stop = new AbortController();
		const state = settled(waitOrAbort(60_000, stop.signal));
		await jest.advanceTimersByTimeAsync(100);
		stop.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(state.error).toBeInstanceOf(WaitAborted);
		expect((state.error as Error).message).toBe('stopped while waiting for a call slot');
		await expect(waitOrAbort(10, stop.signal)).rejects.toBeInstanceOf(WaitAborted);
	});

	it('stops listening once done: a later abort changes nothing', async () => {
		const stop = new AbortController();
		const remove = jest.spyOn(stop.signal, 'removeEventListener');
		const state = settled(waitOrAbort(10, stop.signal));
		await jest.advanceTimersByTimeAsync(10);
		expect(state.done).toBe(true);
		expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
		stop.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(state.error).toBeUndefined();
	});
});

/**
 * Runs sharing an account under load: how far a low setting reaches, a rate-limit pause with
 * callers queued, pacing that ignores the system clock, and one abort listener per run however
 * many calls wait on it.
 */
describe('AccountLimiter: runs sharing an account', () => {
	const inOrder = (n: number) => Array.from({ length: n }, (_, i) => i);
	/** `n` callers queued behind one call already started; their start times, and the order they started in. */
	function queue(
		limiter: AccountLimiter,
		v: ReturnType<typeof virtualClock>,
		n: number,
		perMinute: number,
	) {
		const order: number[] = [];
		const starts = Array.from({ length: n }, (_, i) =>
			limiter.acquire(ACCOUNT, perMinute).then(() => {
				order.push(i);
				return v.now;
			}),
		);
		return { order, starts: Promise.all(starts) };
	}

	it('a low setting slows the others only while in use and a minute after its last slot, callers already waiting included', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		await atOnce(limiter.acquire(ACCOUNT, 1)); // one node at 1/min makes one call
		const { order, starts } = queue(limiter, v, 50, 60); // then a run queues 50 at 60/min
		const started = await v.run(starts);
		// They wait while the 1/min setting counts (a minute after its one slot), then go at 60/min.
		expect(started[0]).toBe(t0 + 60_001);
		expect(started[49]).toBe(t0 + 60_001 + 49 * interval(60));
		expect(started[49] - t0).toBeLessThan(2 * 60_000);
		expect(order).toEqual(inOrder(50));
	});

	it('one rate-limit answer with 50 waiting pauses the account 5 s from the answer, then the queue goes on in order at the lowered pace', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const first = await atOnce(limiter.acquire(ACCOUNT, 60));
		const { order, starts } = queue(limiter, v, 50, 60);
		await new Promise((resolve) => setImmediate(resolve));
		v.advance(300); // the answer comes 300 ms after the call started: no Retry-After, so 5 s
		limiter.rateLimited(ACCOUNT, first, 5_000);
		const started = await v.run(starts);
		expect(started[0]).toBe(t0 + 300 + 5_000);
		expect(order).toEqual(inOrder(50));
		const gaps = started.slice(1).map((t, i) => t - started[i]);
		expect(gaps[0]).toBeGreaterThan(interval(60, 0.52));
		for (const gap of gaps) {
			expect(gap).toBeLessThanOrEqual(interval(60, 0.5));
			expect(gap).toBeGreaterThanOrEqual(interval(60));
		}
	});

	it('Retry-After 1 with 30 waiting at 600/min: the next call starts 1 s after the answer', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock);
		const t0 = v.now;
		const first = await atOnce(limiter.acquire(ACCOUNT, 600));
		const { order, starts } = queue(limiter, v, 30, 600);
		await new Promise((resolve) => setImmediate(resolve));
		v.advance(50);
		limiter.rateLimited(ACCOUNT, first, 1_000);
		const started = await v.run(starts);
		expect(started[0]).toBe(t0 + 50 + 1_000);
		expect(order).toEqual(inOrder(30));
		expect(started[29]).toBeLessThanOrEqual(started[0] + 29 * interval(600, 0.5));
	});

	describe('the clock', () => {
		afterEach(() => jest.useRealTimers());

		it('the default clock is performance.now (monotonic), not Date.now', () => {
			const now = jest.spyOn(performance, 'now').mockReturnValue(42);
			try {
				expect(SYSTEM_CLOCK.now()).toBe(42);
			} finally {
				now.mockRestore();
			}
		});

		it('the system clock set back an hour does not hold the next call for an hour', async () => {
			jest.useFakeTimers();
			const limiter = new AccountLimiter(); // the default clock
			await limiter.acquire(ACCOUNT, 60); // fake timers: atOnce's setImmediate would not run
			jest.setSystemTime(Date.now() - 60 * 60_000);
			let started = false;
			const next = limiter.acquire(ACCOUNT, 60).then(() => (started = true));
			await jest.advanceTimersByTimeAsync(interval(60) + 250);
			expect(started).toBe(true);
			await next;
		});
	});

	describe('abort listeners', () => {
		afterEach(() => jest.useRealTimers());
		/**
		 * Node's warnings as emitted on the real `process`: jest gives a test its own copy of
		 * `process`, which never hears them.
		 */
		async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
			const real = runInThisContext('process') as NodeJS.Process;
			const seen: string[] = [];
			const onWarning = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
			real.on('warning', onWarning);
			try {
				await work();
				// Node emits a warning on its next tick (the real one: jest's fake timers fake the copy).
				await new Promise((resolve) => real.nextTick(resolve));
			} finally {
				real.off('warning', onWarning);
			}
			return seen;
		}
		const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

		it('200 callers waiting on one run signal: one listener between them, gone once they have their slots', async () => {
			jest.useFakeTimers();
			const limiter = new AccountLimiter(); // the default clock, on jest's fake timers
			const run = new AbortController();
			const warnings = await warningsDuring(async () => {
				const all = Array.from({ length: 200 }, () => limiter.acquire(ACCOUNT, 6_000, run.signal));
				await jest.advanceTimersByTimeAsync(0);
				expect(listeners(run.signal)).toBe(1);
				await jest.advanceTimersByTimeAsync(200 * interval(6_000) + 1_000);
				expect(await settledByNow(Promise.all(all))).toHaveLength(200);
			});
			expect(warnings).toEqual([]);
			expect(listeners(run.signal)).toBe(0);
		});

		it('200 callers waiting when the run stops: all abandoned, no listener and no timer left', async () => {
			jest.useFakeTimers();
			const limiter = new AccountLimiter();
			const run = new AbortController();
			const warnings = await warningsDuring(async () => {
				const all = Array.from({ length: 200 }, () =>
					limiter.acquire(ACCOUNT, 60, run.signal).then(
						() => 'started',
						(error: unknown) => (error instanceof WaitAborted ? 'abandoned' : error),
					),
				);
				await jest.advanceTimersByTimeAsync(0);
				run.abort();
				await jest.advanceTimersByTimeAsync(250);
				const outcomes = await settledByNow(Promise.all(all));
				expect(outcomes.filter((o) => o === 'started')).toHaveLength(1);
				expect(outcomes.filter((o) => o === 'abandoned')).toHaveLength(199);
			});
			expect(warnings).toEqual([]);
			expect(listeners(run.signal)).toBe(0);
			expect(jest.getTimerCount()).toBe(0);
		});

		it('waitOrAbort: 200 backoffs on one signal share one listener, removed when they end or abort', async () => {
			jest.useFakeTimers();
			const run = new AbortController();
			const warnings = await warningsDuring(async () => {
				const done = Array.from({ length: 200 }, () => waitOrAbort(1_000, run.signal));
				expect(listeners(run.signal)).toBe(1);
				await jest.advanceTimersByTimeAsync(1_000);
				await settledByNow(Promise.all(done));
				expect(listeners(run.signal)).toBe(0);
				const stopped = Array.from({ length: 200 }, () =>
					waitOrAbort(60_000, run.signal).catch((error: unknown) => error),
				);
				expect(listeners(run.signal)).toBe(1);
				run.abort();
				await jest.advanceTimersByTimeAsync(250);
				for (const error of await settledByNow(Promise.all(stopped)))
					expect(error).toBeInstanceOf(WaitAborted);
			});
			expect(warnings).toEqual([]);
			expect(listeners(run.signal)).toBe(0);
			expect(jest.getTimerCount()).toBe(0);
		});
	});
});

describe('AccountLimiter: converging on what the account has left (many processes, outside use)', () => {
	/** One call given and rejected, then `ms` later; the rate right after the answer. */
	async function rejectOnce(
		limiter: AccountLimiter,
		v: ReturnType<typeof virtualClock>,
		ms = WINDOW_MS,
	) {
		const slot = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, slot, 0);
		const rate = limiter.currentRate(ACCOUNT);
		v.advance(ms);
		return rate;
	}

	it('has no floor at a tenth of the setting: answer after answer, the pace goes as low as they demand', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		const rates: number[] = [];
		for (let i = 0; i < 20; i++) rates.push(await rejectOnce(limiter, v));
		expect(rates[0]).toBe(30);
		// 11 processes at a floor of 6/min would exceed the account's 60 forever; here one goes far below.
		expect(rates[5]).toBeLessThan(6);
		expect(Math.min(...rates)).toBe(MIN_RATE_PER_MINUTE);
		for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThanOrEqual(rates[i - 1]);
	});

	it('cuts at most once a window: a second answer within the minute lowers nothing', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		expect(await rejectOnce(limiter, v, WINDOW_MS - 1)).toBe(30);
		const before = limiter.currentRate(ACCOUNT);
		const slot = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, slot, 0);
		expect(limiter.currentRate(ACCOUNT)).toBe(before);
		v.advance(1);
		const later = await v.run(limiter.acquire(ACCOUNT, 60));
		limiter.rateLimited(ACCOUNT, later, 0);
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(before * 0.55);
	});

	it('far over the limit, one cut goes straight down to what the account took, not by halves', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		await rejectOnce(limiter, v, 0); // 30/min from here
		// Callers waiting all the time for a minute; the account takes 3 of their calls.
		let taken = 0;
		let last: Slot = { seq: -1 };
		const caller = async () => {
			while (v.now < 1_000_000 + WINDOW_MS) {
				last = await limiter.acquire(ACCOUNT, 60);
				if (taken < 3) taken++;
				else limiter.rateLimited(ACCOUNT, last, 0);
			}
		};
		await v.run(Promise.all([caller(), caller()]));
		limiter.rateLimited(ACCOUNT, last, 0);
		// About 3 a minute (the minute's waits), where halving would leave 15 or more.
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(3.5);
		expect(limiter.currentRate(ACCOUNT)).toBeGreaterThan(2.5);
	});

	it("cut below a halving: nobody starts until enough of our calls have left Kore's minute for one more to fit the new pace", async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		await rejectOnce(limiter, v, 0); // 30/min from here
		const start = v.now;
		// Callers waiting all minute; the account refuses them until second 52, then takes the rest.
		const taken: number[] = [];
		let last: Slot = { seq: -1 };
		const caller = async () => {
			while (v.now < start + WINDOW_MS) {
				last = await limiter.acquire(ACCOUNT, 60);
				if (v.now - start < 52_000) limiter.rateLimited(ACCOUNT, last, 0);
				else taken.push(v.now);
			}
		};
		await v.run(Promise.all([caller(), caller()]));
		limiter.rateLimited(ACCOUNT, last, 0);
		taken.pop(); // the last one was refused after all
		const fit = Math.floor(limiter.currentRate(ACCOUNT));
		expect(fit).toBeGreaterThan(0);
		expect(taken.length).toBeGreaterThan(fit);
		// Its own pace would allow the next call seconds from now; the calls taken since second 52
		// keep Kore's minute full until all but fit - 1 of them have left it.
		const cutAt = v.now;
		await v.run(limiter.acquire(ACCOUNT, 60));
		expect(v.now).toBe(taken[taken.length - fit] + WINDOW_MS * SAFETY_MARGIN);
		expect(v.now).toBeGreaterThan(cutAt + interval(fit + 1));
	});

	it('a halving holds nothing back: the next call comes at the halved pace', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		expect(await rejectOnce(limiter, v, 0)).toBe(30);
		const refusedAt = v.now;
		const starts = await startsOf(limiter, v, [{ perMinute: 60, calls: 2 }]);
		// The next turn keeps the gap already begun; the one after takes the halved pace (growing back).
		expect(starts[0]).toBe(refusedAt + interval(60));
		expect(starts[1] - starts[0]).toBeLessThanOrEqual(interval(30));
		expect(starts[1] - starts[0]).toBeGreaterThan(interval(31));
	});

	it('a minute in which the account took none of its calls counts as one taken: the pace drops to about one a minute, not to the lowest', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		await rejectOnce(limiter, v, 0);
		let last: Slot = { seq: -1 };
		const caller = async () => {
			while (v.now < 1_000_000 + WINDOW_MS) {
				last = await limiter.acquire(ACCOUNT, 60);
				limiter.rateLimited(ACCOUNT, last, 0);
			}
		};
		await v.run(Promise.all([caller(), caller()]));
		limiter.rateLimited(ACCOUNT, last, 0);
		expect(limiter.currentRate(ACCOUNT)).toBeGreaterThan(0.9);
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(1.1);
	});

	it('once the answers stop, the pace grows back to the setting', async () => {
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		for (let i = 0; i < 6; i++) await rejectOnce(limiter, v);
		const low = limiter.currentRate(ACCOUNT);
		expect(low).toBeLessThan(6);
		v.advance(10 * 60_000);
		// A rate is reported while a setting is in use: a call keeps the setting in use.
		await v.run(limiter.acquire(ACCOUNT, 60));
		const tenMinutesLater = limiter.currentRate(ACCOUNT);
		expect(tenMinutesLater).toBeGreaterThan(low * 1.2);
		v.advance(2 * 60 * 60_000);
		await v.run(limiter.acquire(ACCOUNT, 60)); // the setting counts for a minute after its last use
		expect(limiter.currentRate(ACCOUNT)).toBe(60);
		// And calls are spaced by the full setting again.
		const starts = await startsOf(limiter, v, [{ perMinute: 60, calls: 3 }]);
		expect(starts[2] - starts[1]).toBe(interval(60));
	});

	it('jitter is bounded: each recovery grows between half and one and a half times its average speed', async () => {
		const after = async (random: number, minutes: number) => {
			const v = virtualClock();
			const limiter = new AccountLimiter(v.clock, undefined, () => random);
			await rejectOnce(limiter, v, minutes * 60_000);
			await v.run(limiter.acquire(ACCOUNT, 60));
			return limiter.currentRate(ACCOUNT);
		};
		const average = Math.log1p(GROWTH_PER_MINUTE + GROWTH_AT_SETTING * CUT_FACTOR);
		const at = (speed: number) => 30 * Math.exp(average * speed * 2);
		expect(await after(0, 2)).toBeCloseTo(at(1 - GROWTH_JITTER), 5);
		expect(await after(1, 2)).toBeCloseTo(at(1 + GROWTH_JITTER), 5);
		for (const random of [0.1, 0.37, 0.9]) {
			const rate = await after(random, 2);
			expect(rate).toBeGreaterThan(at(1 - GROWTH_JITTER));
			expect(rate).toBeLessThan(at(1 + GROWTH_JITTER));
		}
		expect(GROWTH_JITTER).toBeGreaterThan(0);
	});
});

describe('the shared-account simulation (npm run bench)', () => {
	it('one process alone at its setting (60/min against an account of 60/min) is never rejected', async () => {
		const result = await simulateSharedAccount({ processes: 1, seed: 1 });
		expect(result.rejectedAll).toBe(0);
		expect(result.failed).toBe(0);
		expect(result.limitUsed).toBeGreaterThan(0.95);
	});

	it('32 processes at the default 60/min settle: at most 5 % rejected after two minutes, 80 % of the limit used, no item failed', async () => {
		const result = await simulateSharedAccount({ processes: 32, seed: 1 });
		expect(result.rejected / result.calls).toBeLessThanOrEqual(0.05);
		expect(result.limitUsed).toBeGreaterThanOrEqual(0.8);
		expect(result.failed).toBe(0);
		expect(result.items).toBeGreaterThan(1_000);
	});

	it("the real queue-mode test's case: 2 workers left at 60/min, an account allowing 6, 15 rows each starting within 10 s: every row done, at most 20 % rejected after the first minute", async () => {
		for (let seed = 1; seed <= 20; seed++) {
			const result = await simulateSharedAccount({ ...QUEUE_TEST_CASE, seed });
			expect({ seed, items: result.items, failed: result.failed }).toEqual({
				seed,
				items: 30,
				failed: 0,
			});
			expect(result.rejected / result.calls).toBeLessThanOrEqual(0.2);
		}
	});

	it('one process beside an outside client using 50 of the 60 a minute settles on the rest', async () => {
		const result = await simulateSharedAccount({ processes: 1, outsidePerMinute: 50, seed: 1 });
		expect(result.rejected / result.calls).toBeLessThanOrEqual(0.05);
		expect(result.limitUsed).toBeGreaterThanOrEqual(0.8);
		expect(result.failed).toBe(0);
	});
});

describe('AccountLimiter: the hold after a cut below a halving', () => {
	it('a busy start cut to what the account took plus one holds nothing back, at any setting (55/min, 6 taken)', async () => {
		// 7/55 * 55 is 6.999…: counted as 6 places, the hold would wait for the first of the 6 calls
		// taken to leave Kore's minute, though one more fits at once.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		const slots = await v.run(
			Promise.all(Array.from({ length: 7 }, () => limiter.acquire(ACCOUNT, 55))),
		);
		limiter.rateLimited(ACCOUNT, slots[6], 0);
		expect(limiter.currentRate(ACCOUNT)).toBeCloseTo(7, 5);
		const cutAt = v.now;
		await v.run(limiter.acquire(ACCOUNT, 55));
		expect(v.now - cutAt).toBeLessThanOrEqual(interval(7));
	});
});

describe('AccountLimiter: the calls it remembers for the hold', () => {
	it('over a thousand calls in the minute: the hold still counts from the newest ones', async () => {
		// An on-premises host at 2,400 a minute: after a halving the account refuses the calls of
		// the first 59 s, then takes all (about 1,400 in the next minute). Refused two minutes after
		// the halving, the pace is cut to about 700 a minute: the hold waits for the 700th newest
		// call taken to leave Kore's minute, not for one among the first thousand of that minute.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		const first = await v.run(Promise.all([1, 2].map(() => limiter.acquire(ACCOUNT, 2_400))));
		for (const slot of first) limiter.rateLimited(ACCOUNT, slot, 0);
		expect(limiter.currentRate(ACCOUNT)).toBe(1_200);
		const start = v.now;
		const taken: number[] = [];
		let last: Slot = { seq: -1 };
		const caller = async () => {
			while (v.now < start + 2 * WINDOW_MS) {
				last = await limiter.acquire(ACCOUNT, 2_400);
				if (v.now - start < 59_000) limiter.rateLimited(ACCOUNT, last, 0);
				else taken.push(v.now);
			}
		};
		await v.run(Promise.all([caller(), caller()]));
		limiter.rateLimited(ACCOUNT, last, 0);
		taken.pop(); // the last one was refused after all
		const fit = Math.floor(limiter.currentRate(ACCOUNT));
		const inMinute = taken.filter((at) => at > v.now - WINDOW_MS).length;
		expect(inMinute).toBeGreaterThan(1_000);
		expect(fit).toBeLessThan(1_000);
		await v.run(limiter.acquire(ACCOUNT, 2_400));
		expect(v.now).toBe(taken[taken.length - fit] + WINDOW_MS * SAFETY_MARGIN);
	});
});

describe('AccountLimiter: a hold counted with calls still unanswered', () => {
	it('a call unanswered at the cut and refused after it: the hold ends when the calls the account took leave its minute', async () => {
		// After a halving the account takes one call (at +10 s) and refuses the rest. Two minutes
		// on, call A is in flight when call B's refusal cuts the pace to about one a minute: A
		// counts as taken, so nobody starts until A leaves Kore's minute. Then A is refused too:
		// only the call at +10 s is still in that minute, and the hold ends when it leaves.
		const v = virtualClock();
		const limiter = new AccountLimiter(v.clock, undefined, () => 0.5);
		const first = await v.run(Promise.all([1, 2].map(() => limiter.acquire(ACCOUNT, 60))));
		for (const slot of first) limiter.rateLimited(ACCOUNT, slot, 0);
		const start = v.now;
		let takenAt = 0;
		const caller = async () => {
			while (v.now < start + 56_000) {
				const slot = await limiter.acquire(ACCOUNT, 60);
				if (takenAt === 0 && v.now - start >= 10_000) takenAt = v.now;
				else limiter.rateLimited(ACCOUNT, slot, 0);
			}
		};
		await v.run(Promise.all([caller(), caller()]));
		expect(takenAt).toBeGreaterThan(0);
		expect(limiter.currentRate(ACCOUNT)).toBeGreaterThan(30); // no cut yet
		v.advance(start + WINDOW_MS - v.now);
		const [a, b] = await v.run(Promise.all([1, 2].map(() => limiter.acquire(ACCOUNT, 60))));
		limiter.rateLimited(ACCOUNT, b, 0);
		expect(limiter.currentRate(ACCOUNT)).toBeLessThan(2);
		limiter.rateLimited(ACCOUNT, a, 0);
		await v.run(limiter.acquire(ACCOUNT, 60));
		expect(v.now).toBe(takenAt + WINDOW_MS * SAFETY_MARGIN);
	});
});
