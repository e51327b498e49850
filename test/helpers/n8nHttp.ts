import http from 'node:http';
import https from 'node:https';

import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * A small stand-in for n8n's HTTP helper, with the semantics the node relies on: JSON body,
 * `returnFullResponse`, `ignoreHttpStatusErrors`, `timeout` (ECONNABORTED like axios), and
 * network errors carrying their Node.js `code`. It sends real HTTP to the Kore stand-in.
 */
export async function n8nLikeHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const target = new URL(options.url, options.baseURL);
	if (options.qs) {
		for (const [k, v] of Object.entries(options.qs)) target.searchParams.append(k, String(v));
	}
	// As n8n does: a string is sent as is, an empty object is dropped, other bodies become JSON.
	const { body: given } = options;
	const payload =
		typeof given === 'string'
			? given
			: given === undefined || given === null || (typeof given === 'object' && Object.keys(given).length === 0)
				? undefined
				: JSON.stringify(given);
	const headers: Record<string, string> = { accept: 'application/json,text/html;q=0.9,*/*;q=0.8' };
	for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
	if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
	const client = target.protocol === 'https:' ? https : http;

	const response = await new Promise<{ statusCode: number; headers: Record<string, unknown>; text: string }>(
		(resolve, reject) => {
			const req = client.request(target, { method: options.method ?? 'GET', headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('error', reject);
				res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
				res.on('end', () =>
					resolve({
						statusCode: res.statusCode ?? 0,
						headers: res.headers as Record<string, unknown>,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			});
			if (options.timeout) {
				req.setTimeout(options.timeout, () =>
					req.destroy(Object.assign(new Error(`timeout of ${options.timeout}ms exceeded`), { code: 'ECONNABORTED' })),
				);
			}
			req.on('error', reject);
			if (payload !== undefined) req.write(payload);
			req.end();
		},
	);

	let body: unknown = response.text;
	if (response.text !== '') {
		try {
			body = JSON.parse(response.text);
		} catch {
			body = response.text;
		}
	}
	if (!options.ignoreHttpStatusErrors && (response.statusCode < 200 || response.statusCode >= 300)) {
		throw Object.assign(new Error(`Request failed with status code ${response.statusCode}`), {
			response: { status: response.statusCode, data: body },
		});
	}
	return options.returnFullResponse ? { statusCode: response.statusCode, headers: response.headers, body } : body;
}
