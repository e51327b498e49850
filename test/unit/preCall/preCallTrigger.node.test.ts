import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';
import { resolveWebhookDescriptionField } from 'n8n-workflow';

import { KoreCampaignPreCallTrigger } from '../../../nodes/KoreCampaign/KoreCampaignPreCallTrigger.node';

const HEADER = { name: 'X-Kore-Pre-Call-Key', value: 's3cret-value' };
const BODY = {
	CampaignName: 'Spring Promo | Voice',
	CampaignId: 'cd-1',
	DialingId: 'cdl-1',
	contactData: { phoneNumber: '+14155550101', firstName: 'Ada', lastName: 'Lovelace' },
};

/** What the node wrote to the response itself (refusals), and the response it may have gated. */
function fakeResponse() {
	const sent: { status?: number; body?: string } = {};
	const closeListeners: Array<() => void> = [];
	const res = {
		statusCode: 200,
		writeHead(status: number) {
			sent.status = status;
			return res;
		},
		write: () => true,
		end(body?: string) {
			sent.body = body;
			return res;
		},
		setHeader: () => res,
		removeHeader: () => undefined,
		once: (_event: 'close', listener: () => void) => closeListeners.push(listener),
	};
	// Kore hangs up: the gate's wait ends, no timer outlives the test.
	const hangUp = () => closeListeners.forEach((listener) => listener());
	return { res, sent, originalEnd: res.end, hangUp };
}

async function call({
	headers = { [HEADER.name.toLowerCase()]: HEADER.value },
	body = BODY as unknown,
	credential = HEADER as typeof HEADER | null,
} = {}) {
	const { res, sent, originalEnd, hangUp } = fakeResponse();
	const context = {
		getRequestObject: () => ({ headers, body }),
		getResponseObject: () => res,
		getBodyData: () => body,
		getCredentials: async () => {
			if (!credential) throw new Error('Node does not have any credentials set');
			return credential;
		},
	} as unknown as IWebhookFunctions;
	const result = await new KoreCampaignPreCallTrigger().webhook.call(context);
	hangUp();
	return { result, sent, gated: res.end !== originalEnd };
}

describe('Kore Pre-Call Check: a request from Kore', () => {
	it('with the header and a good body: one item, and the answer goes through the gate', async () => {
		const { result, sent, gated } = await call();
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						campaignName: 'Spring Promo | Voice',
						campaignId: 'cd-1',
						dialingId: 'cdl-1',
						phoneNumber: '+14155550101',
						firstName: 'Ada',
						lastName: 'Lovelace',
					},
				},
			],
		]);
		expect(sent).toEqual({});
		expect(gated).toBe(true);
	});

	it.each([
		['no header', {}],
		['a wrong value', { 'x-kore-pre-call-key': 's3cret-valuE' }],
		['a longer value', { 'x-kore-pre-call-key': 's3cret-value2' }],
		['the value under another header', { authorization: 's3cret-value' }],
	])('%s: 403, no execution, nothing echoed', async (_what, headers) => {
		const { result, sent, gated } = await call({ headers });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(403);
		expect(sent.body).not.toContain(HEADER.value);
		expect(gated).toBe(false);
	});

	it('a body without CampaignId: 400 saying what is missing, no execution', async () => {
		const { result, sent } = await call({ body: { ...BODY, CampaignId: undefined } });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(400);
		expect(JSON.parse(sent.body ?? '{}').message).toContain('no CampaignId');
	});

	it('no header credential set up: 500, no execution', async () => {
		const { result, sent } = await call({ credential: null });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(500);
	});
});

describe("the header credential's test", () => {
	const test = (data: Record<string, string>) =>
		new KoreCampaignPreCallTrigger().methods.credentialTest.preCallHeaderTest.call(
			{} as ICredentialTestFunctions,
			{ data } as unknown as ICredentialsDecrypted,
		);

	it('a header name and value Kore can send: OK', async () => {
		expect(await test(HEADER)).toEqual({
			status: 'OK',
			message: 'Requests without the header X-Kore-Pre-Call-Key will be refused',
		});
	});

	it.each([
		[{ name: 'X Kore Key', value: 'v' }, /not a header name/],
		[{ name: '', value: 'v' }, /not a header name/],
		[{ name: 'X-Key', value: '' }, /Enter the value/],
	])('%j: an error saying what to fix', async (data, said) => {
		const result = await test(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(said);
	});
});

describe('what n8n reads from the node on every request', () => {
	const [webhook] = new KoreCampaignPreCallTrigger().description.webhooks ?? [];
	const node = (parameters: INode['parameters']) => ({ parameters }) as INode;
	const read = (parameters: INode['parameters'], field: 'path' | 'responseMode') =>
		resolveWebhookDescriptionField(node(parameters), webhook, field);

	it('path and response mode resolve without the expression engine', () => {
		expect(read({ path: 'kore-pre-call', respondWith: 'lastNode' }, 'path')).toEqual({
			resolved: true,
			value: 'kore-pre-call',
		});
		expect(read({ path: 'p', respondWith: 'lastNode' }, 'responseMode')).toEqual({
			resolved: true,
			value: 'lastNode',
		});
		expect(read({ path: 'p', respondWith: 'respondToWebhook' }, 'responseMode')).toEqual({
			resolved: true,
			value: 'responseNode',
		});
	});

	it('POST only, full path, the first item as JSON', () => {
		expect(webhook).toMatchObject({
			httpMethod: 'POST',
			isFullPath: true,
			responseData: 'firstEntryJson',
		});
	});
});
