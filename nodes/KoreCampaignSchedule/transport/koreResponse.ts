/**
 * Reads what Kore.ai answered and decides: success (with the campaign id), or a failure with
 * a message a no-code builder can act on, and whether trying again may help.
 */

export interface KoreSuccess {
	ok: true;
	/** The campaign id a schedule call returns ('' for a list). */
	id: string;
	status: string;
	message: string;
	/** A list call's page: `data` of Kore's answer. */
	page?: KorePage;
}

/** One page of Kore's campaign list. */
export interface KorePage {
	results: Array<Record<string, unknown>>;
	hasMore: boolean;
}

/** What a successful answer must carry: a schedule call's campaign id, or a list call's page. */
export type KoreAnswerKind = 'campaignId' | 'campaignList';

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
	/** Kore said the account's per-minute limit was exceeded. */
	rateLimited?: boolean;
	/** How long Kore asked us to wait (from Retry-After), in milliseconds. */
	retryAfterMs?: number;
}

export type KoreOutcome = KoreSuccess | KoreFailure;

/** Kore's wording when the per-minute limit is exceeded. */
const RATE_LIMIT_TEXT = /rate.?limit|too many requests/i;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Kore's own explanation: `errors[].msg` (auth and validation errors) or `message`. */
export function koreText(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	if (Array.isArray(body.errors)) {
		const msgs = body.errors
			.map((e) => (isObject(e) ? (e.msg ?? e.message) : e))
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
export function parseRetryAfter(header: unknown, nowMs: number = Date.now()): number | undefined {
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

const HINTS: Record<string, string> = {
	'400':
		'Kore.ai did not accept the request. Check the campaign name, the dates (the end must be after the start and in the future) and the recurrence.',
	'401':
		"Kore.ai did not accept the token. Check the credential's Client ID and Client Secret (or paste a fresh JWT), and that the app belongs to this bot.",
	'403':
		"The app is not allowed to manage campaigns. In the bot's App Settings > Dev Tools, map the app to an API scope that includes Campaign Management, and publish the scope.",
	'404':
		"Kore.ai found no such campaign or bot. Check the campaign name (exact spelling, including spaces and |) and the credential's Bot ID and Host.",
	'429':
		"Kore.ai allows 60 campaign API calls per minute per account. Lower the node's Requests per Minute option, or wait a minute and run again.",
	'5xx':
		'Kore.ai had trouble on its side. Try again in a few minutes; if it keeps happening, contact Kore.ai support.',
	failure:
		'Kore.ai answered but did not do it. Its message above says why; most often the campaign name does not match an existing campaign exactly, or the dates are not accepted.',
	notJson:
		"Whatever answered is not Kore.ai's campaign API (a proxy, a login page or a wrong Host?). Check the credential's Host.",
};

/**
 * Interprets one HTTP answer from the campaign schedule endpoint.
 * A body with `status: "failure"` is a failure even with HTTP 200.
 */
export function interpretKoreResponse(
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown> = {},
	nowMs: number = Date.now(),
	expects: KoreAnswerKind = 'campaignId',
): KoreOutcome {
	const text = koreText(body);
	const succeeded =
		statusCode >= 200 && statusCode < 300 && isObject(body) && body.status !== 'failure';
	// Only a failure can be a rate limit: a success message repeats the campaign's name, which may
	// well contain "Rate Limit".
	const rateLimited =
		statusCode === 429 || (!succeeded && text !== undefined && RATE_LIMIT_TEXT.test(text));
	const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
	const fail = (message: string, description: string, retryable = false): KoreFailure => ({
		ok: false,
		httpCode: statusCode,
		message,
		description,
		...(text !== undefined ? { koreText: text } : {}),
		retryable,
		...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
	});
	const withKoreText = (headline: string) =>
		text !== undefined ? `${headline}: ${text}` : headline;

	if (rateLimited) {
		return {
			...fail(withKoreText("Kore.ai's rate limit was exceeded"), HINTS['429'], true),
			rateLimited: true,
		};
	}
	if (statusCode >= 200 && statusCode < 300) {
		if (!isObject(body)) {
			return fail(
				body === undefined || body === null || body === ''
					? `Kore.ai answered HTTP ${statusCode} with an empty body instead of the campaign's status`
					: `Kore.ai answered HTTP ${statusCode} with something that is not JSON: "${glimpse(body)}"`,
				HINTS.notJson,
			);
		}
		if (body.status === 'success' && expects === 'campaignList') {
			const data = body.data;
			if (isObject(data) && Array.isArray(data.results) && data.results.every(isObject)) {
				const page = { results: data.results, hasMore: data.hasMore === true };
				return {
					ok: true,
					id: '',
					status: 'success',
					message: typeof body.message === 'string' ? body.message : '',
					page,
				};
			}
			return fail(
				withKoreText('Kore.ai reported success but returned no campaign list (data.results)'),
				HINTS.notJson,
			);
		}
		if (body.status === 'success') {
			if (typeof body.id === 'string' && body.id !== '') {
				return {
					ok: true,
					id: body.id,
					status: 'success',
					message: typeof body.message === 'string' ? body.message : '',
				};
			}
			return fail(
				withKoreText(
					'Kore.ai reported success but returned no campaign id, so the result cannot be confirmed',
				),
				'Check the campaign in Kore.ai before running this item again.',
			);
		}
		if (body.status === 'failure') {
			return fail(withKoreText('Kore.ai reported a failure'), HINTS.failure);
		}
		return fail(
			withKoreText(`Kore.ai answered HTTP ${statusCode} without a "success" status`),
			HINTS.notJson,
		);
	}

	const hint = HINTS[String(statusCode)] ?? (statusCode >= 500 ? HINTS['5xx'] : HINTS['400']);
	const retryable = RETRYABLE_STATUS.has(statusCode);
	if (text !== undefined) {
		return fail(`Kore.ai answered HTTP ${statusCode}: ${text}`, hint, retryable);
	}
	const what =
		body === undefined || body === null || body === ''
			? 'an empty body'
			: isObject(body)
				? 'no error message'
				: /<html|<!doctype/i.test(String(body))
					? `an HTML page ("${glimpse(body)}"), probably from a proxy or gateway`
					: `"${glimpse(body)}"`;
	return fail(`Kore.ai answered HTTP ${statusCode} with ${what}`, hint, retryable);
}
