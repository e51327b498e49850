import { answerFromN8n, REASONS, skip, type KoreAnswer } from './preCallAnswer';

type Callback = (error?: Error | null) => void;
type Chunk = string | Uint8Array;

/** The parts of the HTTP response (n8n hands the node Express's) that the gate takes over. */
export interface GatedResponse {
	statusCode: number;
	writeHead: (statusCode: number, ...rest: unknown[]) => unknown;
	write: (chunk: Chunk, ...rest: unknown[]) => boolean;
	end: (...args: unknown[]) => unknown;
	setHeader: (name: string, value: number | string | readonly string[]) => unknown;
	setHeaders?: (headers: unknown) => unknown;
	appendHeader?: (name: string, value: string | readonly string[]) => unknown;
	removeHeader: (name: string) => void;
	once: (event: 'close', listener: () => void) => unknown;
}

export interface GateOptions {
	/** Resolves when the wait is over; rejects when the signal aborts (n8n-workflow's `sleep`). */
	sleep: (ms: number, signal: AbortSignal) => Promise<void>;
	waitMs: number;
}

const bytes = (chunk: Chunk): Uint8Array =>
	typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;

/**
 * Puts the node between n8n's answer and Kore: whatever n8n writes (the workflow's answer, its
 * "Error in workflow" 500, an empty answer) is read and sent as Kore's
 * `{"contactHandling": {...}, ...}` with HTTP 200; no answer within `waitMs` is a SKIP. The first
 * answer wins; what n8n writes after it is dropped.
 */
export function gateAnswer(res: GatedResponse, { sleep, waitMs }: GateOptions): void {
	const original = {
		end: res.end,
		writeHead: res.writeHead,
		setHeader: res.setHeader,
		setHeaders: res.setHeaders,
		appendHeader: res.appendHeader,
	};
	const chunks: Uint8Array[] = [];
	let status: number | undefined;
	// open: n8n writes into the gate; sending: the gate's own answer goes out; done: all else dropped.
	let state: 'open' | 'sending' | 'done' = 'open';
	const answered = () => state !== 'open';
	const timer = new AbortController();

	const answer = (kore: KoreAnswer) => {
		if (answered()) return;
		state = 'sending';
		timer.abort();
		const body = JSON.stringify(kore);
		res.statusCode = 200;
		res.removeHeader('etag');
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.setHeader('content-length', new TextEncoder().encode(body).length);
		original.end.call(res, body);
		state = 'done';
	};

	res.writeHead = (statusCode: number, ...rest: unknown[]) => {
		if (state === 'sending') return original.writeHead.call(res, statusCode, ...rest);
		if (state === 'open') status = statusCode;
		return res;
	};
	res.write = (chunk: Chunk, ...rest: unknown[]) => {
		if (!answered()) chunks.push(bytes(chunk));
		const callback = rest.find((r) => typeof r === 'function') as Callback | undefined;
		callback?.();
		return true;
	};
	res.end = (...args: unknown[]) => {
		const [chunk] = args;
		if (!answered() && (typeof chunk === 'string' || chunk instanceof Uint8Array))
			chunks.push(bytes(chunk));
		const callback = args.find((a) => typeof a === 'function') as Callback | undefined;
		if (!answered()) {
			const total = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
			chunks.reduce((offset, c) => (total.set(c, offset), offset + c.length), 0);
			answer(answerFromN8n(status ?? res.statusCode, new TextDecoder().decode(total)));
		}
		callback?.();
		return res;
	};
	// Headers n8n sets once the answer is out would throw "headers already sent".
	const unlessDone =
		<A extends unknown[]>(fn: ((...a: A) => unknown) | undefined) =>
		(...a: A) => {
			if (state !== 'done') fn?.apply(res, a);
			return res;
		};
	res.setHeader = unlessDone(original.setHeader);
	if (original.setHeaders) res.setHeaders = unlessDone(original.setHeaders);
	if (original.appendHeader) res.appendHeader = unlessDone(original.appendHeader);

	// Kore hung up: nothing to answer any more.
	res.once('close', () => timer.abort());
	void sleep(waitMs, timer.signal).then(
		() => answer(skip(REASONS.noAnswerInTime)),
		() => undefined,
	);
}
