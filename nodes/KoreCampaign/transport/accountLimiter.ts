import { sleep } from 'n8n-workflow';

/** Kore.ai allows a number of calls per minute per **account**, whatever n8n does. */

/** Spacing factor over the exact limit: arrivals jitter (timers, network), the margin absorbs it. */
export const SAFETY_MARGIN = 1.025;

/** After a rate-limit answer the rate is halved, never below this share of the configured rate. */
export const MIN_RATE_SHARE = 0.1;

/** How long a halved rate takes to climb back by the whole configured rate (linearly). */
export const FULL_RECOVERY_MS = 5 * 60_000;

/** A Requests per Minute setting counts until this long after the last call slot given under it. */
const SETTING_REMEMBERED_MS = 60_000;

/** Waits the queue may go through without giving a slot before its first caller gives up. */
const MAX_WAITS_PER_SLOT = 1_000;

/** The clock and the way to wait: a monotonic clock and n8n's `sleep` in the node, a fake in unit tests. */
export interface LimiterClock {
	/** Milliseconds on a clock that never steps back (not the wall clock). */
	now(): number;
	/** Resolves after `ms`, or rejects with WaitAborted as soon as `signal` aborts. */
	wait(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Thrown when the caller's signal aborts while it waits (n8n's Stop, or the run stopping). */
export class WaitAborted extends Error {
	constructor() {
		super('stopped while waiting for a call slot');
		this.name = 'WaitAborted';
	}
}

/** One listener per signal, shared by everything waiting on it. */
const abortWatchers = new WeakMap<AbortSignal, { callbacks: Set<() => void>; fire: () => void }>();

/** Calls `callback` once if `signal` aborts; the returned function stops watching. */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
	let watchers = abortWatchers.get(signal);
	if (watchers === undefined) {
		const callbacks = new Set<() => void>();
		const fire = () => {
			abortWatchers.delete(signal);
			const all = [...callbacks];
			callbacks.clear();
			for (const call of all) call();
		};
		watchers = { callbacks, fire };
		abortWatchers.set(signal, watchers);
		signal.addEventListener('abort', fire, { once: true });
	}
	const { callbacks, fire } = watchers;
	// Its own function each time: one callback watched twice stops each watch separately.
	const watch = () => callback();
	callbacks.add(watch);
	return () => {
		if (!callbacks.delete(watch) || callbacks.size > 0) return;
		signal.removeEventListener('abort', fire);
		if (abortWatchers.get(signal)?.fire === fire) abortWatchers.delete(signal);
	};
}

/** The longest one wait lasts. */
export const MAX_WAIT_MS = 10 * 60_000;

/** Waits `ms` (at most MAX_WAIT_MS) with n8n's `sleep`, in steps of at most 250 ms so that nothing
 * keeps running long after an abort; rejects with WaitAborted as soon as `signal` aborts (at once
 * if it already has). */
export async function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new WaitAborted();
	let aborted: () => void = () => undefined;
	const onAbort = new Promise<never>((_, reject) => (aborted = () => reject(new WaitAborted())));
	onAbort.catch(() => undefined);
	const stopWatching = signal ? whenAborted(signal, aborted) : () => undefined;
	try {
		for (let left = Math.min(ms, MAX_WAIT_MS); left > 0; left -= 250) {
			await Promise.race([sleep(Math.min(left, 250)), onAbort]);
		}
	} finally {
		stopWatching();
	}
}

/** `performance.now()`: monotonic, so pacing does not follow the system clock when it is set back
 * or forward (an hour back would otherwise hold every call for an hour). */
export const SYSTEM_CLOCK: LimiterClock = { now: () => performance.now(), wait: waitOrAbort };

/** A granted slot. Pass it back when reporting a rate-limit answer for the call made in it. */
export interface Slot {
	/** Grants numbered in order across the limiter: tells which calls a halving came after. */
	readonly seq: number;
}

interface Waiter {
	requestsPerMinute: number;
	grant: (slot: Slot) => void;
	fail: (error: Error) => void;
	stopWatching: () => void;
}

