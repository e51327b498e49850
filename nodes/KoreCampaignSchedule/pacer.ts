import { sleep } from 'n8n-workflow';

/** Spacing factor over the exact limit. */
export const SAFETY_MARGIN = 1.025;

/**
 * Spaces calls evenly so that at most `requestsPerMinute` start in any minute, across all
 * concurrent workers of one execution. Each caller reserves the next free slot synchronously,
 * then waits for it with n8n's `sleep` (community nodes may not use timers directly).
 * State lives only as long as one execution.
 */
export class Pacer {
	private nextSlot = 0;

	/** Milliseconds between two call starts; 0 means no limit. */
	readonly intervalMs: number;

	constructor(
		requestsPerMinute: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		// Kore counts calls as they arrive, and arrivals jitter (timers, network): a 2.5 % margin
		// keeps any minute of arrivals under the limit while reaching 97.5 % of it.
		this.intervalMs = requestsPerMinute > 0 ? Math.ceil((60_000 / requestsPerMinute) * SAFETY_MARGIN) : 0;
	}

	/** Resolves when the caller may start its call. */
	async acquire(): Promise<void> {
		const now = this.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.intervalMs;
		if (slot > now) await this.wait(slot - now);
	}

	/** Holds every later call back until `ms` from now (Kore asked us to wait). */
	pauseFor(ms: number): void {
		this.nextSlot = Math.max(this.nextSlot, this.now() + ms);
	}
}
