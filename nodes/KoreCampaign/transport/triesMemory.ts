import { createHash } from 'node:crypto';

import type { KoreFailure } from './koreAnswer';
import type { KoreRequest } from './request';

/** What one run of a node sent that is not safe to repeat, kept across n8n's "Retry On Fail". */

/** How a call not safe to repeat ended in an earlier try, with how it is named and its items. */
export type TriedCall = (
	| { outcome: 'accepted'; answer: Record<string, unknown> }
	| { outcome: 'uncertain'; failure: KoreFailure; attempts: number }
) & { label: string; items: number[] };

/** A run is forgotten this long after its last use: n8n waits at most 5 s × 4 between tries. */
export const RUN_MEMORY_MS = 60 * 60 * 1000;
/** Runs remembered at once (the least recently used forgotten first), and calls per run. */
export const MAX_RUNS = 1_000;
export const MAX_CALLS_PER_RUN = 100_000;

/** A request's identity: the same method, address and body (or declared intent) is the same
 * intent. */
export function callIdentity(request: KoreRequest): string {
	const what = request.intent ?? JSON.stringify(request.body ?? null);
	return createHash('sha256').update(`${request.method} ${request.url}\n${what}`).digest('base64');
}

type Remembered = TriedCall & { tryNo: number };

interface RunEntry {
	/** Tries begun so far. */
	tries: number;
	/** Calls by identity, in the order they went out (identical calls each count). */
	calls: Map<string, Remembered[]>;
	/** What an operation noted for a later try (a delete done: its target is gone then). */
	notes: Map<string, { outcome: Record<string, unknown>; tryNo: number }>;
	size: number;
	touchedAt: number;
}

/** One try of a run, as the client sees the run's memory. */
export interface RunTries {
	/** The next call like `request` an earlier try sent that this try has not recalled yet. */
	recall(request: KoreRequest): TriedCall | undefined;
	/** Whether `recall` would find one, without using it up. */
	sentBefore(request: KoreRequest): boolean;
	remember(request: KoreRequest, call: TriedCall): void;
	/** Earlier tries' calls this try has not recalled: what it must still own up to. */
	notRecalled(): TriedCall[];
	/** Notes an outcome under `key` for later tries of this run (bounded with the calls). */
	note(key: string, outcome: Record<string, unknown>): void;
	/** The outcome an earlier try (not this one) noted under `key`, if any. */
	noted(key: string): Record<string, unknown> | undefined;
}

/** Every remembered run of this process; `now` is a monotonic clock in milliseconds. */
export class TriesMemory {
	private readonly runs = new Map<string, RunEntry>();

	constructor(private readonly now: () => number = () => performance.now()) {}

	/** A new try of one run of a node: `execution` id, node name and run index. */
	forRun(execution: string, node: string, runIndex: number): RunTries {
		const runKey = JSON.stringify([execution, node, runIndex]);
		const tryNo = ++(this.entry(runKey, true) as RunEntry).tries;
		const used = new Map<string, number>();
		const earlier = (id: string) =>
			(this.entry(runKey, false)?.calls.get(id) ?? []).filter((call) => call.tryNo < tryNo);
		return {
			recall: (request) => {
				const id = callIdentity(request);
				const k = used.get(id) ?? 0;
				const call = earlier(id)[k];
				if (call !== undefined) used.set(id, k + 1);
				return call;
			},
			sentBefore: (request) => {
				const id = callIdentity(request);
				return earlier(id).length > (used.get(id) ?? 0);
			},
			remember: (request, call) => {
				const entry = this.entry(runKey, true) as RunEntry;
				if (entry.size >= MAX_CALLS_PER_RUN) return;
				const id = callIdentity(request);
				entry.calls.set(id, [...(entry.calls.get(id) ?? []), { ...call, tryNo }]);
				entry.size++;
			},
			note: (key, outcome) => {
				const entry = this.entry(runKey, true) as RunEntry;
				if (entry.size >= MAX_CALLS_PER_RUN) return;
				entry.notes.set(key, { outcome, tryNo });
				entry.size++;
			},
			noted: (key) => {
				const noted = this.entry(runKey, false)?.notes.get(key);
				return noted !== undefined && noted.tryNo < tryNo ? noted.outcome : undefined;
			},
			notRecalled: () =>
				[...(this.entry(runKey, false)?.calls.keys() ?? [])].flatMap((id) =>
					earlier(id).slice(used.get(id) ?? 0),
				),
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
			entry = { tries: 0, calls: new Map(), notes: new Map(), size: 0, touchedAt: 0 };
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
