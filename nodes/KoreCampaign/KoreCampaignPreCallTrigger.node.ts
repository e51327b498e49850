import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import {
	fromFunction,
	fromParameter,
	NodeConnectionTypes,
	sleep,
	webhookDescriptionFields,
} from 'n8n-workflow';

import { gateAnswer, type GatedResponse } from './preCall/answerGate';
import { ANSWER_WAIT_SECONDS } from './preCall/preCallAnswer';
import { readPreCallRequest } from './preCall/preCallRequest';
import {
	HEADER_NAME,
	headerMatches,
	PRE_CALL_CREDENTIAL_TYPE,
	preCallProperties,
} from './preCall/preCallSettings';

const responseMode = (parameters: { respondWith?: unknown }) =>
	parameters.respondWith === 'respondToWebhook' ? 'responseNode' : 'lastNode';

/**
 * Path and response mode, which n8n reads on every request: n8n 2.x resolves these from the
 * parameters, as for its own Webhook node; n8n 1.x, which lacks the helpers, evaluates the same
 * expressions.
 */
const WEBHOOK_FIELDS =
	typeof webhookDescriptionFields === 'function'
		? webhookDescriptionFields({
				path: fromParameter('path'),
				responseMode: fromFunction(responseMode),
			})
		: {
				path: '={{$parameter["path"]}}',
				responseMode: `={{(${String(responseMode)})($parameter)}}`,
			};

/** Kore Pre-Call Check: Kore.ai asks before each dial; the workflow answers CALL or SKIP. */
export class KoreCampaignPreCallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore Pre-Call Check Trigger',
		name: 'koreCampaignPreCallTrigger',
		icon: { light: 'file:../../icons/kore.svg', dark: 'file:../../icons/kore.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "POST /" + $parameter["path"] }}',
		description:
			'Starts the workflow when a Kore.ai campaign is about to dial a contact, and answers Kore.ai CALL or SKIP',
		defaults: { name: 'Kore Pre-Call Check' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// The literal, not PRE_CALL_CREDENTIAL_TYPE: n8n's lint reads it to find the test.
			{ name: 'korePreCallAuthApi', required: true, testedBy: 'preCallHeaderTest' },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				isFullPath: true,
				...WEBHOOK_FIELDS,
				responseData: 'firstEntryJson',
			},
		],
		properties: preCallProperties,
	};

	/** Kore.ai's pre-call URL is entered in the campaign by hand: nothing to register there. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	methods = {
		credentialTest: {
			/** Kore.ai calls n8n, not the other way round: the test checks the header can be sent. */
			async preCallHeaderTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const name = String(credential.data?.name ?? '').trim();
				const value = String(credential.data?.value ?? '');
				if (!HEADER_NAME.test(name))
					return {
						status: 'Error',
						message: `"${name}" is not a header name Kore.ai can send: use letters, digits and - only, e.g. X-Kore-Pre-Call-Key`,
					};
				if (value === '')
					return { status: 'Error', message: 'Enter the value Kore.ai sends in the header' };
				return { status: 'OK', message: `Requests without the header ${name} will be refused` };
			},
		},
	};

	/** One request from Kore.ai: refused, or one item and an answer that is always Kore's shape. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const expected = await this.getCredentials<{ name: string; value: string }>(
			PRE_CALL_CREDENTIAL_TYPE,
		).catch(() => undefined);
		if (!expected?.name || !expected.value) {
			res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('The Kore Pre-Call Check node has no header credential set up');
			return { noWebhookResponse: true };
		}
		if (!headerMatches(expected, req.headers)) {
			res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('The authorization header is missing or wrong');
			return { noWebhookResponse: true };
		}
		const read = readPreCallRequest(this.getBodyData());
		if (!read.ok) {
			res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify({ message: read.message }));
			return { noWebhookResponse: true };
		}
		gateAnswer(res as unknown as GatedResponse, { sleep, waitMs: ANSWER_WAIT_SECONDS * 1000 });
		return { workflowData: [[{ json: read.item }]] };
	}
}
