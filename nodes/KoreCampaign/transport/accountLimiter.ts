import { sleep } from 'n8n-workflow';

/**
 * Kore.ai allows a number of calls per minute per **account**, whatever n8n does: loop
 * iterations, concurrent executions and different workflows on one Kore account all count
 * together. So every run of the node in this n8n process that uses the same account (host +
 * account ID) takes its call slots from one limiter, kept at module level: the one piece of state
 * that outlives an execution. It is keyed by account and bounded (idle accounts are forgotten).
 *
 * Callers of an account wait in one queue, first come first served. When a caller gets its slot
 * is decided only when its turn comes, from what holds at that moment (the settings in use, a
 * pause, the lowered pace): so a change reaches the callers already waiting too.
 *
 * Processes that cannot share it (n8n queue-mode workers, other n8n instances) and other users
 * of the account (Kore's UI, other tools) are heard only through Kore's rate-limit answers. An
 * answer cuts this process's pace for the account, at most once a window: by half, or straight
 * down to what the account took from it since the last cut when that is less (and then holds its
 * calls until those of the old pace have left Kore's minute). Between cuts the pace grows by a
 * share of itself, up to the setting: a total growth that does not scale with the number of
 * processes, so together they settle just under what the account has left, with no floor that
 * could exceed it. Each recovery's speed is drawn at random, so processes cut together do not
 * climb back together. `npm run bench` simulates 1 to 32 processes.
 */

/** Spacing factor over the exact limit: arrivals jitter (timers, network), the margin absorbs it. */
export const SAFETY_MARGIN = 1.025;

/** A rate-limit answer multiplies this process's pace for the account by this. */
export const CUT_FACTOR = 0.5;

/** Kore counts calls over a rolling minute: a pace is cut at most once in that time. */
export const WINDOW_MS = 60_000;

/**
 * Between cuts the pace grows by a share of itself a minute (on average), up to the setting: this
 * much, plus GROWTH_AT_SETTING times the pace's share of the setting (at its cut). A small share
 * means many processes (or much outside use): slow growth keeps their total growth, and so the
 * rejections, low; a large one means few, which recover fast.
 */
export const GROWTH_PER_MINUTE = 0.02;
export const GROWTH_AT_SETTING = 0.4;

/** Each recovery's growth is (1 ± up to this) times the growth above, drawn at its cut. */
export const GROWTH_JITTER = 0.5;

/** The lowest pace, in calls per minute (one call in 5 minutes): only so that a pace stays alive. */
export const MIN_RATE_PER_MINUTE = 0.2;

/** A cut measures what the account took from us only over at least this much waiting. */
const MIN_BUSY_MS = 10_000;

/** A refusal seconds into a busy start measures what the account took only after this many calls. */
const MIN_CALLS_MEASURED = 3;

/** Slots remembered per account for the last window, the newest (bounded whatever the setting). */
const MAX_RECENT_SLOTS = 1_000;

/** A Requests per Minute setting counts until this long after the last call slot given under it. */
const SETTING_REMEMBERED_MS = 60_000;

/**
 * Waits the queue may go through without giving a slot before its first caller gives up. Each
 * follows something that moved the turn later (a rate-limit pause, a lower setting joining) or a
 * setting lapsing; a handful is normal, a thousand means the account is paused again and again.
 */
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

/**
 * One listener per signal, shared by everything waiting on it: a run's signal may have 50 items
 * waiting on it at once, and more than 10 listeners on one signal make Node warn of a leak.
 */
const abortWatchers = new WeakMap<AbortSignal, { callbacks: Set<() => void>; fire: () => void }>();

/**
 * Calls `callback` once if `signal` aborts; the returned function stops watching. The signal's
 * own listener goes when its last watcher stops watching (or when it fires).
 */
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

/**
 * The longest one wait lasts. Callers look again after any wait (the limiter's queue at its turn;
 * retry backoffs are capped at a minute), so a longer one (Infinity included) ends here early.
 */
export const MAX_WAIT_MS = 10 * 60_000;

