/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: it runs under jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
// The client's own decisions, with n8n's HTTP helper replaced by a list of answers: what it hands
// the helper, which calls it remembers as not safe to repeat, what its errors carry, and what a
// stop reports. The engine tests send the same calls over real HTTP to the Kore stand-in.
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	NodeApiError,
} from 'n8n-workflow';

import { clientCredentials } from '../../../dev/fixtures';
import { accountLimiter, WaitAborted } from '../../../nodes/KoreCampaign/transport/accountLimiter';
import type { ClientSettings } from '../../../nodes/KoreCampaign/transport/client';
import { KoreClient } from '../../../nodes/KoreCampaign/transport/client';
import type { KoreRequest } from '../../../nodes/KoreCampaign/transport/request';
import {
	callIdentity,
	MAX_RUNS,
	RUN_MEMORY_MS,
	TriesMemory,
} from '../../../nodes/KoreCampaign/transport/triesMemory';

const HOST = 'https://kore.test';
const SETTINGS: ClientSettings = { requestsPerMinute: 0, timeoutMs: 30_000, maxRetries: 3 };

/** What the fake helper answers: an HTTP answer, or an error thrown before any answer. */
type Answer = { statusCode: number; body?: unknown; headers?: Record<string, unknown> } | Error;

let accounts = 0;

/**
 * A node context whose HTTP helper gives `answers` in order (a call beyond them fails the test),
 * on an account of its own so that no test's pace or pause reaches another.
 */
