import { sleep } from 'n8n-workflow';

/**
 * Kore.ai allows a number of calls per minute per **account**, whatever n8n does: loop
 * iterations, concurrent executions and different workflows on one Kore account all count
 * together. So every run of the node in this n8n process that uses the same account (host +
 * account ID) takes its call slots from one limiter, kept at module level: the one piece of state
 * that outlives an execution. It is keyed by account and bounded (idle accounts are forgotten).
 *
 * Processes that cannot share it (n8n queue-mode workers) settle by themselves: a rate-limit
 * answer halves this process's rate for the account, which then climbs back slowly over minutes.
 */

/** Spacing factor over the exact limit: arrivals jitter (timers, network), the margin absorbs it. */
export const SAFETY_MARGIN = 1.025;

/** After a rate-limit answer the rate is halved, never below this share of the configured rate. */
export const MIN_RATE_SHARE = 0.1;

/** How long a halved rate takes to climb back by the whole configured rate (linearly). */
export const FULL_RECOVERY_MS = 5 * 60_000;

/** A Requests per Minute setting counts until this long after the last call slot given under it. */
const SETTING_REMEMBERED_MS = 60_000;

/** Waits a caller may go through before it gets a slot (each follows a pause by a rate limit). */
const MAX_RESERVATIONS = 1_000;

/** The clock and the way to wait: n8n's `sleep` in the node, a fake in unit tests. */
export interface LimiterClock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
	wait(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Thrown when the caller's signal aborts while it waits (n8n's Stop, or the run stopping). */
export class WaitAborted extends Error {
	constructor() {
		super('stopped while waiting for a call slot');
		this.name = 'WaitAborted';
	}
}

/** A granted slot. Pass it back when reporting a rate-limit answer for the call made in it. */
export interface Slot {
	readonly epoch: number;
}

interface AccountState {
	/** Earliest start of the next slot. */
	nextSlot: number;
	/** No call starts before this (Kore asked us to slow down). */
	pausedUntil: number;
	/** Bumped by every pause: slots granted before it are void, their holders queue again. */
	epoch: number;
	/** Share of the configured rate right after the last halving (1 before any), and when that was. */
	shareAfterCut: number;
	cutAt: number;
	/** Requests per Minute settings in use, each with the start of the last slot given under it. */
	settings: Map<number, number>;
	/** Callers waiting for a slot right now. */
	waiting: number;
	lastUsed: number;
}

/** Waits `ms` with n8n's `sleep`, in short steps so that an abort is noticed at once. */
async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new WaitAborted();
	let aborted: () => void = () => undefined;
	const onAbort = new Promise<never>((_, reject) => (aborted = () => reject(new WaitAborted())));
	onAbort.catch(() => undefined);
	signal?.addEventListener('abort', aborted);
	try {
		// Steps of at most 250 ms: nothing keeps running long after an abort.
		for (let left = ms, steps = 0; left > 0 && steps < 100_000; left -= 250, steps++) {
			await Promise.race([sleep(Math.min(left, 250)), onAbort]);
		}
	} finally {
		signal?.removeEventListener('abort', aborted);
	}
}

export const SYSTEM_CLOCK: LimiterClock = { now: () => Date.now(), wait: abortableSleep };

export class AccountLimiter {
	private readonly accounts = new Map<string, AccountState>();

	constructor(
		private readonly clock: LimiterClock = SYSTEM_CLOCK,
		private readonly limits = { maxAccounts: 500, idleMs: 10 * 60_000 },
	) {}

