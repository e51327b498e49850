import type { IDataObject } from 'n8n-workflow';

import type { KoreConnection } from '../../credentials/koreConnection';
import { koreHeaders } from '../../credentials/koreConnection';
import type { KoreSuccess } from './koreResponse';
import type { KoreRequest } from './request';
import type { KoreCommand } from './validation';

/** What a dry run shows in place of the token. */
export const REDACTED_TOKEN = '[redacted]';

/** The campaign and, for Schedule, what was asked of Kore.ai. */
function commandSummary(command: KoreCommand): IDataObject {
	if (command.operation === 'disableSchedule') {
		return { campaignName: command.campaignName, operation: command.operation };
	}
	return {
		campaignName: command.campaignName,
		operation: command.operation,
		startDateTime: command.startDateTime,
		endDateTime: command.endDateTime,
		koreTimezone: command.koreTimezone,
		startLocal: command.startLocal,
		endLocal: command.endLocal,
		timezone: command.timezone,
		recurrence: command.recurrenceObject as unknown as IDataObject,
	};
}

/** Output of a call Kore.ai accepted: its id, status and message, then what was asked. */
export function successJson(command: KoreCommand, answer: KoreSuccess): IDataObject {
	return { id: answer.id, status: answer.status, message: answer.message, ...commandSummary(command) };
}

/** Output of a dry run: the exact request, with the token redacted. Nothing is sent. */
export function dryRunJson(command: KoreCommand, request: KoreRequest, connection: KoreConnection): IDataObject {
	return {
		dryRun: true,
		...commandSummary(command),
		request: {
			method: request.method,
			url: request.url,
			headers: koreHeaders(connection, REDACTED_TOKEN),
			body: request.body,
		},
	};
}