interface AccountState {
	/** Callers waiting for a slot, in arrival order. */
	queue: Waiter[];
	/** Start of the last slot given, and the spacing the pace asked for after it then. */
	lastStart: number;
	lastGap: number;
	/** No call starts before this (Kore asked us to slow down). */
	pausedUntil: number;
	/** Share of the configured rate right after the last halving (1 before any), and when that was. */
	shareAfterCut: number;
	cutAt: number;
	/** Slots numbered from this one on were given after the last halving: their answers may halve again. */
	cutFromSeq: number;
	/** Requests per Minute settings (non-zero) with callers waiting under them or a slot in the last minute. */
	settings: Map<number, { waiting: number; lastStart: number }>;
	/** Whether the queue is being served; `wake` ends its current wait early. */
	serving: boolean;
	wake: AbortController;
	lastUsed: number;
}

export class AccountLimiter {
	private readonly accounts = new Map<string, AccountState>();
	private grants = 0;

	constructor(
		private readonly clock: LimiterClock = SYSTEM_CLOCK,
		private readonly limits = { maxAccounts: 500, idleMs: 10 * 60_000 },
	) {}

	/** Resolves when the caller may start one call to `account`. */
	async acquire(account: string, requestsPerMinute: number, signal?: AbortSignal): Promise<Slot> {
		if (signal?.aborted) throw new WaitAborted();
		const state = this.state(account);
		const now = this.clock.now();
		if (state.queue.length === 0 && this.turnAt(state, now, requestsPerMinute) <= now)
			return this.give(state, requestsPerMinute, now);
		return await new Promise<Slot>((grant, fail) => {
			const waiter: Waiter = { requestsPerMinute, grant, fail, stopWatching: () => undefined };
			if (signal) waiter.stopWatching = whenAborted(signal, () => this.leave(state, waiter));
			state.queue.push(waiter);
			if (requestsPerMinute > 0) this.setting(state, requestsPerMinute).waiting++;
			if (!state.serving) void this.serve(state);
		});
	}

	/** Kore answered "rate limit exceeded" for a call made in `slot`. */
	rateLimited(account: string, slot: Slot, pauseMs: number): void {
		const state = this.state(account);
		const now = this.clock.now();
		state.pausedUntil = Math.max(state.pausedUntil, now + pauseMs);
		if (slot.seq >= state.cutFromSeq) {
			state.shareAfterCut = Math.max(MIN_RATE_SHARE, this.share(state, now) / 2);
			state.cutAt = now;
			state.cutFromSeq = this.grants;
		}
		// A later turn needs no wake-up: the queue looks again when the turn it waits for comes.
	}

	/** Calls per minute this process allows itself for `account` now (0 = no limit); for tests and diagnostics. */
	currentRate(account: string): number {
		const state = this.accounts.get(account);
		if (!state) return 0;
		return this.rate(state, this.clock.now());
	}

	/** How many accounts are remembered (bounded). */
	get size(): number {
		return this.accounts.size;
	}

	/** Gives slots to the waiting callers in order, each when its turn comes; ends when none wait. */
	private async serve(state: AccountState): Promise<void> {
		state.serving = true;
		try {
			// Bounded: every round gives a slot (the queue shrinks) or counts a wait, and a caller
			// is turned away after MAX_WAITS_PER_SLOT waits without a slot.
			for (let waits = 0; state.queue.length > 0; ) {
				const now = this.clock.now();
				const turn = this.turnAt(state, now);
				if (turn <= now) {
					const waiter = state.queue.shift() as Waiter;
					this.unwait(state, waiter);
					waiter.grant(this.give(state, waiter.requestsPerMinute, now));
					waits = 0;
					continue;
				}
				if (waits >= MAX_WAITS_PER_SLOT) {
					const waiter = state.queue.shift() as Waiter;
					this.unwait(state, waiter);
					waiter.fail(
						new Error(
							`No call slot for this Kore.ai account after ${MAX_WAITS_PER_SLOT} rate-limit pauses.`,
						),
					);
					waits = 0;
					continue;
				}
				waits++;
				try {
					await this.clock.wait(
						Math.min(turn, this.nextLapse(state, now)) - now,
						state.wake.signal,
					);
				} catch {
					// Woken early (a caller left): look again.
					if (state.wake.signal.aborted) state.wake = new AbortController();
				}
			}
		} finally {
			state.serving = false;
			state.lastUsed = this.clock.now();
		}
	}

	/** A waiting caller's signal aborted: it leaves the queue, and the turn is looked at again. */
	private leave(state: AccountState, waiter: Waiter): void {
		const at = state.queue.indexOf(waiter);
		if (at < 0) return;
		state.queue.splice(at, 1);
		this.unwait(state, waiter);
		waiter.fail(new WaitAborted());
		// Its setting may no longer count (an earlier turn), or nobody waits any more (stop waiting).
		state.wake.abort();
	}