	/**
	 * Resolves when the caller may start one call to `account`; rejects with WaitAborted if
	 * `signal` aborts first. `requestsPerMinute` 0 means no limit of its own; when runs disagree,
	 * the lowest non-zero setting in use applies to all of them: a setting counts while callers
	 * hold slots under it, and for a minute after the last one.
	 */
	async acquire(account: string, requestsPerMinute: number, signal?: AbortSignal): Promise<Slot> {
		const state = this.state(account);
		state.waiting++;
		try {
			for (let reservation = 0; reservation < MAX_RESERVATIONS; reservation++) {
				if (signal?.aborted) throw new WaitAborted();
				const now = this.clock.now();
				const { startAt, epoch } = this.reserve(state, requestsPerMinute, now);
				if (startAt <= now) return { epoch };
				await this.clock.wait(startAt - now, signal);
				// Still valid unless a rate-limit answer paused the account meanwhile.
				if (state.epoch === epoch && this.clock.now() >= state.pausedUntil) return { epoch };
			}
			throw new Error(
				`No call slot for this Kore.ai account after ${MAX_RESERVATIONS} rate-limit pauses.`,
			);
		} finally {
			state.waiting--;
			state.lastUsed = this.clock.now();
		}
	}

	/**
	 * Kore answered "rate limit exceeded" for a call made in `slot`: nobody on this account
	 * starts a call for `pauseMs` (slots already granted included), and this process's rate
	 * for the account is halved — once per pause, however many calls of the burst report it.
	 */
	rateLimited(account: string, slot: Slot, pauseMs: number): void {
		const state = this.state(account);
		const now = this.clock.now();
		state.pausedUntil = Math.max(state.pausedUntil, now + pauseMs);
		state.nextSlot = Math.max(state.nextSlot, state.pausedUntil);
		if (slot.epoch === state.epoch) {
			state.shareAfterCut = Math.max(MIN_RATE_SHARE, this.share(state, now) / 2);
			state.cutAt = now;
			state.epoch++;
		}
	}

	/** Calls per minute this process allows itself for `account` now (0 = no limit); for tests and diagnostics. */
	currentRate(account: string): number {
		const state = this.accounts.get(account);
		if (!state) return 0;
		const now = this.clock.now();
		return this.configuredRate(state, now) * this.share(state, now);
	}

	/** How many accounts are remembered (bounded). */
	get size(): number {
		return this.accounts.size;
	}

	private reserve(
		state: AccountState,
		requestsPerMinute: number,
		now: number,
	): { startAt: number; epoch: number } {
		const configured = this.configuredRate(state, now, requestsPerMinute);
		const startAt = Math.max(now, state.pausedUntil, configured > 0 ? state.nextSlot : 0);
		if (configured > 0) {
			state.nextSlot =
				startAt + Math.ceil((60_000 / (configured * this.share(state, now))) * SAFETY_MARGIN);
		}
		state.settings.set(requestsPerMinute, startAt);
		return { startAt, epoch: state.epoch };
	}

	/** Share of the configured rate used now: after a halving it climbs back linearly. */
	private share(state: AccountState, now: number): number {
		return Math.min(1, state.shareAfterCut + Math.max(0, now - state.cutAt) / FULL_RECOVERY_MS);
	}

	/**
	 * The lowest non-zero Requests per Minute among `joining` and the settings in use on the
	 * account (forgetting those whose last slot is over a minute old); 0 if none.
	 */
	private configuredRate(state: AccountState, now: number, joining = 0): number {
		let lowest = joining;
		for (const [setting, lastSeen] of state.settings) {
			if (now - lastSeen > SETTING_REMEMBERED_MS) state.settings.delete(setting);
			else if (setting > 0 && (lowest === 0 || setting < lowest)) lowest = setting;
		}
		return lowest;
	}

	private state(account: string): AccountState {
		const now = this.clock.now();
		let state = this.accounts.get(account);
		if (state === undefined) {
			this.forgetIdle(now);
			state = {
				nextSlot: 0,
				pausedUntil: 0,
				epoch: 0,
				shareAfterCut: 1,
				cutAt: now,
				settings: new Map(),
				waiting: 0,
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
			if (state.waiting > 0) continue;
			const idle = now - state.lastUsed > this.limits.idleMs && now >= state.nextSlot;
			if (idle || this.accounts.size >= this.limits.maxAccounts) this.accounts.delete(account);
			// Least recently used first: the accounts after one still in use were used more recently.
			else break;
		}
	}
}

/** The limiter every run of the node in this process shares. */
export const accountLimiter = new AccountLimiter();
