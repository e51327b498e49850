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
