import type { INodeProperties } from 'n8n-workflow';

import { ANSWER_WAIT_SECONDS } from './preCallAnswer';

/** The credential holding the header Kore sends with every pre-call check. */
export const PRE_CALL_CREDENTIAL_TYPE = 'korePreCallAuthApi';

export const DEFAULT_PATH = 'kore-pre-call';

export const RESPOND_WITH = [
	{
		name: 'Last Node',
		value: 'lastNode',
		description:
			'The first item of the last node that runs: its handle (CALL or SKIP) and reason; every other field goes to Kore.ai for the bot',
	},
	{
		name: 'Respond to Webhook Node',
		value: 'respondToWebhook',
		description:
			'A Respond to Webhook node, version 1 only (newer ones refuse to run after this trigger; paste one from the docs): answer early, let the workflow go on',
	},
] as const;

export const preCallProperties: INodeProperties[] = [
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: DEFAULT_PATH,
		required: true,
		placeholder: DEFAULT_PATH,
		description:
			"The webhook URL's path. The Production URL above goes into the Kore.ai campaign's pre-call API URL; each active workflow needs its own path.",
	},
	{
		displayName: 'Respond With',
		name: 'respondWith',
		type: 'options',
		default: 'lastNode',
		options: [...RESPOND_WITH],
		description: 'Which node gives Kore.ai the answer',
	},
	{
		displayName: `Anything but an explicit CALL is answered SKIP with the reason: a missing or unknown handle, a failed workflow, or no answer within ${ANSWER_WAIT_SECONDS} seconds. Keep the workflow short: Kore.ai waits before each dial.`,
		name: 'safeByDefaultNotice',
		type: 'notice',
		default: '',
	},
];

/** A string compare whose time does not depend on where the strings differ. */
function sameText(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++)
		diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return diff === 0;
}

/** Whether the request carries the credential's header with its value (names in any case). */
export function headerMatches(
	expected: { name: string; value: string },
	headers: Record<string, string | string[] | undefined>,
): boolean {
	const sent = headers[expected.name.trim().toLowerCase()];
	return typeof sent === 'string' && sameText(sent, expected.value);
}

/** An HTTP header name (RFC 9110 token): what Kore.ai can send as a static header. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
