/** The error `f` throws; fails the test when it returns. For pure functions (engine runs: runNodeExpectingError). */
export function thrown(f: () => unknown): Error & { field?: string } {
	try {
		f();
	} catch (error) {
		return error as Error & { field?: string };
	}
	throw new Error('expected it to throw');
}
