import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	asNodeError,
	errorForItem,
	errorItem,
	InputError,
	itemRanges,
	outputsBefore,
	showValue,
	withUnrepeatableCalls,
} from '../../../nodes/KoreCampaign/errors/errors';
import { KoreCredentialError } from '../../../nodes/KoreCampaign/transport/connection';
import { WaitAborted } from '../../../nodes/KoreCampaign/transport/accountLimiter';

const node: INode = {
	id: 'n1',
	name: 'Kore Campaign Schedule',
	type: 'n8n-nodes-kore-campaign.koreCampaignSchedule',
	typeVersion: 1.1,
	position: [0, 0],
	parameters: {},
};
const ctx = { getNode: () => node } as Parameters<typeof asNodeError>[0];

function circular() {
	const value: Record<string, unknown> = {};
	value.self = value;
	return value;
}

/** The one place item errors are made, exactly. */
describe('showValue', () => {
	it.each([
		['text', '"text"'],
		['', '""'],
		[undefined, 'nothing'],
		[null, 'null'],
		[false, 'false'],
		[2.5, '2.5'],
		[{ a: [1] }, '{"a":[1]}'],
		[circular(), '[object Object]'],
		[() => 1, '() => 1'],
		['x'.repeat(78), `"${'x'.repeat(78)}"`],
		['x'.repeat(79), `"${'x'.repeat(76)}...`],
	])('%p is shown as %s', (value, shown) => expect(showValue(value)).toBe(shown));
});

describe('asNodeError', () => {
	it('keeps an n8n error about this item as it is, adding the item where it has none', () => {
		const own = new NodeOperationError(node, 'x', { itemIndex: 4 });
		expect(asNodeError(ctx, own, 4)).toBe(own);
		const bare = new NodeOperationError(node, 'y');
		expect(asNodeError(ctx, bare, 4)).toBe(bare);
		expect(bare.context.itemIndex).toBe(4);
	});
	it("copies an n8n error about another item (a batch's failure) for this one, never wrapping it", () => {
		const summary = { message: 'Batch 1: Kore.ai answered HTTP 404', httpCode: '404' };
		const api = new NodeApiError(node, summary, {
			message: summary.message,
			description: 'Create the list first.',
			httpCode: '404',
			itemIndex: 1,
		});
		const copy = asNodeError(ctx, api, 4);
		expect(copy).not.toBe(api);
		expect(copy).toBeInstanceOf(NodeApiError);
		expect([copy.message, copy.description, (copy as NodeApiError).httpCode]).toEqual([
			api.message,
			'Create the list first.',
			'404',
		]);
		expect([copy.context.itemIndex, api.context.itemIndex]).toEqual([4, 1]);
		expect((copy as NodeApiError).errorResponse).toEqual(summary);
		const operation = new NodeOperationError(node, 'stopped', { itemIndex: 0, description: 'd' });
		const copied = asNodeError(ctx, operation, 2);
		expect(copied).toBeInstanceOf(NodeOperationError);
		expect([copied.message, copied.description, copied.context.itemIndex]).toEqual([
			'stopped',
			'd',
			2,
		]);
	});
	it.each([
		[
			new InputError('Bad start', 'startDateTime'),
			'Bad start',
			'Fix the "startDateTime" parameter for this item; nothing was sent to Kore.ai for it.',
		],
		[new InputError('Bad', 'x', 'Own advice'), 'Bad', 'Own advice'],
		[
			new WaitAborted(),
			'Nothing was sent to Kore.ai for this item: the run stopped before its turn came.',
			'The execution was stopped, or an earlier item failed while "On Error" is set to stop the workflow.',
		],
		[
			new KoreCredentialError('The credential’s Host is empty.', 'host'),
			'The credential’s Host is empty.',
			'Open the Kore.ai API credential and correct the field named above.',
		],
	])('%p becomes an operation error with its advice', (error, message, description) => {
		const made = asNodeError(ctx, error, 2);
		expect(made).toBeInstanceOf(NodeOperationError);
		expect([made.message, made.description, made.context.itemIndex]).toEqual([
			message,
			description,
			2,
		]);
		expect(new InputError('m', 'f').name).toBe('InputError');
	});
	it('anything else keeps its own message', () => {
		const made = asNodeError(ctx, new TypeError('odd'), 5);
		expect([made.message, made.context.itemIndex]).toEqual(['odd', 5]);
	});
	it('an unexpected failure is not blamed on the credential: no advice is added to it', () => {
		const made = asNodeError(ctx, new TypeError('odd'), 5);
		expect(made).toBeInstanceOf(NodeOperationError);
		expect(made.description).toBeUndefined();
	});
	it("a copy for another item keeps the original's HTTP code even when its response summary has none", () => {
		const api = new NodeApiError(
			node,
			{ message: 'Batch 2: no answer' },
			{ message: 'Batch 2: no answer', description: 'd', httpCode: '503', itemIndex: 0 },
		);
		const copy = asNodeError(ctx, api, 3) as NodeApiError;
		expect([copy.message, copy.httpCode, copy.context.itemIndex]).toEqual([
			'Batch 2: no answer',
			'503',
			3,
		]);
	});
});

