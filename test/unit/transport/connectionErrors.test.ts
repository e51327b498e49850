import { KoreCredentialError } from '../../../nodes/KoreCampaign/transport/connection';
import {
	connectionFailure,
	credentialProblem,
} from '../../../nodes/KoreCampaign/transport/connectionErrors';

const HOST = 'https://kore.test';
const ADVICE =
	"Check the credential's Host (and that n8n can reach it through any proxy or firewall). A slow host can be given more time with the node's Timeout option.";
/** `maybeDone`: the request may have reached Kore.ai; otherwise it certainly did not. */
const failure = (what: string, retryable: boolean, maybeDone = false) => ({
	ok: false,
	httpCode: 0,
	message: `Could not reach Kore.ai at ${HOST}: ${what}`,
	description: ADVICE,
	retryable,
	notCarriedOut: !maybeDone,
	maybeDone,
});

/** Errors thrown before any answer, as n8n hands them over (wrapped), turned into failures: exactly. */
describe('connectionFailure', () => {
	it.each([
		[
			'a refused connection',
			{ code: 'ECONNREFUSED' },
			failure('the connection was refused (nothing is listening there)', false),
		],
		[
			'a reset inside n8n’s wrapper (errorResponse, then cause)',
			{ message: 'x', errorResponse: { cause: { code: 'ECONNRESET' } } },
			failure('the connection was closed before Kore.ai answered', true, true),
		],
		[
			'a timeout known only by its message, deep in the chain',
			{ message: 'request failed', cause: { message: 'timeout of 30000ms exceeded' } },
			failure('no answer came within 30 s', true, true),
		],
		[
			'a timeout message beside a code the node does not know',
			{ code: 'EWHATEVER', message: 'Timeout awaiting socket' },
			failure('no answer came within 30 s', true, true),
		],
		[
			'an unknown error (it may have come after the request was sent)',
			{ code: 'EWHATEVER', message: 'boom' },
			failure('the request failed before any answer arrived', false, true),
		],
		[
			'a code that is not text',
			{ code: 111, message: 'boom', errorResponse: null },
			failure('the request failed before any answer arrived', false, true),
		],
		[
			'a code or message that is not text, even one whose text form names a known problem',
			{ code: ['ECONNREFUSED'], message: ['timeout'] },
			failure('the request failed before any answer arrived', false, true),
		],
		[
			'not an object at all',
			'boom',
			failure('the request failed before any answer arrived', false, true),
		],
		[
			'a code six errors deep (past the five looked at)',
			{ cause: { cause: { cause: { cause: { cause: { code: 'ENOTFOUND' } } } } } },
			failure('the request failed before any answer arrived', false, true),
		],
		[
			'a code five errors deep',
			{ cause: { cause: { cause: { cause: { code: 'ENOTFOUND' } } } } },
			failure('the host name could not be found', false),
		],
		[
			'an unknown host name (nothing was sent)',
			{ code: 'ENOTFOUND' },
			failure('the host name could not be found', false),
		],
		[
			'a DNS look-up that failed for now (nothing was sent; worth retrying)',
			{ code: 'EAI_AGAIN' },
			failure('the host name could not be looked up (DNS)', true),
		],
		[
			'a connection closed while sending (it may have arrived)',
			{ code: 'EPIPE' },
			failure('the connection was closed while sending', true, true),
		],
		[
			"a reset as n8n 1.x reports it: only the wrapper's httpCode names it",
			{
				message: 'socket hang up',
				httpCode: 'ECONNRESET',
				cause: undefined,
				errorResponse: undefined,
			},
			failure('the connection was closed before Kore.ai answered', true, true),
		],
		[
			'a timeout as n8n 1.x reports it: httpCode ECONNABORTED',
			{ message: 'boom', httpCode: 'ECONNABORTED' },
			failure('no answer came within 30 s', true, true),
		],
		[
			'an HTTP status in httpCode is no connection problem',
			{ message: 'boom', httpCode: '500' },
			failure('the request failed before any answer arrived', false, true),
		],
	])('%s', (_, error, expected) => {
		expect(connectionFailure(error, HOST, 30_000)).toStrictEqual(expected);
	});

	it('a cause chain that loops back on itself ends', () => {
		const error: Record<string, unknown> = { message: 'loop' };
		error.cause = error;
		expect(connectionFailure(error, HOST, 5_000)).toStrictEqual(
			failure('the request failed before any answer arrived', false, true),
		);
	});
});

describe('credentialProblem', () => {
	it('finds the credential check’s error however n8n wrapped it, and nothing else', () => {
		const problem = new KoreCredentialError('The credential’s Bot ID is empty.', 'botId');
		expect(credentialProblem({ message: 'x', cause: { errorResponse: problem } })).toBe(problem);
		expect(credentialProblem(problem)).toBe(problem);
		expect(credentialProblem(new Error('other'))).toBeUndefined();
	});
});
