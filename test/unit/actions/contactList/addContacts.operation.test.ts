import { contactBatches } from '../../../../nodes/KoreCampaign/actions/contactList/addContacts.operation';

const entry = (itemIndex: number, listName: string, batchSize = 2, dryRun = false) => ({
	itemIndex,
	prepared: { listName, contact: { phoneNumber: `+1555000000${itemIndex}` }, batchSize, dryRun },
});

describe('contactBatches', () => {
	it('groups by list (in order of first appearance), cuts each group in input order, numbers batches from 1', () => {
		const batches = contactBatches([
			entry(0, 'A'),
			entry(1, 'B'),
			entry(2, 'A'),
			entry(3, 'A'),
			entry(4, 'B'),
			entry(5, 'C'),
		]);
		expect(
			batches.map((b) => b.map((e) => [e.itemIndex, e.prepared.listName, e.prepared.batch])),
		).toEqual([
			[
				[0, 'A', 1],
				[2, 'A', 1],
			],
			[[3, 'A', 2]],
			[
				[1, 'B', 3],
				[4, 'B', 3],
			],
			[[5, 'C', 4]],
		]);
	});
	it('keeps items with a different Batch Size or Dry Run apart; list names match exactly', () => {
		const batches = contactBatches([
			entry(0, 'A', 3),
			entry(1, 'A', 3, true),
			entry(2, 'a', 3),
			entry(3, 'A', 1),
			entry(4, 'A', 3),
		]);
		expect(batches.map((b) => b.map((e) => e.itemIndex))).toEqual([[0, 4], [1], [2], [3]]);
	});
	it('nothing in, nothing out; the entries given are not changed', () => {
		expect(contactBatches([])).toEqual([]);
		const given = entry(0, 'A');
		contactBatches([given]);
		expect(given.prepared).not.toHaveProperty('batch');
	});
});
