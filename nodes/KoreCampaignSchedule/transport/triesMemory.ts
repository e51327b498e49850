import { createHash } from 'node:crypto';

import type { KoreFailure } from './koreAnswer';
import type { KoreRequest } from './request';

/**
 * What one run of a node sent that is not safe to repeat, kept across n8n's "Retry On Fail":
 * n8n runs the node again in the same process, same execution and same run index, and the second
 * try must not send a start or a batch of contacts the first one already sent. Module level,
 * keyed by execution, node and run, and bounded in runs, calls and time.
 */

/** How a call not safe to repeat ended in an earlier try. */
export type TriedCall =
	| { outcome: 'accepted'; answer: Record<string, unknown> }
	| { outcome: 'uncertain'; failure: KoreFailure; attempts: number };

/** A run is forgotten this long after its last call: n8n waits at most 5 s × 4 between tries. */
export const RUN_MEMORY_MS = 60 * 60 * 1000;
/** Runs remembered at once (the oldest forgotten first), and calls remembered per run. */
export const MAX_RUNS = 1_000;
export const MAX_CALLS_PER_RUN = 100_000;

/** A request's identity: the same method, address and body is the same intent. */
export function callIdentity(request: KoreRequest): string {
	return createHash('sha256')
		.update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
		.digest('base64');
}

interface RunEntry {
	calls: Map<string, TriedCall>;
	touchedAt: number;
}

/** The calls of one run of a node, as the client sees them. */
export interface RunTries {
	recall(request: KoreRequest): TriedCall | undefined;
	remember(request: KoreRequest, call: TriedCall): void;
}

/** Every remembered run of this process; `now` is a monotonic clock in milliseconds. */
export class TriesMemory {
	private readonly runs = new Map<string, RunEntry>();

	constructor(private readonly now: () => number = () => performance.now()) {}

	/** The memory of one run of a node: `execution` id, node name and run index. */
	forRun(execution: string, node: string, runIndex: number): RunTries {
		const key = JSON.stringify([execution, node, runIndex]);
		return {
			recall: (request) => this.entry(key, false)?.calls.get(callIdentity(request)),
			remember: (request, call) => {
				const calls = (this.entry(key, true) as RunEntry).calls;
				if (calls.size >= MAX_CALLS_PER_RUN) calls.delete(calls.keys().next().value as string);
				calls.set(callIdentity(request), call);
			},
		};
	}

	/** Runs remembered now, for tests. */
	get size(): number {
		this.forgetExpired();
		return this.runs.size;
	}

	private entry(key: string, create: boolean): RunEntry | undefined {
		this.forgetExpired();
		let entry = this.runs.get(key);
		if (entry === undefined) {
			if (!create) return undefined;
			entry = { calls: new Map(), touchedAt: 0 };
		}
		// Most recently used last, so the first entries are the ones to forget.
		this.runs.delete(key);
		this.runs.set(key, entry);
		entry.touchedAt = this.now();
		while (this.runs.size > MAX_RUNS) this.runs.delete(this.runs.keys().next().value as string);
		return entry;
	}

	private forgetExpired(): void {
		const now = this.now();
		for (const [key, entry] of this.runs) {
			if (now - entry.touchedAt < RUN_MEMORY_MS) break;
			this.runs.delete(key);
		}
	}
}

/** The process's one memory, shared by every execution's client. */
export const triesMemory = new TriesMemory();
