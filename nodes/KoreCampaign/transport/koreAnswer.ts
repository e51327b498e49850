/** Reads what Kore.ai answered to any call. */
import { isPlainObject } from './isPlainObject';
import type { RequestHints } from './request';

export interface KoreSuccess {
	ok: true;
	/** Kore's JSON answer, for the operation to read. */
	body: Record<string, unknown>;
}

export interface KoreFailure {
	ok: false;
	/** HTTP status, or 0 when no answer arrived. */
	httpCode: number;
	message: string;
	description: string;
	/** Kore's own words (`errors[].msg` or `message`), when it gave any. */
	koreText?: string;
	/** Rate limit, gateway trouble or a broken connection: the same request may succeed later. */
	retryable: boolean;
	/** Kore.ai certainly did not act on it: a rate-limit answer, or nothing reached Kore.ai. */
	notCarriedOut: boolean;
	/** The call may have been carried out although no usable answer came (timeout, gateway error). */
	maybeDone: boolean;
	/** Kore said the account's per-minute limit was exceeded. */
	rateLimited?: boolean;
	/** How long Kore asked us to wait (from Retry-After), in milliseconds. */
	retryAfterMs?: number;
}

export type KoreOutcome = KoreSuccess | KoreFailure;

/** Kore's own wording when the per-minute limit is exceeded ("You've exceeded the per-minute rate
 * limit"). */
const KORE_RATE_LIMIT = /exceeded the per-minute rate limit/i;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Kore's own explanation: `errors[].msg` (auth and validation errors) or `message`. */
export function koreText(body: unknown): string | undefined {
	if (!isPlainObject(body)) return undefined;
	if (Array.isArray(body.errors)) {
		const msgs = body.errors
			.map((e) => (isPlainObject(e) ? (e.msg ?? e.message) : e))
			.filter((m): m is string => typeof m === 'string' && m.trim() !== '');
		if (msgs.length > 0) return msgs.join('; ');
	}
	for (const key of ['message', 'msg', 'error']) {
		const value = body[key];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return undefined;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`; undefined if absent or unreadable. */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
	// Anything but text or a number reads as neither seconds nor a date ("undefined", "[object …]").
	const text = String(Array.isArray(header) ? header[0] : header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** A short, single-line glimpse of a body that is not Kore's JSON (HTML tags stripped). */
function glimpse(body: unknown): string {
	const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	const plain = text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > 120 ? `${plain.slice(0, 117)}...` : plain;
}

/** Advice that holds for any call; an operation's hints replace the 400, 404 and failure ones. */
export const GENERIC_HINTS = {
	rejected:
		'Kore.ai did not accept the request. Its message above says why; check the values this item sends.',
	notFound:
		"Kore.ai found no such campaign, list or bot. Check the name or ID (exact spelling) and the credential's Bot ID and Host.",
	'401':
		"Kore.ai did not accept the token. Check the credential's Client ID and Client Secret (or paste a fresh JWT), and that the app belongs to this bot.",
	'403':
		"The app is not allowed to manage campaigns. In the bot's App Settings > Dev Tools, map the app to an API scope that includes Campaign Management, and publish the scope.",
	'429':
		"Kore.ai allows 60 campaign API calls per minute per account. Lower the node's Requests per Minute option, or wait a minute and run again.",
	'5xx':
		'Kore.ai had trouble on its side. Try again in a few minutes; if it keeps happening, contact Kore.ai support.',
	notJson:
		"Whatever answered is not Kore.ai's campaign API (a proxy, a login page or a wrong Host?). Check the credential's Host.",
} as const;

/** Interprets one HTTP answer. */
export function interpretKoreAnswer(
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown>,
	nowMs: number,
	hints: RequestHints = {},
): KoreOutcome {
	const text = koreText(body);
	const is2xx = statusCode >= 200 && statusCode < 300;
	const saysFailure = isPlainObject(body) && (body.status === 'failure' || body.status === 'error');
	if (is2xx && isPlainObject(body) && !saysFailure) return { ok: true, body };

	const rateLimited = statusCode === 429 || (text !== undefined && KORE_RATE_LIMIT.test(text));
	const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
	const fail = (
		message: string,
		description: string,
		flags: { retryable?: boolean; maybeDone?: boolean } = {},
	): KoreFailure => ({
		ok: false,
		httpCode: statusCode,
		message,
		description,
		...(text !== undefined ? { koreText: text } : {}),
		retryable: flags.retryable ?? false,
		notCarriedOut: false,
		maybeDone: flags.maybeDone ?? false,
		...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
	});
	const withKoreText = (headline: string) =>
		text !== undefined ? `${headline}: ${text}` : headline;

	if (rateLimited) {
		return {
			...fail(withKoreText("Kore.ai's rate limit was exceeded"), GENERIC_HINTS['429'], {
				retryable: true,
			}),
			notCarriedOut: true,
			rateLimited: true,
		};
	}
	if (is2xx) {
		if (saysFailure)
			return fail(
				withKoreText('Kore.ai reported a failure'),
				hints.rejected ?? GENERIC_HINTS.rejected,
			);
		// Something answered 2xx but not with JSON: what it did is unknown.
		return fail(
			body === undefined || body === null || body === ''
				? `Kore.ai answered HTTP ${statusCode} with an empty body`
				: `Kore.ai answered HTTP ${statusCode} with something that is not JSON: "${glimpse(body)}"`,
			GENERIC_HINTS.notJson,
			{ maybeDone: true },
		);
	}

	const hint =
		statusCode === 401 || statusCode === 403
			? GENERIC_HINTS[statusCode]
			: statusCode === 404
				? (hints.notFound ?? GENERIC_HINTS.notFound)
				: statusCode >= 500
					? GENERIC_HINTS['5xx']
					: (hints.rejected ?? GENERIC_HINTS.rejected);
	const flags = { retryable: RETRYABLE_STATUS.has(statusCode), maybeDone: statusCode >= 500 };
	if (text !== undefined) return fail(`Kore.ai answered HTTP ${statusCode}: ${text}`, hint, flags);
	const what =
		body === undefined || body === null || body === ''
			? 'an empty body'
			: isPlainObject(body)
				? 'no error message'
				: /<html|<!doctype/i.test(String(body))
					? `an HTML page ("${glimpse(body)}"), probably from a proxy or gateway`
					: `"${glimpse(body)}"`;
	return fail(`Kore.ai answered HTTP ${statusCode} with ${what}`, hint, flags);
}
