import { isPlainObject } from '../transport/isPlainObject';

export type Handle = 'CALL' | 'SKIP';

/** What Kore reads: the decision, and any extra fields it hands to the bot. */
export interface KoreAnswer {
	contactHandling: { handle: Handle; reason?: string };
	[extra: string]: unknown;
}

/**
 * How long the node waits for the workflow's answer before it answers SKIP itself. Kore does not
 * document its own timeout; a pre-call check should answer in well under a second.
 */
export const ANSWER_WAIT_SECONDS = 10;

export const skip = (reason: string): KoreAnswer => ({
	contactHandling: { handle: 'SKIP', reason },
});

export const REASONS = {
	noAnswerInTime: `n8n: the workflow did not answer within ${ANSWER_WAIT_SECONDS} s, so the contact was skipped`,
	noAnswer: 'n8n: the workflow ended without an answer, so the contact was skipped',
	noHandle:
		'n8n: the workflow\'s answer has no "handle" field (CALL or SKIP), so the contact was skipped',
	notJson: "n8n: the workflow's answer is not a JSON object, so the contact was skipped",
	unknownHandle: (handle: unknown) =>
		`n8n: the workflow answered handle ${JSON.stringify(handle)}, not CALL or SKIP, so the contact was skipped`,
	failed: (status: number, message: string | undefined) =>
		`n8n: the workflow failed (HTTP ${status}${message ? `: ${message}` : ''}), so the contact was skipped`,
};

function readReason(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The workflow's answer item as Kore's answer: `handle` (CALL or SKIP, any case, also inside
 * Kore's own `contactHandling` shape) and `reason`; every other field goes to Kore as extra data.
 * Anything but an explicit CALL or SKIP is a SKIP that says why, without extra fields.
 */
export function answerFromItem(json: unknown): KoreAnswer {
	if (!isPlainObject(json)) return skip(REASONS.notJson);
	const { handle: topHandle, reason: topReason, contactHandling, ...extra } = json;
	const source = isPlainObject(contactHandling)
		? contactHandling
		: { handle: topHandle, reason: topReason };
	const raw = source.handle;
	if (raw === undefined || raw === null || raw === '') return skip(REASONS.noHandle);
	const handle = typeof raw === 'string' ? raw.trim().toUpperCase() : undefined;
	if (handle !== 'CALL' && handle !== 'SKIP') return skip(REASONS.unknownHandle(raw));
	const reason = readReason(source.reason);
	return {
		contactHandling: reason === undefined ? { handle } : { handle, reason },
		...extra,
	};
}

/**
 * What n8n was about to send Kore (its status and body: the workflow's answer, or n8n's own
 * failure) as Kore's answer.
 */
export function answerFromN8n(status: number, body: string): KoreAnswer {
	let parsed: unknown;
	try {
		parsed = body.trim() === '' ? undefined : JSON.parse(body);
	} catch {
		parsed = body;
	}
	if (status < 200 || status >= 300) {
		const message = isPlainObject(parsed) ? parsed.message : parsed;
		return skip(
			REASONS.failed(status, typeof message === 'string' ? message.slice(0, 200) : undefined),
		);
	}
	if (parsed === undefined) return skip(REASONS.noAnswer);
	return answerFromItem(parsed);
}
