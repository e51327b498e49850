import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a raw parameter value contains an n8n expression anywhere (`=…` strings). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** Reads a node parameter for an item, as `getNodeParameter` does. */
export type ReadParameter = (name: string, itemIndex: number, fallback?: unknown) => unknown;

/**
 * Reads node parameters for one run. A parameter without any expression has the same value for
 * every item, so it is evaluated once, for the first item that asks; only parameters with an
 * expression are evaluated per item. (Evaluating every parameter for every item was most of the
 * node's own CPU time on large inputs.)
 */
export function parameterReader(ctx: IExecuteFunctions): ReadParameter {
	const raw = ctx.getNode().parameters;
	const once = new Map<string, unknown>();
	return (name, itemIndex, fallback) => {
		if (hasExpression(raw[name])) return ctx.getNodeParameter(name, itemIndex, fallback);
		if (!once.has(name)) once.set(name, ctx.getNodeParameter(name, itemIndex, fallback));
		return once.get(name);
	};
}
