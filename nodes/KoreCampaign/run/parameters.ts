import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { InputError, showValue } from '../errors/errors';

/** Whether a raw parameter value contains an n8n expression anywhere (`=…` strings). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** Reads a node parameter for an item, as `getNodeParameter` does. */
export type ReadParameter = (
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
) => unknown;

/** Reads node parameters for one run. */
export function parameterReader(ctx: IExecuteFunctions): ReadParameter {
	const raw = ctx.getNode().parameters;
	const once = new Map<string, unknown>();
	return (name, itemIndex, fallback, options) => {
		if (hasExpression(raw[name])) return ctx.getNodeParameter(name, itemIndex, fallback, options);
		const key = options === undefined ? name : `${name} ${JSON.stringify(options)}`;
		if (!once.has(key)) once.set(key, ctx.getNodeParameter(name, itemIndex, fallback, options));
		return once.get(key);
	};
}

/** The campaign's name as given: the text field (node version 1), or the value of the campaign
 * picker (1.1: chosen from the list, or typed by name). */
export function readCampaignName(read: ReadParameter, itemIndex: number): unknown {
	return read('campaignName', itemIndex, '', { extractValue: true });
}

/** Per-item settings from the Options collection (the run-wide ones are in runSettings.ts). */
export interface ItemOptions {
	dryRun: boolean;
	/** The zone a start or end without an offset is read in: the option, else the workflow's. */
	timezone: string;
	/** The zone Kore.ai reads the sent times in; undefined = the default (UTC). */
	koreTimezone: unknown;
}

/** Reads one item's Options as n8n resolved them, unchecked. */
export function readItemOptions(
	read: ReadParameter,
	itemIndex: number,
	workflowTimezone: string,
): ItemOptions {
	const options = (read('options', itemIndex, {}) ?? {}) as IDataObject;
	return {
		dryRun: options.dryRun === true,
		timezone:
			typeof options.timezone === 'string' && options.timezone.trim() !== ''
				? options.timezone
				: workflowTimezone,
		koreTimezone: options.koreTimezone === '' ? undefined : options.koreTimezone,
	};
}

/** Reads a whole number from 1 to `max`. */
export function wholeNumber(
	value: unknown,
	label: string,
	field: string,
	max: number,
	meaning = '',
): number {
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
		throw new InputError(
			`${label} must be a whole number from 1 to ${max}${meaning}; got ${showValue(value)}.`,
			field,
		);
	}
	return n;
}