describe('errorItem', () => {
	it('holds one key, error, with the message and the details, paired to its input', () => {
		const api = new NodeApiError(
			node,
			{ message: 'm' },
			{ message: 'm', description: 'd', httpCode: '500', itemIndex: 1 },
		);
		expect(errorItem(api, 1, 'Spring')).toStrictEqual({
			json: { error: { message: 'm', description: 'd', httpCode: '500', campaignName: 'Spring' } },
			pairedItem: { item: 1 },
		});
		const unanswered = new NodeApiError(
			node,
			{ message: 'Could not reach' },
			{ message: 'Could not reach', description: 'd', itemIndex: 0 },
		);
		expect(errorItem(unanswered, 0, 'Spring').json).toStrictEqual({
			error: { message: 'Could not reach', description: 'd', campaignName: 'Spring' },
		});
		const plain = new NodeOperationError(node, 'p');
		expect(errorItem(plain, 0, 5)).toStrictEqual({
			json: { error: { message: 'p' } },
			pairedItem: { item: 0 },
		});
	});
	it('has the shape n8n 1.x and 2.x both route to the error output: json with error alone', () => {
		// n8n 1.x: `{ error }` or `{ error, message }`; 2.x: keys among error, message, details.
		const item = errorItem(new NodeOperationError(node, 'p', { description: 'd' }), 3, 'S');
		expect(Object.keys(item.json)).toEqual(['error']);
		expect(item.error).toBeUndefined();
	});
});

describe('itemRanges', () => {
	it.each([
		[[], ''],
		[[4], '4'],
		[[0, 1, 2, 5, 7, 8], '0–2, 5, 7–8'],
		[[9, 3, 4, 3, 10], '3–4, 9–10'],
	])('%j → "%s"', (items, text) => {
		expect(itemRanges(items)).toBe(text);
	});
});

describe('withUnrepeatableCalls', () => {
	const failure = () =>
		new NodeOperationError(node, 'Campaign "B": Kore.ai answered HTTP 400: refused', {
			description: 'Its own advice.',
		});
	const call = (label: string, ...items: number[]) => ({ label, items });
	it('leaves the error alone when no call that must not be repeated went out', () => {
		const error = failure();
		expect(withUnrepeatableCalls(error, { accepted: [], uncertain: [] }, [1, 2])).toBe(error);
		expect(error.description).toBe('Its own advice.');
	});
	it('names one accepted call and its items after the advice, the items not done, and what to do', () => {
		const error = withUnrepeatableCalls(
			failure(),
			{ accepted: [call('Campaign "A": start', 0)], uncertain: [] },
			[1, 2, 3],
		);
		expect(error.description).toBe(
			'Its own advice. Before the run stopped, Kore.ai accepted a call of it that must not be sent again (input items 0): Campaign "A": start. Input items not done: 1–3. Running the same input again sends them all again: run only the items not done, or set Settings → On Error to "Continue (using error output)" to get every item\'s outcome.',
		);
	});
	it('names exactly five calls without counting more; with only calls left unanswered, says nothing of accepted ones', () => {
		const five = [1, 2, 3, 4, 5].map((n) => call(`b${n}`, n));
		const error = withUnrepeatableCalls(
			new NodeOperationError(node, 'b9: refused'),
			{ accepted: five, uncertain: [] },
			[9],
		);
		expect(error.description).toContain(
			'accepted 5 calls of it that must not be sent again (input items 1–5): b1; b2; b3; b4; b5.',
		);
		expect(error.description).not.toContain('more');
		const unanswered = withUnrepeatableCalls(
			new NodeOperationError(node, 'b9: refused'),
			{ accepted: [], uncertain: [call('b1', 1, 2)] },
			[1, 2, 9],
		);
		expect(unanswered.description).toBe(
			'Kore.ai may also have carried out a call whose answer did not come back: b1. Input items that may have been carried out (no answer came back): 1–2. Input items not done: 9. Running the same input again sends them all again: run only the items not done, or set Settings → On Error to "Continue (using error output)" to get every item\'s outcome.',
		);
	});
	it('names at most five calls of each kind and counts the rest; the failed call is not named again, its items are', () => {
		const labels = (n: number) => Array.from({ length: n }, (_, i) => call(`batch ${i + 1}`, i));
		const error = withUnrepeatableCalls(
			new NodeOperationError(node, 'batch 9: no answer'),
			{ accepted: labels(7), uncertain: [call('batch 8', 7), call('batch 9', 8)] },
			[7, 8, 9],
		);
		expect(error.description).toContain(
			'accepted 7 calls of it that must not be sent again (input items 0–6): batch 1; batch 2; batch 3; batch 4; batch 5; and 2 more.',
		);
		expect(error.description).toContain(
			'Kore.ai may also have carried out a call whose answer did not come back: batch 8.',
		);
		expect(error.description).toContain(
			'Input items that may have been carried out (no answer came back): 7–8. Input items not done: 9.',
		);
		const alone = withUnrepeatableCalls(
			new NodeOperationError(node, 'batch 9: no answer'),
			{ accepted: [], uncertain: [call('batch 9', 8)] },
			[8],
		).description;
		expect(alone).toMatch(
			/^Input items that may have been carried out \(no answer came back\): 8\. Running/,
		);
		expect(alone).not.toContain('batch 9');
	});
});

describe('errorForItem', () => {
	it("another item's copy of an API error carries the same clean summary: message and HTTP code", () => {
		const summary = { message: 'Campaign "A": Kore.ai answered HTTP 403', httpCode: '403' };
		const original = new NodeApiError(node, summary, {
			...summary,
			description: 'Check the app scopes.',
			itemIndex: 0,
		});
		const copy = errorForItem(ctx, original, 2) as NodeApiError;
		expect(copy.errorResponse).toEqual(summary);
		expect([copy.message, copy.description, copy.httpCode, copy.context.itemIndex]).toEqual([
			summary.message,
			'Check the app scopes.',
			'403',
			2,
		]);
	});
});

describe('outputsBefore', () => {
	it('is empty for a failure that produced no outputs first', () => {
		expect(outputsBefore(new Error('no outputs'))).toEqual([]);
		expect(outputsBefore(undefined)).toEqual([]);
	});
});
