import { InputError, showValue } from '../errors/errors';

/** The campaign's name: text, or a number a sheet cell gave (sent as its digits). */
export function campaignNameOf(value: unknown): string {
	const name =
		typeof value === 'string'
			? value.trim()
			: Number.isFinite(value)
				? String(value)
				: typeof value === 'bigint'
					? value.toString()
					: '';
	if (name === '') {
		throw new InputError(
			`Campaign Name ${(typeof value === 'string' && value.trim() === '') || value === undefined || value === null ? 'is empty' : `got ${showValue(value)}`}: enter the exact name of the Voice or SMS campaign as it appears in Kore.ai.`,
			'campaignName',
		);
	}
	return name;
}
