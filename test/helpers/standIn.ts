/* eslint-disable @typescript-eslint/no-require-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * The one stand-in fixture of the engine tests: a Kore stand-in per test file, reset (a fresh
 * account) before each test and closed after the file; and the one way of expecting a failed run.
 */
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { KORE } from '../../dev/fixtures';

const standIn = require('../../dev/koreStandIn.js');

export type KoreStandIn = ReturnType<typeof standIn.createKoreStandIn>;
export const { createKoreStandIn, startKoreStandIn, RATE_LIMIT_MESSAGE } = standIn as {
	createKoreStandIn: (options: Record<string, unknown>) => KoreStandIn;
	startKoreStandIn: (options: Record<string, unknown>) => Promise<KoreStandIn>;
	RATE_LIMIT_MESSAGE: string;
};

/**
 * The file's stand-in, returned at once so that tests can hold it from the file's first line: it
 * listens before all tests (`url` and `port` are set from then on), is reset (a fresh account)
 * before each and closed after all.
 */
export function useKoreStandIn(options: Record<string, unknown> = {}): KoreStandIn {
	const kore = createKoreStandIn({ ...KORE, ...options });
	beforeAll(async () => kore.listen());
	beforeEach(() => kore.reset());
	afterAll(async () => kore.close());
	return kore;
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
