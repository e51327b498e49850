import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ClientSettings } from '../transport/client';
import { DEFAULT_CLIENT_SETTINGS } from '../transport/client';

/** The options that pace a whole execution: their label, default and range, written once. */
export const RUN_SETTING_LIMITS = {
	requestsPerMinute: {
		label: 'Requests per Minute',
		default: DEFAULT_CLIENT_SETTINGS.requestsPerMinute,
		min: 0,
		max: 100_000,
	},
	maxConcurrency: { label: 'Max Concurrency', default: 50, min: 1, max: 50 },
	maxRetries: {
		label: 'Max Retries',
		default: DEFAULT_CLIENT_SETTINGS.maxRetries,
		min: 0,
		max: 10,
	},
	timeout: {
		label: 'Timeout (Seconds)',
		default: DEFAULT_CLIENT_SETTINGS.timeoutMs / 1000,
		min: 1,
		max: 600,
	},
} as const;

type RunSettingName = keyof typeof RUN_SETTING_LIMITS;

/** Settings that hold for a whole execution (read from the first item's Options). */
export interface RunSettings extends ClientSettings {
	maxConcurrency: number;
}

/** Reads the rate limit, concurrency, retries and timeout. */
export function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const read = (name: RunSettingName): number => {
		const { label, min, max } = RUN_SETTING_LIMITS[name];
		const value = options[name] ?? RUN_SETTING_LIMITS[name].default;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${label} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`,
				{
					description: "Fix it under the node's Options (it is read from the first item).",
					itemIndex: 0,
				},
			);
		}
		return value;
	};
	return {
		requestsPerMinute: read('requestsPerMinute'),
		maxConcurrency: read('maxConcurrency'),
		maxRetries: read('maxRetries'),
		timeoutMs: read('timeout') * 1000,
	};
}

/** A run-wide number option, its label, default and range taken from RUN_SETTING_LIMITS. */
export function runSettingOption(
	name: keyof typeof RUN_SETTING_LIMITS,
	description: string,
): INodeProperties {
	const { label, default: value, min, max } = RUN_SETTING_LIMITS[name];
	return {
		displayName: label,
		name,
		type: 'number',
		default: value,
		typeOptions: { minValue: min, maxValue: max, numberPrecision: 0 },
		description,
	};
}
