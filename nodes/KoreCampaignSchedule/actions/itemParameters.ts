import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemParameters } from '../validation';
import type { ReadParameter } from './parameterReader';

/** Per-item settings from the Options collection. */
export interface ItemOptions {
	dryRun: boolean;
	timezone: string;
}

/** Reads one item's parameters as n8n resolved them (expressions included), unchecked. */
export function readItemParameters(
	ctx: IExecuteFunctions,
	read: ReadParameter,
	itemIndex: number,
): {
	params: ItemParameters;
	options: ItemOptions;
} {
	const operation = read('operation', itemIndex);
	const options = read('options', itemIndex, {}) as IDataObject;
	const timezone =
		typeof options.timezone === 'string' && options.timezone.trim() !== ''
			? options.timezone
			: ctx.getTimezone();
	const params: ItemParameters = {
		operation,
		campaignName: read('campaignName', itemIndex, ''),
		timezone,
		koreTimezone: options.koreTimezone === '' ? undefined : options.koreTimezone,
	};
	if (operation === 'schedule') {
		params.startDateTime = read('startDateTime', itemIndex, '');
		params.endDateTime = read('endDateTime', itemIndex, '');
		params.recurrence = read('recurrence', itemIndex, 'daily');
		if (typeof params.recurrence === 'string' && params.recurrence.trim().toLowerCase() === 'weekly') {
			params.onceEveryNweeks = read('onceEveryNweeks', itemIndex, 1);
			params.whichDays = read('whichDays', itemIndex, []);
		} else {
			params.onceEveryNdays = read('onceEveryNdays', itemIndex, 1);
		}
	}
	return { params, options: { dryRun: options.dryRun === true, timezone } };
}
