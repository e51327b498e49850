/** What the items of one run look up once and share. */
export class RunMemo {
	private readonly entries = new Map<string, Promise<unknown>>();
	private readonly kept = new Map<string, unknown>();

	/** The shared answer for `key`, computing it if no item asked yet. */
	share<T>(key: string, compute: () => Promise<T>): { answer: Promise<T>; first: boolean } {
		const known = this.entries.get(key) as Promise<T> | undefined;
		if (known !== undefined) return { answer: known, first: false };
		const answer = compute();
		this.entries.set(key, answer);
		answer.catch(() => {
			if (this.entries.get(key) === answer) this.entries.delete(key);
		});
		return { answer, first: true };
	}

	/** The run's one `T` for `key`, made by the first item to ask and kept whatever becomes of it. */
	once<T>(key: string, make: () => T): T {
		if (!this.kept.has(key)) this.kept.set(key, make());
		return this.kept.get(key) as T;
	}
}