/**
 * Waits `ms` (at most MAX_WAIT_MS) with n8n's `sleep`, in steps of at most 250 ms so that nothing
 * keeps running long after an abort; rejects with WaitAborted as soon as `signal` aborts (at once
 * if it already has). Any number of waits may share one signal: they add one listener to it
 * between them.
 */
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

/**
 * `performance.now()`: monotonic, so pacing does not follow the system clock when it is set
 * back or forward (an hour back would otherwise hold every call for an hour).
 */
export const SYSTEM_CLOCK: LimiterClock = { now: () => performance.now(), wait: waitOrAbort };

/** A granted slot. Pass it back when reporting a rate-limit answer for the call made in it. */
export interface Slot {
	/**
	 * Grants numbered in order across the limiter: tells which calls a cut came after. A slot
	 * numbered -1 (no slot) never cuts the pace; it still pauses the account.
	 */
	readonly seq: number;
}

interface Waiter {
	requestsPerMinute: number;
	/** When it asked. */
	since: number;
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
	/** After a cut below a halving: no call starts before this, when all but `holdFit` - 1 of our
	 * calls in `recent` will have left Kore's minute (looked at again as answers refuse them). */
	heldUntil: number;
	holdFit: number;
	/** Share of the configured rate right after the last cut (1 before any), and when that was. */
	shareAfterCut: number;
	cutAt: number;
	/** How fast the share grows back after the last cut: per minute, as a factor's logarithm. */
	growth: number;
	/** Slots numbered from this one on were given after the last cut: their answers may cut again. */
	cutFromSeq: number;
	/** Slots given since the last cut, and rate-limit answers to them so far. */
	givenSinceCut: number;
	rejectedSinceCut: number;
	/** When the first of those slots was given (Infinity before it). */
	firstGivenSinceCut: number;
	/** After a cut measured over seconds: the share a halving would have left, taken a window after
	 * the cut unless a refusal came in that window's second half (by then the calls that filled
	 * Kore's minute before our start have mostly left it); 0: none. */
	provisionalShare: number;
	/** Slots given in the last window that were not refused (accepted or unanswered), oldest first;
	 * at most the newest MAX_RECENT_SLOTS. */
	recent: Array<{ seq: number; at: number }>;
	/** Milliseconds since the last cut in which callers waited for a slot (the pace held them). */
	busySinceCut: number;
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
		/** Draws each recovery's speed; seeded in the simulation so that a run repeats. */
		private readonly random: () => number = Math.random,
	) {}

	/**
	 * Resolves when the caller may start one call to `account`; rejects with WaitAborted if
	 * `signal` aborts first. Callers get their slots in the order they asked. `requestsPerMinute`
	 * 0 means no limit of its own; when runs disagree, the lowest non-zero setting in use applies
	 * to all of them: a setting is in use while callers wait under it, and for a minute after the
	 * last slot given under it.
	 */
	async acquire(account: string, requestsPerMinute: number, signal?: AbortSignal): Promise<Slot> {
		if (signal?.aborted) throw new WaitAborted();
		const state = this.state(account);
		const now = this.clock.now();
		if (state.queue.length === 0 && this.turnAt(state, now, requestsPerMinute) <= now)
			return this.give(state, requestsPerMinute, now);
		return await new Promise<Slot>((grant, fail) => {
			const waiter: Waiter = {
				requestsPerMinute,
				since: now,
				grant,
				fail,
				stopWatching: () => undefined,
			};
			if (signal) waiter.stopWatching = whenAborted(signal, () => this.leave(state, waiter));
			state.queue.push(waiter);
			if (requestsPerMinute > 0) this.setting(state, requestsPerMinute).waiting++;
			if (!state.serving) void this.serve(state);
		});
	}

	/**
	 * Kore answered "rate limit exceeded" for a call made in `slot`: nobody on this account
	 * starts a call for `pauseMs` from now (callers already waiting included; they then go on in
	 * order at the lowered pace), and this process's pace for the account is cut by CUT_FACTOR —
	 * at most once a window, and only for a call given its slot after the last cut (the answers
	 * to a burst cut once). The pace then grows back at a speed drawn at random.
	 */
	rateLimited(account: string, slot: Slot, pauseMs: number): void {
		const state = this.state(account);
		const now = this.clock.now();
		state.pausedUntil = Math.max(state.pausedUntil, now + pauseMs);
		const refused = state.recent.findIndex((given) => given.seq === slot.seq);
		if (refused >= 0) {
			state.recent.splice(refused, 1);
			// A call the hold counted as taken was not: fewer of ours fill Kore's minute.
			if (state.heldUntil > now) {
				const until = holdEnd(state, now);
				if (until < state.heldUntil) {
					state.heldUntil = until;
					state.wake.abort();
				}
			}
		}
		if (slot.seq < state.cutFromSeq) return;
		state.rejectedSinceCut++;
		if (now - state.cutAt >= WINDOW_MS / 2 && now - state.cutAt < WINDOW_MS)
			state.provisionalShare = 0;
		if (now - state.cutAt >= WINDOW_MS) {
			const configured = this.configuredRate(state, now);
			const lowest = configured > 0 ? Math.min(1, MIN_RATE_PER_MINUTE / configured) : 0;
			let share = this.share(state, now) * CUT_FACTOR;
			const halved = share;
			// The share whose growth the recovery takes (see GROWTH_AT_SETTING).
			let growFrom = share;
			state.provisionalShare = 0;
			const took = Math.max(1, state.givenSinceCut - state.rejectedSinceCut);
			if (configured > 0 && state.busySinceCut >= MIN_BUSY_MS) {
				// What the account took from us per minute that callers waited since the last cut:
				// far over the limit, the pace goes straight down to it, not by halves. Counted as one
				// call at least: none taken over a short wait says little (after a burst, a full window).
				share = Math.min(share, (took / state.busySinceCut) * (60_000 / configured));
				growFrom = share;
			} else if (
				configured > 0 &&
				state.givenSinceCut >= MIN_CALLS_MEASURED &&
				2 * state.busySinceCut >= now - state.firstGivenSinceCut
			) {
				// Refused seconds into a busy start (callers waited most of the time since the first
				// call): all our calls are still in Kore's rolling minute, so it allows us about what it
				// took (one more: a few seconds' share is uneven between processes). It grows back as
				// fast as from a halving, for the same reason.
				share = Math.min(share, (took + 1) / configured);
				// Others' calls from before our start may have been a burst that is over: seconds say
				// little of the next minute (see provisionalShare).
				if (share < growFrom) state.provisionalShare = growFrom;
			}
			state.shareAfterCut = Math.max(lowest, share);
			state.cutAt = now;
			if (share < halved) this.holdUntilFits(state, now, configured);
			state.growth =
				Math.log1p(
					GROWTH_PER_MINUTE + GROWTH_AT_SETTING * Math.max(state.shareAfterCut, growFrom),
				) *
				(1 + GROWTH_JITTER * (2 * this.random() - 1));
			state.cutFromSeq = this.grants;
			state.givenSinceCut = 0;
			state.firstGivenSinceCut = Number.POSITIVE_INFINITY;
			state.rejectedSinceCut = 0;
			state.busySinceCut = 0;
		}
		// A later turn needs no wake-up: the queue looks again when the turn it waits for comes.
	}

	/**
	 * After a cut below a halving (the account took far less than our pace gave): our calls still
	 * in Kore's minute were taken at the old pace and keep it full; nobody here starts a call until
	 * enough of them have left it for one more to fit the new pace.
	 */
	private holdUntilFits(state: AccountState, now: number, configured: number): void {
		// Calls a minute at the new pace, whole: (7 / 55) * 55 is 6.999…, yet 7 fit.
		state.holdFit = Math.max(1, Math.floor(state.shareAfterCut * configured + 1e-9));
		state.heldUntil = holdEnd(state, now);
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
					state.busySinceCut += now - Math.max(waiter.since, state.lastStart, state.cutAt);
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
		if (state.givenSinceCut++ === 0) state.firstGivenSinceCut = now;
		forgetBefore(state.recent, now - WINDOW_MS);
		// At the bound the oldest goes: a hold waits for the newest calls to leave Kore's minute.
		if (state.recent.length >= MAX_RECENT_SLOTS) state.recent.shift();
		state.recent.push({ seq: this.grants, at: now });
		return { seq: this.grants++ };
	}

	/**
	 * When the first caller in the queue (or one `joining` an empty queue) may start: after the
	 * pause, and one gap after the last start — the gap of the pace then or now, whichever is
	 * shorter. So a lower setting joining does not hold back a turn already due, and a setting
	 * that lapses brings the turn forward at once (the queue wakes at the lapse). A rate climbing
	 * back after a cut counts from the next look on: a wait already begun keeps its end, so
	 * during the recovery a slot may come a little later than the rate then allows, never sooner.
	 */
	private turnAt(state: AccountState, now: number, joining = 0): number {
		const rate = this.rate(state, now, joining);
		const gap = Math.min(state.lastGap, rate > 0 ? gapFor(rate) : 0);
		return Math.max(state.pausedUntil, state.heldUntil, state.lastStart + gap);
	}

	/**
	 * Calls per minute allowed now: the configured rate times the share left after cuts, never
	 * below MIN_RATE_PER_MINUTE (nor above the configured rate).
	 */
	private rate(state: AccountState, now: number, joining = 0): number {
		const configured = this.configuredRate(state, now, joining);
		const paced = configured * this.share(state, now);
		return Math.min(configured, Math.max(MIN_RATE_PER_MINUTE, paced));
	}

	/** Share of the configured rate used now: after a cut it grows back exponentially, up to 1. */
	private share(state: AccountState, now: number): number {
		if (state.shareAfterCut >= 1) return 1;
		const minutes = Math.max(0, now - state.cutAt) / 60_000;
		const from =
			state.provisionalShare > 0 && now - state.cutAt >= WINDOW_MS
				? Math.max(state.shareAfterCut, state.provisionalShare)
				: state.shareAfterCut;
		return Math.min(1, from * Math.exp(state.growth * minutes));
	}

	/**
	 * The lowest non-zero Requests per Minute among `joining` and the settings in use on the
	 * account (forgetting those with nobody waiting and no slot for over a minute); 0 if none.
	 */
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
				heldUntil: Number.NEGATIVE_INFINITY,
				holdFit: 0,
				shareAfterCut: 1,
				cutAt: Number.NEGATIVE_INFINITY,
				growth: 0,
				cutFromSeq: 0,
				givenSinceCut: 0,
				rejectedSinceCut: 0,
				firstGivenSinceCut: Number.POSITIVE_INFINITY,
				provisionalShare: 0,
				busySinceCut: 0,
				recent: [],
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

	/**
	 * Forgets accounts idle for long (their pace is over too); at the size bound, the least
	 * recently used ones. An account with callers waiting is always kept.
	 */
	private forgetIdle(now: number): void {
		for (const [account, state] of this.accounts) {
			if (state.queue.length > 0 || state.serving) continue;
			const nextSlot = Math.max(
				state.lastStart + state.lastGap,
				state.pausedUntil,
				state.heldUntil,
			);
			const idle = now - state.lastUsed > this.limits.idleMs && now >= nextSlot;
			if (idle || this.accounts.size >= this.limits.maxAccounts) this.accounts.delete(account);
			// Least recently used first: the accounts after one still in use were used more recently.
			else break;
		}
	}
}

/** When the hold ends: once all but holdFit - 1 of our calls now in Kore's minute have left it. */
function holdEnd(state: AccountState, now: number): number {
	forgetBefore(state.recent, now - WINDOW_MS);
	const mustLeave = state.recent[state.recent.length - state.holdFit];
	return mustLeave ? mustLeave.at + WINDOW_MS * SAFETY_MARGIN : Number.NEGATIVE_INFINITY;
}

/** Drops the slots given at or before `since` from `recent` (oldest first). */
function forgetBefore(recent: Array<{ at: number }>, since: number): void {
	const kept = recent.findIndex((given) => given.at > since);
	recent.splice(0, kept < 0 ? recent.length : kept);
}

/** Milliseconds between call starts at `perMinute` calls per minute, with the safety margin. */
function gapFor(perMinute: number): number {
	return Math.ceil((60_000 / perMinute) * SAFETY_MARGIN);
}

/** The limiter every run of the node in this process shares. */
export const accountLimiter = new AccountLimiter();