function context(
	answers: Answer[],
	options: { reference?: { id: string; name: string }; onCall?: () => void } = {},
) {
	const data: ICredentialDataDecryptedObject = clientCredentials(HOST, {
		accountId: `acc-${++accounts}`,
	});
	const calls: Array<{ type: string; options: IHttpRequestOptions; additional: unknown }> = [];
	const node = {
		id: 'n1',
		name: 'Kore',
		type: 'kore',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...(options.reference ? { credentials: { koreAiApi: options.reference } } : {}),
	};
	const ctx = {
		getCredentials: async () => data,
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (
				type: string,
				requestOptions: IHttpRequestOptions,
				additional: unknown,
			) => {
				calls.push({ type, options: requestOptions, additional });
				options.onCall?.();
				const answer = answers.shift();
				if (answer === undefined) throw new Error(`unexpected call to ${requestOptions.url}`);
				if (answer instanceof Error) throw answer;
				return { headers: {}, ...answer };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls, data, account: `${HOST} acc-${accounts}` };
}

async function open(ctx: IExecuteFunctions, settings = SETTINGS, signal?: AbortSignal) {
	const client = await KoreClient.open(ctx, settings, signal);
	if (!(client instanceof KoreClient)) throw client;
	return client;
}

const ok = { statusCode: 200, body: { status: 'success' } };
const timedOut = () =>
	Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ETIMEDOUT' });
const add: KoreRequest = {
	method: 'POST',
	url: `${HOST}/contacts`,
	body: { contacts: [] },
	repeatable: false,
	label: 'Adding contacts, batch 1',
};
const read: KoreRequest = { method: 'GET', url: `${HOST}/campaign`, repeatable: true };

describe('KoreClient.send', () => {
	it('hands n8n the request as JSON text with the checked credential and its reference', async () => {
		const { ctx, calls, data } = context([ok], { reference: { id: 'c-7', name: 'Kore prod' } });
		const client = await open(ctx);
		await expect(client.send(add, 0)).resolves.toEqual({ status: 'success' });
		expect(calls).toEqual([
			{
				type: 'koreAiApi',
				options: {
					method: 'POST',
					url: `${HOST}/contacts`,
					body: '{"contacts":[]}',
					json: true,
					timeout: 30_000,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
				additional: {
					credentialsDecrypted: { id: 'c-7', name: 'Kore prod', type: 'koreAiApi', data },
				},
			},
		]);
	});

	it('sends no body key for a request without one; a node without a credential reference gets empty ones', async () => {
		const { ctx, calls, data } = context([ok]);
		await (await open(ctx)).send(read, 0);
		expect(Object.keys(calls[0].options)).not.toContain('body');
		expect(calls[0].additional).toEqual({
			credentialsDecrypted: { id: '', name: '', type: 'koreAiApi', data },
		});
	});

	it("a rate-limit answer pauses the account for Kore's Retry-After, whatever its header's case", async () => {
		const { ctx, account } = context([
			{ statusCode: 429, headers: { 'Retry-After': '2' }, body: { message: 'slow down' } },
		]);
		const paused = jest.spyOn(accountLimiter, 'rateLimited');
		try {
			const client = await open(ctx, { ...SETTINGS, requestsPerMinute: 60, maxRetries: 0 });
			await expect(client.send(read, 0)).rejects.toThrow("Kore.ai's rate limit was exceeded");
			expect(paused).toHaveBeenCalledTimes(1);
			expect(paused).toHaveBeenCalledWith(account, expect.anything(), 2_000);
			expect(accountLimiter.currentRate(account)).toBeLessThan(60);
		} finally {
			paused.mockRestore();
		}
	});
});

describe('rate-limit retries', () => {
	const limited = { statusCode: 429, headers: { 'retry-after': '0' }, body: { message: 'slow' } };
	const gateway = { statusCode: 503, headers: { 'retry-after': '0' }, body: { message: 'busy' } };

	it('rate-limit answers do not use up Max Retries: the item succeeds after five of them with Max Retries 3', async () => {
		const { ctx, calls } = context([limited, limited, limited, limited, limited, ok]);
		const client = await open(ctx, { ...SETTINGS, maxRetries: 3 });
		await expect(client.send(read, 0)).resolves.toEqual({ status: 'success' });
		expect(calls).toHaveLength(6);
	});

	it('other failures still count against Max Retries, rate-limit answers between them aside', async () => {
		const { ctx, calls } = context([gateway, limited, gateway, limited, gateway, gateway]);
		const client = await open(ctx, { ...SETTINGS, maxRetries: 3 });
		await expect(client.send(read, 0)).rejects.toThrow(/busy \(after 6 attempts\)$/);
		expect(calls).toHaveLength(6);
	});

	it('Max Retries 0 still sends a rate-limited call once', async () => {
		const { ctx, calls } = context([limited]);
		const client = await open(ctx, { ...SETTINGS, maxRetries: 0 });
		await expect(client.send(read, 0)).rejects.toThrow("Kore.ai's rate limit was exceeded");
		expect(calls).toHaveLength(1);
	});
});

describe('calls not safe to repeat', () => {
	it('are remembered when accepted, by label or else method and address; reads are not', async () => {
		const { ctx } = context([ok, ok, ok]);
		const client = await open(ctx);
		await client.send(add, 0);
		await client.send({ ...add, label: undefined }, 1);
		await client.send(read, 2);
		const calls = client.unrepeatableCalls();
		const expected = {
			accepted: [
				{ label: 'Adding contacts, batch 1', items: [0] },
				{ label: `POST ${HOST}/contacts`, items: [1] },
			],
			uncertain: [],
		};
		expect(calls).toEqual(expected);
		// A copy: what a caller does with it changes nothing the client remembers.
		calls.accepted[0].items.push(7);
		calls.accepted.pop();
		calls.uncertain.push({ label: 'x', items: [] });
		expect(client.unrepeatableCalls()).toEqual(expected);
	});

	it('a timeout is not retried, says the call may have been carried out, and is remembered as uncertain', async () => {
		const { ctx, calls } = context([timedOut()]);
		const client = await open(ctx);
		const error = (await client.send(add, 3).catch((e: unknown) => e)) as NodeApiError;
		expect(calls).toHaveLength(1);
		expect(error.message).toMatch(
			/^Adding contacts, batch 1: .*\. Kore\.ai may have carried it out$/,
		);
		expect(error.description).toMatch(
			/^Kore\.ai may have carried it out\. Check in Kore\.ai before running this item again\. /,
		);
		expect(client.unrepeatableCalls()).toEqual({
			accepted: [],
			uncertain: [{ label: 'Adding contacts, batch 1', items: [3] }],
		});
	});

	it("a timeout of a repeatable call says repeating does no harm, or the operation's own advice", async () => {
		const { ctx } = context([timedOut(), timedOut()]);
		const client = await open(ctx, { ...SETTINGS, maxRetries: 0 });
		await expect(client.send(read, 0)).rejects.toMatchObject({
			description: expect.stringMatching(
				/^Kore\.ai may still have carried it out; running this item again does no harm\. /,
			),
		});
		await expect(
			client.send({ ...read, hints: { maybeDone: 'Look at the campaign.' } }, 0),
		).rejects.toMatchObject({ description: expect.stringMatching(/^Look at the campaign\. /) });
		expect(client.unrepeatableCalls()).toEqual({ accepted: [], uncertain: [] });
	});
});

describe('failures', () => {
	it("an HTTP failure carries its code and Kore's text; the label and the number of attempts lead the message", async () => {
		const gateway = { statusCode: 503, body: { message: 'busy' } };
		const { ctx } = context([
			{ statusCode: 404, body: { message: 'no such campaign' } },
			gateway,
			gateway,
		]);
		const client = await open(ctx, { ...SETTINGS, maxRetries: 1 });
		const notFound = (await client
			.send({ ...read, label: 'Reading' }, 4)
			.catch((e: unknown) => e)) as NodeApiError;
		expect(notFound.httpCode).toBe('404');
		expect(notFound.message).toMatch(/^Reading: .*no such campaign$/);
		expect(notFound.errorResponse).toEqual({
			message: notFound.message,
			httpCode: '404',
			koreMessage: 'no such campaign',
		});
		expect(notFound.context.itemIndex).toBe(4);

		const twice = (await client.send(read, 0).catch((e: unknown) => e)) as NodeApiError;
		expect(twice.message).toMatch(/^[^:]*Kore\.ai.*busy \(after 2 attempts\)$/);
	});

	it('a failure without an answer has no HTTP code, and no Kore text in its summary', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const { ctx } = context([refused]);
		const error = (await (await open(ctx)).send(read, 0).catch((e: unknown) => e)) as NodeApiError;
		expect(error.httpCode).toBeNull();
		// Keys, not toEqual: a key holding undefined would pass toEqual.
		expect(Object.keys(error.errorResponse ?? {})).toEqual(['message']);
	});

	it('an unreadable answer names the call, what was missing and what Kore said, if it said something', async () => {
		const client = await open(context([]).ctx);
		const labelled = { ...read, label: 'Reading campaign' };
		const error = client.unreadable(labelled, 'a campaign id', { message: 'done' }, 2);
		expect(error.message).toBe('Reading campaign: Kore.ai answered without a campaign id: done');
		expect(error.errorResponse).toEqual({ message: error.message });
		expect(error.description).toBe(
			'Check the campaign in Kore.ai; if this keeps happening, Kore.ai may have changed its API (please report it).',
		);
		expect(error.context.itemIndex).toBe(2);
		expect(client.unreadable(read, 'an id', { message: '' }, 0).message).toBe(
			'Kore.ai answered without an id',
		);
		expect(client.unreadable(read, 'an id', { message: 7 }, 0, 'Look.').message).toBe(
			'Kore.ai answered without an id',
		);
		expect(client.unreadable(read, 'an id', {}, 0, 'Look.').description).toBe('Look.');
	});

	it('a dry run shows the request without a body key when it has none, the token redacted', async () => {
		const client = await open(context([]).ctx);
		const shown = client.describe(read);
		expect(Object.keys(shown)).toEqual(['method', 'url', 'headers']);
		expect(shown.headers).toMatchObject({ auth: '[redacted]' });
		expect(client.describe(add).body).toEqual({ contacts: [] });
	});
});

describe('a stop', () => {
	it('before the first attempt is the wait given up, and nothing is sent', async () => {
		const { ctx, calls } = context([ok]);
		const stop = new AbortController();
		stop.abort();
		const client = await open(ctx, SETTINGS, stop.signal);
		await expect(client.send(read, 0)).rejects.toBeInstanceOf(WaitAborted);
		expect(calls).toHaveLength(0);
	});

	it('while queued for a slot to try again reports the failure before it, and that the call may have been carried out', async () => {
		// One call a minute: after the first attempt times out and its backoff (at most 1 s) ends,
		// the retry waits in the account's queue for a minute. The stop comes 2 s after the first
		// call, in that queue (timers fire in the order they are due, however busy the machine).
		const stop = new AbortController();
		const { ctx, calls } = context([timedOut()], {
			onCall: () => void setTimeout(() => stop.abort(), 2_000),
		});
		const client = await open(ctx, { ...SETTINGS, requestsPerMinute: 1 }, stop.signal);
		const error = (await client.send(read, 5).catch((e: unknown) => e)) as NodeApiError;
		expect(calls).toHaveLength(1);
		expect(error.message).toBe(
			"The run stopped before this item's call was tried again; it had failed: Could not reach Kore.ai at https://kore.test: no answer came within 30 s",
		);
		expect(error.description).toBe(
			'Kore.ai may still have carried it out; running this item again does no harm.',
		);
		expect(error.context.itemIndex).toBe(5);
	});
});

describe("earlier tries of the same run (n8n's Retry On Fail)", () => {
	// Each call of `memory.try()` is one try of the same run.
	const tries = () => {
		const memory = new TriesMemory(() => 0);
		return { try: () => memory.forRun('exec-1', 'Kore', 0) };
	};

	it('an accepted call is answered from memory, not sent again; a read is sent again', async () => {
		const memory = tries();
		const first = context([ok, ok]);
		const earlier = await KoreClient.open(first.ctx, SETTINGS, undefined, memory.try());
		await (earlier as KoreClient).send(add, 0);
		await (earlier as KoreClient).send(read, 0);
		const second = context([ok]);
		const later = (await KoreClient.open(
			second.ctx,
			SETTINGS,
			undefined,
			memory.try(),
		)) as KoreClient;
		await expect(later.send(add, 4)).resolves.toEqual({ status: 'success' });
		expect(second.calls).toHaveLength(0);
		expect(later.unrepeatableCalls().accepted).toEqual([
			{ label: 'Adding contacts, batch 1', items: [4] },
		]);
		await later.send(read, 0);
		expect(second.calls).toHaveLength(1);
	});

	it('an unanswered call fails again without being sent, saying so; another body is another call', async () => {
		const memory = tries();
		const first = context([timedOut()]);
		const earlier = (await KoreClient.open(
			first.ctx,
			SETTINGS,
			undefined,
			memory.try(),
		)) as KoreClient;
		await expect(earlier.send(add, 0)).rejects.toThrow();
		const second = context([ok]);
		const later = (await KoreClient.open(
			second.ctx,
			SETTINGS,
			undefined,
			memory.try(),
		)) as KoreClient;
		const error = (await later.send(add, 0).catch((e: unknown) => e)) as NodeApiError;
		expect(second.calls).toHaveLength(0);
		expect(error.message).toMatch(/Kore\.ai may have carried it out; it was not sent again$/);
		expect(error.description).toMatch(/^An earlier try of this node in this execution/);
		expect(later.unrepeatableCalls().uncertain).toEqual([
			{ label: 'Adding contacts, batch 1', items: [0] },
		]);
		await later.send({ ...add, body: { contacts: [{ phoneNumber: '+15550000001' }] } }, 0);
		expect(second.calls).toHaveLength(1);
	});

	it('a refused call is not remembered: the next try sends it', async () => {
		const memory = tries();
		const first = context([{ statusCode: 400, body: { message: 'no' } }]);
		const earlier = (await KoreClient.open(
			first.ctx,
			SETTINGS,
			undefined,
			memory.try(),
		)) as KoreClient;
		await expect(earlier.send(add, 0)).rejects.toThrow();
		const second = context([ok]);
		const later = (await KoreClient.open(
			second.ctx,
			SETTINGS,
			undefined,
			memory.try(),
		)) as KoreClient;
		await later.send(add, 0);
		expect(second.calls).toHaveLength(1);
	});
});

describe('TriesMemory', () => {
	const accepted = {
		outcome: 'accepted' as const,
		answer: {},
		label: 'L',
		items: [0],
	};
	it('keeps runs apart by execution, node and run index', () => {
		const memory = new TriesMemory(() => 0);
		memory.forRun('e1', 'Kore', 0).remember(add, accepted);
		expect(memory.forRun('e1', 'Kore', 0).recall(add)).toMatchObject(accepted);
		expect(memory.forRun('e2', 'Kore', 0).recall(add)).toBeUndefined();
		expect(memory.forRun('e1', 'Kore 2', 0).recall(add)).toBeUndefined();
		expect(memory.forRun('e1', 'Kore', 1).recall(add)).toBeUndefined();
		// Each forRun begins a try of its run: four runs are known now.
		expect(memory.size).toBe(4);
	});

	it('forgets a run an hour after its last use, and the least recently used beyond the bound', () => {
		let now = 0;
		const memory = new TriesMemory(() => now);
		memory.forRun('old', 'Kore', 0).remember(add, accepted);
		now = RUN_MEMORY_MS - 1;
		expect(memory.forRun('old', 'Kore', 0).recall(add)).toBeDefined();
		// Last used at RUN_MEMORY_MS - 1: kept until an hour after that, not a millisecond more.
		now = 2 * RUN_MEMORY_MS - 2;
		expect(memory.size).toBe(1);
		now = 2 * RUN_MEMORY_MS - 1;
		expect(memory.size).toBe(0);
		for (let i = 0; i <= MAX_RUNS; i++) memory.forRun(`e${i}`, 'Kore', 0).remember(add, accepted);
		expect(memory.size).toBe(MAX_RUNS);
		expect(memory.forRun('e0', 'Kore', 0).recall(add)).toBeUndefined();
		expect(memory.forRun(`e${MAX_RUNS}`, 'Kore', 0).recall(add)).toBeDefined();
	});

	it('a try recalls only earlier tries, each call once; what it did not reach stays to be owned up to', () => {
		const memory = new TriesMemory(() => 0);
		const first = memory.forRun('e1', 'Kore', 0);
		first.remember(add, accepted);
		first.remember(add, { ...accepted, items: [1] });
		expect(first.recall(add)).toBeUndefined();
		expect(first.sentBefore(add)).toBe(false);
		const second = memory.forRun('e1', 'Kore', 0);
		expect(second.notRecalled().map((c) => c.items)).toEqual([[0], [1]]);
		expect(second.sentBefore(add)).toBe(true);
		expect(second.recall(add)?.items).toEqual([0]);
		expect(second.notRecalled().map((c) => c.items)).toEqual([[1]]);
		expect(second.recall(add)?.items).toEqual([1]);
		expect(second.recall(add)).toBeUndefined();
		expect(second.sentBefore(add)).toBe(false);
		second.remember({ ...add, body: { other: true } }, accepted);
		const third = memory.forRun('e1', 'Kore', 0);
		expect(third.notRecalled()).toHaveLength(3);
	});

	it('a call is the same call by method, address and body only', () => {
		expect(callIdentity(add)).toBe(callIdentity({ ...add, label: 'other', items: [9] }));
		expect(callIdentity(add)).not.toBe(callIdentity({ ...add, body: { contacts: [1] } }));
		expect(callIdentity(add)).not.toBe(callIdentity({ ...add, url: `${add.url}?x` }));
		expect(callIdentity(add)).not.toBe(callIdentity({ ...add, method: 'PUT' }));
	});

	it('a declared intent stands for the body: the same intent with another body is the same call', () => {
		const callBack = { ...add, body: [{ at: '10:00:00' }], intent: '["cdl-1"]' };
		expect(callIdentity(callBack)).toBe(callIdentity({ ...callBack, body: [{ at: '10:00:01' }] }));
		expect(callIdentity(callBack)).not.toBe(callIdentity({ ...callBack, intent: '["cdl-2"]' }));
	});
});

describe('TriesMemory notes', () => {
	it('an outcome noted by one try is read by later tries of the run only', () => {
		const memory = new TriesMemory(() => 0);
		const first = memory.forRun('e1', 'Kore', 0);
		first.note('campaign delete A', { deleted: true });
		expect(first.noted('campaign delete A')).toBeUndefined();
		const second = memory.forRun('e1', 'Kore', 0);
		expect(second.noted('campaign delete A')).toEqual({ deleted: true });
		expect(second.noted('campaign delete B')).toBeUndefined();
		expect(memory.forRun('e2', 'Kore', 0).noted('campaign delete A')).toBeUndefined();
	});
});
