/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { gateAnswer, type GatedResponse } from '../../../nodes/KoreCampaign/preCall/answerGate';
import { REASONS } from '../../../nodes/KoreCampaign/preCall/preCallAnswer';

/** A wait the test ends by hand (`expire`), rejecting when the gate aborts it. */
function handWait() {
	const wait = {
		expire: () => {},
		signal: undefined as AbortSignal | undefined,
		sleep: async (_ms: number, signal: AbortSignal) => {
			wait.signal = signal;
			await new Promise<void>((resolve, reject) => {
				wait.expire = resolve;
				signal.addEventListener('abort', () => reject(new Error('aborted')));
			});
		},
	};
	return wait;
}

/**
 * A real HTTP server on 127.0.0.1: each request's response goes through the gate, then `n8n`
 * writes to it as n8n would; resolves with what the client received.
 */
async function through(
	n8n: (res: http.ServerResponse, wait: ReturnType<typeof handWait>) => void | Promise<void>,
) {
	const wait = handWait();
	const done: { error?: unknown } = {};
	const server = http.createServer((_req, res) => {
		gateAnswer(res as unknown as GatedResponse, { sleep: wait.sleep, waitMs: 10_000 });
		Promise.resolve(n8n(res, wait)).catch((error) => (done.error = error));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const reply = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
		const text = await reply.text();
		return {
			status: reply.status,
			type: reply.headers.get('content-type'),
			length: reply.headers.get('content-length'),
			text,
			json: JSON.parse(text) as unknown,
			wait,
			done,
		};
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

/** n8n's way of answering: Express's res.status(code).json(body), in Node's own calls. */
const json = (res: http.ServerResponse, status: number, body: unknown) => {
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.setHeader('ETag', 'W/"x"');
	res.end(JSON.stringify(body), 'utf8');
};

describe('the answer gate between n8n and Kore', () => {
	it("the workflow's item goes out as Kore's answer: 200, JSON, its exact length", async () => {
		const got = await through((res) => json(res, 200, { handle: 'call', greetingName: 'Zoë' }));
		expect(got.status).toBe(200);
		expect(got.type).toBe('application/json; charset=utf-8');
		expect(got.json).toEqual({ contactHandling: { handle: 'CALL' }, greetingName: 'Zoë' });
		expect(Number(got.length)).toBe(Buffer.byteLength(got.text));
	});

	it("n8n's 500 for a failed workflow goes out as a 200 SKIP naming it", async () => {
		const got = await through((res) => json(res, 500, { message: 'Error in workflow' }));
		expect(got.status).toBe(200);
		expect(got.json).toEqual({
			contactHandling: { handle: 'SKIP', reason: REASONS.failed(500, 'Error in workflow') },
		});
	});

	it('a status given with writeHead and a body written in pieces are read whole', async () => {
		const got = await through((res) => {
			res.writeHead(403, { 'content-type': 'text/plain' });
			res.write('For');
			res.write(Buffer.from('bidden'));
			res.end();
		});
		expect(got.json).toEqual({
			contactHandling: { handle: 'SKIP', reason: REASONS.failed(403, 'Forbidden') },
		});
	});

	it('no answer in time: SKIP; what n8n writes afterwards is dropped without an error', async () => {
		const got = await through(async (res, wait) => {
			wait.expire();
			await new Promise((resolve) => res.once('finish', resolve));
			// n8n answers late, as the workflow finally ends.
			json(res, 200, { handle: 'CALL' });
			res.writeHead(200);
			res.end();
		});
		expect(got.json).toEqual({
			contactHandling: { handle: 'SKIP', reason: REASONS.noAnswerInTime },
		});
		expect(got.done.error).toBeUndefined();
	});

	it('once answered, the wait is ended (no timer left behind)', async () => {
		const got = await through((res) => json(res, 200, { handle: 'SKIP' }));
		expect(got.wait.signal?.aborted).toBe(true);
	});
});
