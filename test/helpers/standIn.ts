/**
 * The one stand-in fixture of the engine tests: a Kore stand-in per test file, reset (a fresh
 * account) before each test and closed after the file; and the one way of expecting a failed run.
 */
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { KORE } from '../../dev/fixtures';

const standIn = require('../../dev/koreStandIn.js');

export type KoreStandIn = Awaited<ReturnType<typeof standIn.startKoreStandIn>>;
export const { startKoreStandIn, RATE_LIMIT_MESSAGE } = standIn as {
	startKoreStandIn: (options: Record<string, unknown>) => Promise<KoreStandIn>;
	RATE_LIMIT_MESSAGE: string;
};

/**
 * Starts the file's stand-in (before all tests), resets it before each and closes it after all.
 * Returns it at once, as a stand-in for the stand-in: its properties are read from the running
 * one and set on it, so tests write `kore.received` or `kore.onRequest = …` as usual.
 */
export function useKoreStandIn(options: Record<string, unknown> = {}): KoreStandIn {
	let running: KoreStandIn | undefined;
	beforeAll(async () => {
		running = await startKoreStandIn({ ...KORE, ...options });
	});
	afterAll(async () => running?.close());
	beforeEach(() => running?.reset());
	return new Proxy({} as KoreStandIn, {
		get(_target, property) {
			if (running === undefined)
				throw new Error('the stand-in is not running yet (use it inside a test)');
			const value = running[property];
			return typeof value === 'function' ? value.bind(running) : value;
		},
		set(_target, property, value) {
			if (running === undefined)
				throw new Error('the stand-in is not running yet (use it inside a test)');
			running[property] = value;
			return true;
		},
	});
}

/** A host where nothing listens: a stand-in's address just after it was closed. */
export async function refusedHost(): Promise<string> {
	const closed = await startKoreStandIn({ ...KORE });
	await closed.close();
	return closed.url;
}

/** Runs the node and returns the error it fails with; fails the test when the run succeeds. */
export async function runNodeExpectingError(
	spec: Parameters<typeof runNode>[0],
): Promise<NodeApiError | NodeOperationError> {
	try {
		await runNode(spec);
	} catch (error) {
		return error as NodeApiError | NodeOperationError;
	}
	throw new Error('the node did not fail');
}
