import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorForItem } from '../../../nodes/KoreCampaign/errors/errors';
import { RunMemo } from '../../../nodes/KoreCampaign/run/runMemo';

const node = {
	id: 'n1',
	name: 'Kore',
	type: 't',
	typeVersion: 1.1,
	position: [0, 0],
	parameters: {},
};
const ctx = { getNode: () => node as INode } as Parameters<typeof errorForItem>[0];

describe('RunMemo', () => {
	it('computes a key once: the first asker is told it is first, later askers share the answer', async () => {
		const memo = new RunMemo();
		let computed = 0;
		const compute = async () => ++computed;
		const a = memo.share('k', compute);
		const b = memo.share('k', compute);
		expect([a.first, b.first]).toEqual([true, false]);
		expect(await a.answer).toBe(1);
		expect(await b.answer).toBe(1);
		expect(await memo.share('other', compute).answer).toBe(2);
		expect(computed).toBe(2);
	});

	it('forgets a failure, so the next asker tries again', async () => {
		const memo = new RunMemo();
		const failing = memo.share('k', async () => {
			throw new Error('down');
		});
		const waiting = memo.share('k', async () => 'never');
		await expect(failing.answer).rejects.toThrow('down');
		await expect(waiting.answer).rejects.toThrow('down');
		const again = memo.share('k', async () => 'up');
		expect(again.first).toBe(true);
		expect(await again.answer).toBe('up');
	});
});

describe('errorForItem', () => {
	it("makes another item's API error this item's: same message, advice and HTTP code", () => {
		const original = new NodeApiError(
			node as INode,
			{ message: 'm', httpCode: '403' },
			{ message: 'm', description: 'd', httpCode: '403', itemIndex: 0 },
		);
		const copy = errorForItem(ctx, original, 2) as NodeApiError;
		expect(copy).toBeInstanceOf(NodeApiError);
		expect(copy).not.toBe(original);
		expect([copy.message, copy.description, copy.httpCode, copy.context.itemIndex]).toEqual([
			'm',
			'd',
			'403',
			2,
		]);
		expect(original.context.itemIndex).toBe(0);
	});

	it('and an operation error; the same item keeps its own error; anything else is left as it is', () => {
		const original = new NodeOperationError(node as INode, 'x', { description: 'y', itemIndex: 1 });
		const copy = errorForItem(ctx, original, 3) as NodeOperationError;
		expect(copy).toBeInstanceOf(NodeOperationError);
		expect([copy.message, copy.description, copy.context.itemIndex]).toEqual(['x', 'y', 3]);
		expect(errorForItem(ctx, original, 1)).toBe(original);
		const plain = new Error('plain');
		expect(errorForItem(ctx, plain, 1)).toBe(plain);
	});
});
