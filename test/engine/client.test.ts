/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * The one Kore client every operation uses, through n8n's real HTTP helpers against the stand-in:
 * what is retried (and what is never sent twice), what counts as a rate limit, which failure a
 * stopped run reports, and that a run leaves no listener behind.
 */
import { getEventListeners } from 'node:events';
import type { IDataObject } from 'n8n-workflow';

import { editorContext, runWorkflow } from '../../dev/engine';
import { clientCredentials, WINDOW } from '../../dev/fixtures';
import { KoreClient } from '../../nodes/KoreCampaign/transport/client';
import { scheduleUrl } from '../../nodes/KoreCampaign/actions/campaign/campaignCall';
import type { KoreRequest } from '../../nodes/KoreCampaign/transport/request';
import { RATE_LIMIT_MESSAGE, runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();

/** A client as the editor opens one, at no pace of its own, with these timeouts and retries. */
async function openClient(
	settings: { timeoutMs?: number; maxRetries?: number } = {},
	signal?: AbortSignal,
): Promise<KoreClient> {
	const client = await KoreClient.open(
		editorContext(clientCredentials(kore)),
		{
			requestsPerMinute: 0,
			timeoutMs: settings.timeoutMs ?? 5_000,
			maxRetries: settings.maxRetries ?? 3,
		},
		signal,
	);
	if (!(client instanceof KoreClient)) throw client;
	return client;
}

/** A call the stand-in answers with a success (a schedule), marked safe to repeat or not. */
function scheduleRequest(client: KoreClient, repeatable: boolean): KoreRequest {
	return {
		method: 'POST',
		url: scheduleUrl(client.connection, 'Spring Promo', false),
		body: {},
		repeatable,
		hints: repeatable ? {} : { maybeDone: 'The campaign may have started. Check it with Get.' },
	};
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('the call did not fail');
}

describe('a request that is not safe to repeat', () => {
	it('is sent once when no answer comes in time, and the error says it may have been carried out', async () => {
		kore.failNext({ kind: 'hang' });
		const client = await openClient({ timeoutMs: 1_000, maxRetries: 3 });
		const error = await failureOf(client.send(scheduleRequest(client, false), 0));
		expect(kore.received).toHaveLength(1);
		expect(error.message).toMatch(/no answer came within 1 s\. Kore\.ai may have carried it out$/);
		expect(error.description).toMatch(/^The campaign may have started\. Check it with Get\./);
		expect(error.description).not.toMatch(/safe/);
	});

	it('is sent once after a dropped connection or a gateway error', async () => {
		for (const fault of [{ kind: 'reset' }, { status: 502, body: 'Bad Gateway' }]) {
			kore.reset();
			kore.failNext(fault, fault);
			const client = await openClient({ maxRetries: 3 });
			const error = await failureOf(client.send(scheduleRequest(client, false), 0));
			expect(kore.received).toHaveLength(1);
			expect(error.message).toMatch(/Kore\.ai may have carried it out$/);
		}
	});

	it('is retried after a rate-limit answer, which proves Kore did not act', async () => {
		kore.failNext({
			status: 429,
			body: { status: 'failure', message: RATE_LIMIT_MESSAGE },
			headers: { 'retry-after': '0' },
		});
		const client = await openClient({ maxRetries: 3 });
		const answer = await client.send(scheduleRequest(client, false), 0);
		expect(answer).toMatchObject({ status: 'success' });
		expect(kore.received.map((r: { status: number }) => r.status)).toEqual([429, 200]);
	});
});

describe('a request that is safe to repeat', () => {
	it('is retried after a timeout, and the error says running it again does no harm', async () => {
		kore.failNext({ kind: 'hang' }, { kind: 'hang' });
		const client = await openClient({ timeoutMs: 1_000, maxRetries: 1 });
		const request = { ...scheduleRequest(client, true), hints: {} };
		const error = await failureOf(client.send(request, 0));
		expect(kore.received).toHaveLength(2);
		expect(error.message).toMatch(/no answer came within 1 s \(after 2 attempts\)$/);
		expect(error.description).toMatch(
			/^Kore\.ai may still have carried it out; running this item again does no harm\./,
		);
	});
});

describe('what a rate limit is', () => {
	it.each([
		[404, { status: 'failure', message: 'Campaign Data Rate Limit Upsel | SMS not found' }],
		[
			200,
			{
				status: 'failure',
				message: 'Campaign Acme Corporate Limited | Voice is not in a schedulable state',
			},
		],
	])('HTTP %i %j is reported as it is, once, not as a rate limit', async (status, body) => {
		kore.failNext({ status, body });
		const error = await runNodeExpectingError({
			parameters: {
				operation: 'disableSchedule',
				campaignName: { __rl: true, mode: 'name', value: 'Any' },
				options: { requestsPerMinute: 0, maxRetries: 3 },
			},
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe(
			status === 404
				? `Kore.ai answered HTTP 404: ${body.message}`
				: `Kore.ai reported a failure: ${body.message}`,
		);
		expect(error.message).not.toMatch(/rate limit was exceeded/);
		expect(kore.received).toHaveLength(1);
	});
});

describe('which failure a stopped run reports', () => {
	it('without Continue on Fail: the failure that stopped the run, not the item abandoned because of it', async () => {
		// Item 0 gets a 503 and waits to be retried; item 1 is refused for good meanwhile.
		kore.failFor('Waits to retry', { status: 503, body: { status: 'failure', message: 'busy' } });
		kore.failFor('Refused', {
			status: 401,
			body: { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] },
		});
		const error = await runNodeExpectingError({
			parameters: (i: number) => ({
				operation: 'schedule',
				campaignName: { __rl: true, mode: 'name', value: i === 0 ? 'Waits to retry' : 'Refused' },
				...WINDOW,
				options: { requestsPerMinute: 0, maxRetries: 3 },
			}),
			items: [{ json: {} }, { json: {} }],
			credentials: clientCredentials(kore),
		});
		expect(error.message).toBe('Kore.ai answered HTTP 401: Invalid SDK credentials');
		expect(error.context.itemIndex).toBe(1);
	});

	it('an item stopped while waiting to be retried says its call went out, never "nothing was sent"', async () => {
		const stop = new AbortController();
		kore.failNext({ status: 503, body: { status: 'failure', message: 'busy' } });
		kore.onRequest = () => stop.abort();
		const client = await openClient({ maxRetries: 3 }, stop.signal);
		const error = await failureOf(client.send(scheduleRequest(client, true), 0));
		expect(error.message).toBe(
			"The run stopped before this item's call was tried again; it had failed: Kore.ai answered HTTP 503: busy",
		);
		expect(error.description).toBe(
			'Kore.ai may still have carried it out; running this item again does no harm.',
		);
		expect(kore.received).toHaveLength(1);
	});

	it('a call refused for the rate limit and stopped before its retry says Kore.ai did not carry it out', async () => {
		const stop = new AbortController();
		kore.failNext({ status: 429, body: { status: 'failure', message: RATE_LIMIT_MESSAGE } });
		kore.onRequest = () => stop.abort();
		const client = await openClient({ maxRetries: 3 }, stop.signal);
		const error = await failureOf(client.send(scheduleRequest(client, false), 0));
		expect(error.message).toMatch(
			/^The run stopped before this item's call was tried again; it had failed: Kore\.ai's rate limit was exceeded/,
		);
		expect(error.description).toBe('Kore.ai did not carry it out; run the item again.');
	});
});

describe('listeners', () => {
	it('a run leaves no abort listener on the execution, and 200 queued items print no warning', async () => {
		const warnings: Error[] = [];
		const onWarning = (warning: Error) => warnings.push(warning);
		process.on('warning', onWarning);
		try {
			const result = await runWorkflow({
				parameters: {
					operation: 'disableSchedule',
					campaignName: { __rl: true, mode: 'name', value: 'Spring' },
					options: { requestsPerMinute: 100_000, maxConcurrency: 50 },
				},
				items: Array.from({ length: 200 }, () => ({ json: {} })),
				credentials: clientCredentials(kore),
			});
			expect(result.outputs[0]).toHaveLength(200);
			expect(result.cancelSignal).toBeDefined();
			expect(getEventListeners(result.cancelSignal as AbortSignal, 'abort')).toHaveLength(0);
			// Warnings are emitted on the next tick.
			await new Promise((resolve) => setImmediate(resolve));
			expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
		} finally {
			process.off('warning', onWarning);
		}
	});
});

describe('dry run', () => {
	it('describes the request with the token redacted, and sends nothing', async () => {
		const client = await openClient();
		const described = client.describe(scheduleRequest(client, true)) as IDataObject;
		expect(described).toEqual({
			method: 'POST',
			url: scheduleUrl(client.connection, 'Spring Promo', false),
			headers: {
				auth: '[redacted]',
				accountId: kore.accountId,
				iid: client.connection.botId,
				'Content-Type': 'application/json',
			},
			body: {},
		});
		expect(kore.received).toHaveLength(0);
	});
});
