import type { IDataObject } from 'n8n-workflow';

import type { KoreConnection } from '../transport/connection';
import { koreHeaders } from '../transport/connection';
import type { KoreRequest } from '../transport/endpoints';
import type { KoreSuccess } from '../transport/koreResponse';

/** What a dry run shows in place of the token. */
export const REDACTED_TOKEN = '[redacted]';

/** Output of a call Kore.ai accepted: its id, status and message, then what was asked (`summary`). */
export function successJson(answer: KoreSuccess, summary: IDataObject): IDataObject {
	return { id: answer.id, status: answer.status, message: answer.message, ...summary };
}

/** Output of a dry run: what was asked, and the exact request with the token redacted. Nothing is sent. */
export function dryRunJson(
	summary: IDataObject,
	request: KoreRequest,
	connection: KoreConnection,
): IDataObject {
	return {
		dryRun: true,
		...summary,
		request: {
			method: request.method,
			url: request.url,
			headers: koreHeaders(connection, REDACTED_TOKEN),
			body: request.body,
		},
	};
}
