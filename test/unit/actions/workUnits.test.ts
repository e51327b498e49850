import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type {
	BatchOperation,
	ItemOperation,
	KoreOperation,
	PreparedEntry,
} from '../../../nodes/KoreCampaign/actions/operation';
import { refusedAcross, workUnits } from '../../../nodes/KoreCampaign/actions/workUnits';
import { withOutputs } from '../../../nodes/KoreCampaign/errors/errors';
import type { RunContext } from '../../../nodes/KoreCampaign/run/runContext';
import { RunMemo } from '../../../nodes/KoreCampaign/run/runMemo';
import type { KoreClient } from '../../../nodes/KoreCampaign/transport/client';

const ctx = {} as IExecuteFunctions;
const client = {} as KoreClient;
/** A fresh run context (its memo new each time). */
const runOf = (): RunContext => ({
	ctx,
	client,
	memo: new RunMemo(),
	read: () => undefined,
	stop: new AbortController().signal,
});
const base = { resource: 'campaign' as const, description: [], prepare: () => '' };

const single: ItemOperation<string> = {
	...base,
	option: { name: 'Single', value: 'single' },
	execute: async ({ itemIndex }, prepared) => {
		if (prepared === 'fail') throw withOutputs(new Error('failed'), [{ partial: itemIndex }]);
		return [{ prepared, itemIndex }];
	},
};

/** Batches of two by the prepared value's first letter. */
const pairs: BatchOperation<string> = {
	...base,
	option: { name: 'Pairs', value: 'pairs' },
	batches(entries) {
		const byLetter = new Map<string, Array<PreparedEntry<string>>>();
		for (const e of entries)
			byLetter.set(e.prepared[0], [...(byLetter.get(e.prepared[0]) ?? []), e]);
		return [...byLetter.values()].flatMap((group) =>
			Array.from({ length: Math.ceil(group.length / 2) }, (_, i) => group.slice(i * 2, i * 2 + 2)),
		);
	},
	executeBatch: async (_run, batch) => batch.map((e) => ({ outputs: [{ sent: e.prepared }] })),
};
const item = (operation: ItemOperation<string> | BatchOperation<string>, prepared: string) => ({
	operation: operation as unknown as KoreOperation,
	prepared,
});

describe('workUnits', () => {
	it('one unit per item, in input order; a failed check is a unit that reports it', async () => {
		const bad = new NodeOperationError({} as never, 'bad row', { itemIndex: 1 });
		const units = workUnits([item(single, 'a'), bad, item(single, 'fail')]);
		expect(units.map((u) => u.items)).toEqual([[0], [1], [2]]);
		expect(await units[0].run(runOf())).toEqual([{ outputs: [{ prepared: 'a', itemIndex: 0 }] }]);
		expect(await units[1].run(runOf())).toEqual([{ error: bad }]);
		const [failed] = await units[2].run(runOf());
		expect(failed).toEqual({ outputs: [{ partial: 2 }], error: expect.any(Error) });
	});

	it("a batch operation's items become its batches, placed where its first item was", async () => {
		const bad = new NodeOperationError({} as never, 'bad row', { itemIndex: 2 });
		const units = workUnits([
			item(single, 's'),
			item(pairs, 'a1'),
			bad,
			item(pairs, 'b1'),
			item(pairs, 'a2'),
			item(pairs, 'a3'),
			item(single, 't'),
		]);
		expect(units.map((u) => u.items)).toEqual([[0], [1, 4], [5], [3], [2], [6]]);
		expect(await units[1].run(runOf())).toEqual([
			{ outputs: [{ sent: 'a1' }] },
			{ outputs: [{ sent: 'a2' }] },
		]);
	});

	it('refuses batches that lose or repeat an item (an operation bug, not a user error)', () => {
		const losing: BatchOperation<string> = { ...pairs, batches: (entries) => [entries.slice(1)] };
		expect(() => workUnits([item(losing, 'a'), item(losing, 'b')])).toThrow(
			/Pairs: its batches must hold every item exactly once \(items 0, 1; batches 1\)/,
		);
		const repeating: BatchOperation<string> = { ...pairs, batches: (e) => [e, e.slice(0, 1)] };
		expect(() => workUnits([item(repeating, 'a'), item(repeating, 'b')])).toThrow(/exactly once/);
	});

	it('refuses batches that leave out only the last item', () => {
		const short: BatchOperation<string> = { ...pairs, batches: (e) => [e.slice(0, -1)] };
		expect(() => workUnits([item(short, 'a'), item(short, 'b')])).toThrow(
			'Pairs: its batches must hold every item exactly once (items 0, 1; batches 0)',
		);
	});

	it('refuses batches that repeat one item in place of another, naming both lists', () => {
		const swapped: BatchOperation<string> = { ...pairs, batches: (e) => [[e[0]], [e[0]], [e[2]]] };
		expect(() => workUnits([item(swapped, 'a'), item(swapped, 'b'), item(swapped, 'c')])).toThrow(
			'Pairs: its batches must hold every item exactly once (items 0, 1, 2; batches 0, 0, 2)',
		);
	});

	it('an empty batch becomes no unit: no call is sent for no items', () => {
		const withEmpty: BatchOperation<string> = { ...pairs, batches: (e) => [[], e, []] };
		const units = workUnits([item(withEmpty, 'a'), item(single, 's'), item(withEmpty, 'b')]);
		expect(units.map((u) => u.items)).toEqual([[0, 2], [1]]);
	});
});

describe('refusedAcross', () => {
	const asError = (error: unknown, itemIndex: number) =>
		new NodeOperationError({} as never, (error as Error).message, { itemIndex });
	/** Refuses an item whose value an earlier item of the operation already has. */
	const unique: BatchOperation<string> = {
		...pairs,
		refuse(entries) {
			const seen = new Set<string>();
			const refused = new Map<number, Error>();
			for (const { itemIndex, prepared } of entries) {
				if (seen.has(prepared)) refused.set(itemIndex, new Error(`repeats ${prepared}`));
				seen.add(prepared);
			}
			return refused;
		},
	};

	it("an operation sees all of its own items (not other operations' nor failed ones) and refuses some", () => {
		const bad = new NodeOperationError({} as never, 'bad row', { itemIndex: 1 });
		const given = [
			item(unique, 'a1'),
			bad,
			item(pairs, 'a1'),
			item(unique, 'a1'),
			item(single, 'a1'),
			item(unique, 'b1'),
		];
		const checked = refusedAcross(given, asError);
		expect(checked.map((c, i) => (c === given[i] ? 'kept' : (c as Error).message))).toEqual([
			'kept',
			'kept',
			'kept',
			'repeats a1',
			'kept',
			'kept',
		]);
		expect((checked[3] as NodeOperationError).context.itemIndex).toBe(3);
	});
});
