/** Runs `work(0..count-1)` with at most `concurrency` in flight and returns the results in index
 * order. */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	let failed = false;
	let firstError: unknown;
	let next = 0;
	const worker = async () => {
		while (next < count && !failed) {
			const index = next++;
			try {
				results[index] = await work(index);
			} catch (error) {
				if (!failed) firstError = error;
				failed = true;
			}
		}
	};
	const workers = Math.max(1, Math.min(concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failed) throw firstError;
	return results;
}