	private unwait(state: AccountState, waiter: Waiter): void {
		waiter.stopWatching();
		const setting = state.settings.get(waiter.requestsPerMinute);
		if (setting) setting.waiting--;
		state.lastUsed = this.clock.now();
	}

	/** Starts a call slot now. */
	private give(state: AccountState, requestsPerMinute: number, now: number): Slot {
		if (requestsPerMinute > 0) this.setting(state, requestsPerMinute).lastStart = now;
		const rate = this.rate(state, now);
		state.lastStart = now;
		state.lastGap = rate > 0 ? gapFor(rate) : 0;
		state.lastUsed = now;
		return { seq: this.grants++ };
	}

	/** When the first caller in the queue (or one `joining` an empty queue) may start. */
	private turnAt(state: AccountState, now: number, joining = 0): number {
		const rate = this.rate(state, now, joining);
		const gap = Math.min(state.lastGap, rate > 0 ? gapFor(rate) : 0);
		return Math.max(state.pausedUntil, state.lastStart + gap);
	}

	/** Calls per minute allowed now: the configured rate times the share after a halving. */
	private rate(state: AccountState, now: number, joining = 0): number {
		return this.configuredRate(state, now, joining) * this.share(state, now);
	}

	/** Share of the configured rate used now: after a halving it climbs back linearly. */
	private share(state: AccountState, now: number): number {
		return Math.min(1, state.shareAfterCut + Math.max(0, now - state.cutAt) / FULL_RECOVERY_MS);
	}

	/** The lowest non-zero Requests per Minute among `joining` and the settings in use on the account
	 * (forgetting those with nobody waiting and no slot for over a minute); 0 if none. */
	private configuredRate(state: AccountState, now: number, joining = 0): number {
		let lowest = joining;
		for (const [setting, use] of state.settings) {
			if (use.waiting <= 0 && now - use.lastStart > SETTING_REMEMBERED_MS)
				state.settings.delete(setting);
			else if (lowest === 0 || setting < lowest) lowest = setting;
		}
		return lowest;
	}

	/** When the next setting without callers waiting stops counting (Infinity if none will). */
	private nextLapse(state: AccountState, now: number): number {
		let next = Number.POSITIVE_INFINITY;
		for (const use of state.settings.values()) {
			const lapse = use.lastStart + SETTING_REMEMBERED_MS + 1;
			if (use.waiting <= 0 && lapse > now) next = Math.min(next, lapse);
		}
		return next;
	}

	private setting(state: AccountState, requestsPerMinute: number) {
		let use = state.settings.get(requestsPerMinute);
		if (use === undefined) {
			use = { waiting: 0, lastStart: Number.NEGATIVE_INFINITY };
			state.settings.set(requestsPerMinute, use);
		}
		return use;
	}

	private state(account: string): AccountState {
		const now = this.clock.now();
		let state = this.accounts.get(account);
		if (state === undefined) {
			this.forgetIdle(now);
			state = {
				queue: [],
				lastStart: Number.NEGATIVE_INFINITY,
				lastGap: 0,
				pausedUntil: Number.NEGATIVE_INFINITY,
				shareAfterCut: 1,
				cutAt: now,
				cutFromSeq: 0,
				settings: new Map(),
				serving: false,
				wake: new AbortController(),
				lastUsed: now,
			};
			this.accounts.set(account, state);
		} else {
			// Most recently used last: the first entries are the ones to forget.
			this.accounts.delete(account);
			this.accounts.set(account, state);
		}
		state.lastUsed = now;
		return state;
	}

	/** Forgets accounts idle for long (their pace is over too). */
	private forgetIdle(now: number): void {
		for (const [account, state] of this.accounts) {
			if (state.queue.length > 0 || state.serving) continue;
			const nextSlot = Math.max(state.lastStart + state.lastGap, state.pausedUntil);
			const idle = now - state.lastUsed > this.limits.idleMs && now >= nextSlot;
			if (idle || this.accounts.size >= this.limits.maxAccounts) this.accounts.delete(account);
			// Least recently used first: the accounts after one still in use were used more recently.
			else break;
		}
	}
}

/** Milliseconds between call starts at `perMinute` calls per minute, with the safety margin. */
function gapFor(perMinute: number): number {
	return Math.ceil((60_000 / perMinute) * SAFETY_MARGIN);
}

/** The limiter every run of the node in this process shares. */
export const accountLimiter = new AccountLimiter();
