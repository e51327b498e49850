import type { IDataObject } from 'n8n-workflow';

import type { KoreClient } from '../transport/client';
import type { KoreRequest } from '../transport/request';

/** Output of a dry run: what was asked, and the exact request with the token redacted. Nothing is sent. */
export function dryRunJson(
	summary: IDataObject,
	request: KoreRequest,
	client: KoreClient,
): IDataObject {
	return { dryRun: true, ...summary, request: client.describe(request) };
}

/** Dry-run outputs of a batch, one per item: each item's `about`, the batch's request (token
 * redacted) on the first only. Nothing is sent. */
export function batchDryRun<T>(
	entries: T[],
	about: (entry: T) => IDataObject,
	request: KoreRequest,
	client: KoreClient,
): Array<{ outputs: IDataObject[] }> {
	return entries.map((entry, k) => ({
		outputs: [
			k === 0 ? dryRunJson(about(entry), request, client) : { dryRun: true, ...about(entry) },
		],
	}));
}
