import type { IDataObject } from 'n8n-workflow';

import type { KoreConnection } from '../../credentials/koreConnection';
import type { KoreCommand } from './validation';

/** One call to Kore's campaign schedule endpoint, ready to send (headers come from the credential). */
export interface KoreRequest {
	method: 'POST';
	url: string;
	body: IDataObject;
}

/** `…/campaign/schedule?enableSchedule=…&campaignName=…`, with the bot id and name encoded. */
export function scheduleUrl(connection: KoreConnection, campaignName: string, enable: boolean): string {
	return (
		`${connection.host}/campaign/api/v2/public/${encodeURIComponent(connection.botId)}/campaign/schedule` +
		`?enableSchedule=${enable}&campaignName=${encodeURIComponent(campaignName)}`
	);
}

/** Builds the request for a validated command: the schedule body, or `{}` to disable. */
export function buildRequest(command: KoreCommand, connection: KoreConnection): KoreRequest {
	if (command.operation === 'disableSchedule') {
		return { method: 'POST', url: scheduleUrl(connection, command.campaignName, false), body: {} };
	}
	return {
		method: 'POST',
		url: scheduleUrl(connection, command.campaignName, true),
		body: {
			startDateTime: command.startDateTime,
			endDateTime: command.endDateTime,
			recurrenceObject: command.recurrenceObject as unknown as IDataObject,
		},
	};
}
