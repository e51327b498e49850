import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsProperty } from '../properties/options';

/** Settings that hold for a whole execution (read from the first item's Options). */
export interface ExecutionSettings {
	requestsPerMinute: number;
	maxConcurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

/** The default shown in the editor for an option, so the two can never disagree. */
function defaultOf(name: string): number {
	const option = optionsProperty.options?.find((o) => 'name' in o && o.name === name) as INodeProperties | undefined;
	return Number(option?.default);
}

const LIMITS: Record<string, { min: number; max: number; label: string }> = {
	requestsPerMinute: { min: 0, max: 100_000, label: 'Requests per Minute' },
	maxConcurrency: { min: 1, max: 50, label: 'Max Concurrency' },
	maxRetries: { min: 0, max: 10, label: 'Max Retries' },
	timeout: { min: 1, max: 600, label: 'Timeout (Seconds)' },
};

/**
 * Reads the rate limit, concurrency, retries and timeout. They pace the execution as a whole, so
 * they come from the first item's Options; an out-of-range value stops the run before any call.
 */
export function readExecutionSettings(ctx: IExecuteFunctions): ExecutionSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const read = (name: string): number => {
		const value = options[name] ?? defaultOf(name);
		const { min, max, label } = LIMITS[name];
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `${label} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`, {
				description: "Fix it under the node's Options (it is read from the first item).",
				itemIndex: 0,
			});
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
