import type { KoreCredentialError } from './connection';
import type { KoreFailure } from './koreAnswer';

/** Errors thrown before any answer arrived (refused, reset, timed out, DNS), turned into failures a
 * user can act on, and whether trying again may help. */

/** Node.js / axios error codes of a request that never got an answer. */
const CONNECTION_PROBLEMS: Record<
	string,
	{ what: string; retryable: boolean; maybeDone?: boolean }
> = {
	ECONNREFUSED: {
		what: 'the connection was refused (nothing is listening there)',
		retryable: false,
	},
	ENOTFOUND: { what: 'the host name could not be found', retryable: false },
	EAI_AGAIN: { what: 'the host name could not be looked up (DNS)', retryable: true },
	ECONNRESET: {
		what: 'the connection was closed before Kore.ai answered',
		retryable: true,
		maybeDone: true,
	},
	EPIPE: { what: 'the connection was closed while sending', retryable: true, maybeDone: true },
	ETIMEDOUT: { what: 'no answer came in time', retryable: true, maybeDone: true },
	ECONNABORTED: { what: 'no answer came in time', retryable: true, maybeDone: true },
	ESOCKETTIMEDOUT: { what: 'no answer came in time', retryable: true, maybeDone: true },
	EHOSTUNREACH: { what: 'the host is unreachable', retryable: true },
};

/** Walks an error's chain: n8n wraps the HTTP client's error in a NodeApiError, which keeps the
 * original as `errorResponse` (and, depending on the version, `cause`). */
function causes(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		chain.push(current as Record<string, unknown>);
		const { cause, errorResponse } = current as { cause?: unknown; errorResponse?: unknown };
		current = cause ?? errorResponse;
	}
	return chain;
}

/** Turns an error thrown before any answer arrived into a failure the user can act on. */
export function connectionFailure(error: unknown, host: string, timeoutMs: number): KoreFailure {
	const chain = causes(error);
	// n8n 2.x keeps the HTTP client's error, with its `code`.
	const code = chain
		.flatMap((e) => [e.code, e.httpCode])
		.find((c): c is string => typeof c === 'string' && c in CONNECTION_PROBLEMS);
	const timedOut = chain.some((e) => typeof e.message === 'string' && /timeout/i.test(e.message));
	const problem =
		code !== undefined
			? CONNECTION_PROBLEMS[code]
			: timedOut
				? CONNECTION_PROBLEMS.ETIMEDOUT
				: undefined;
	const what =
		problem?.what === CONNECTION_PROBLEMS.ETIMEDOUT.what
			? `no answer came within ${Math.round(timeoutMs / 1000)} s`
			: (problem?.what ?? 'the request failed before any answer arrived');
	// An error none of the codes explains may have happened after the request was sent.
	const maybeDone = problem === undefined || problem.maybeDone === true;
	return {
		ok: false,
		httpCode: 0,
		message: `Could not reach Kore.ai at ${host}: ${what}`,
		description:
			"Check the credential's Host (and that n8n can reach it through any proxy or firewall). A slow host can be given more time with the node's Timeout option.",
		retryable: problem?.retryable ?? false,
		notCarriedOut: !maybeDone,
		maybeDone,
	};
}

/** Finds a credential problem raised by the credential's authenticate step, however wrapped. */
export function credentialProblem(error: unknown): KoreCredentialError | undefined {
	return causes(error).find((e) => e.name === 'KoreCredentialError') as
		| KoreCredentialError
		| undefined;
}
