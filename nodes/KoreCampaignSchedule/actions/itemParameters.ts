import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemParameters } from '../validation';

/** Per-item settings from the Options collection. */
export interface ItemOptions {
	dryRun: boolean;
	timezone: string;
}

/** Reads one item's parameters as n8n resolved them (expressions included), unchecked. */
export function readItemParameters(ctx: IExecuteFunctions, itemIndex: number): {
	params: ItemParameters;
	options: ItemOptions;
} {
	const operation = ctx.getNodeParameter('operation', itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timezone =
		typeof options.timezone === 'string' && options.timezone.trim() !== ''
			? options.timezone
			: ctx.getTimezone();
	const params: ItemParameters = {
		operation,
		campaignName: ctx.getNodeParameter('campaignName', itemIndex, ''),
		timezone,
		koreTimezone: options.koreTimezone === '' ? undefined : options.koreTimezone,
	};
	if (operation === 'schedule') {
		params.startDateTime = ctx.getNodeParameter('startDateTime', itemIndex, '');
		params.endDateTime = ctx.getNodeParameter('endDateTime', itemIndex, '');
		params.recurrence = ctx.getNodeParameter('recurrence', itemIndex, 'daily');
		if (typeof params.recurrence === 'string' && params.recurrence.trim().toLowerCase() === 'weekly') {
			params.onceEveryNweeks = ctx.getNodeParameter('onceEveryNweeks', itemIndex, 1);
			params.whichDays = ctx.getNodeParameter('whichDays', itemIndex, []);
		} else {
			params.onceEveryNdays = ctx.getNodeParameter('onceEveryNdays', itemIndex, 1);
		}
	}
	return { params, options: { dryRun: options.dryRun === true, timezone } };
}
