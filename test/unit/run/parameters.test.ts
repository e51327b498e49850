import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterReader, readItemOptions } from '../../../nodes/KoreCampaign/run/parameters';

/**
 * A node whose raw parameters are `raw`; each evaluation is recorded and answers
 * `<name>@<item>` so that a cached answer can be told from a fresh one.
 */
function nodeWith(raw: Record<string, unknown>) {
	const evaluated: string[] = [];
	const ctx = {
		getNode: () => ({ parameters: raw }),
		getNodeParameter: (name: string, itemIndex: number, _fallback?: unknown, options?: object) => {
			evaluated.push(`${name}@${itemIndex}${options ? ` ${JSON.stringify(options)}` : ''}`);
			return `${name}@${itemIndex}`;
		},
	} as unknown as IExecuteFunctions;
	return { read: parameterReader(ctx), evaluated };
}

describe('parameterReader', () => {
	it('evaluates a parameter without an expression once per run, one with an expression per item', () => {
		const { read, evaluated } = nodeWith({
			plain: 'Spring',
			text: '=x',
			list: ['a', '={{ 1 }}'],
			listPlain: ['a', 'b'],
			nested: { a: { b: '={{ 2 }}' } },
			nestedPlain: { a: { b: 'c' }, n: null, k: 3 },
			// The Options collection: one option from an expression among plain ones.
			mixed: { dryRun: true, timezone: '={{ $json.tz }}' },
		});
		const names = ['plain', 'text', 'list', 'listPlain', 'nested', 'nestedPlain', 'mixed'];
		const got = [0, 1].map((item) => names.map((name) => read(name, item)));
		expect(got[1]).toEqual([
			'plain@0',
			'text@1',
			'list@1',
			'listPlain@0',
			'nested@1',
			'nestedPlain@0',
			'mixed@1',
		]);
		expect(evaluated.filter((e) => e.endsWith('@1'))).toEqual([
			'text@1',
			'list@1',
			'nested@1',
			'mixed@1',
		]);
	});

	it('keeps one answer per set of read options', () => {
		const { read, evaluated } = nodeWith({ campaignName: 'Spring' });
		read('campaignName', 0, '', { extractValue: true });
		read('campaignName', 1, '', { extractValue: true });
		read('campaignName', 1);
		read('campaignName', 1, '', { extractValue: false });
		read('other', 1, '', { extractValue: true });
		expect(evaluated).toEqual([
			'campaignName@0 {"extractValue":true}',
			'campaignName@1',
			'campaignName@1 {"extractValue":false}',
			'other@1 {"extractValue":true}',
		]);
	});
});

describe('readItemOptions', () => {
	const read = (options: unknown) => () => options;
	it.each([
		[{}, { dryRun: false, timezone: 'Europe/Berlin', koreTimezone: undefined }],
		[undefined, { dryRun: false, timezone: 'Europe/Berlin', koreTimezone: undefined }],
		[
			{ dryRun: true, timezone: 'Asia/Kolkata', koreTimezone: 'America/New_York' },
			{ dryRun: true, timezone: 'Asia/Kolkata', koreTimezone: 'America/New_York' },
		],
		[
			{ dryRun: 'true', timezone: '  ', koreTimezone: '' },
			{ dryRun: false, timezone: 'Europe/Berlin', koreTimezone: undefined },
		],
		[
			{ timezone: ' Asia/Kolkata ', koreTimezone: 5 },
			{ dryRun: false, timezone: ' Asia/Kolkata ', koreTimezone: 5 },
		],
	])('%j reads as %j', (options, expected) =>
		expect(readItemOptions(read(options), 0, 'Europe/Berlin')).toStrictEqual(expected),
	);
});
