/**
 * A problem with one item's parameters, found before anything is sent. The router turns it
 * into a NodeOperationError for that item. Messages name the field, quote what was received
 * and say what is accepted; they never carry credential values.
 */
export class InputError extends Error {
	constructor(
		message: string,
		/** The node parameter at fault, e.g. `startDateTime` or `options.timezone`. */
		readonly field: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** Shows a received value in a message: strings quoted, objects as JSON, long values cut. */
export function showValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (value === undefined) text = 'nothing';
	else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
