'use strict';
// The node in n8n's queue mode (main + two workers on Redis and PostgreSQL) against an account
// with far less left than the node's setting: the node left at its default 60 calls a minute, the
// stand-in allowing 6 in any rolling minute (Kore's real window: the node paces in real minutes,
// so this takes several). Webhook calls at once, each answered with the Kore node's output: each
// must come back with its campaign id, each row be scheduled exactly once, both workers run
// executions, none fail, and rejections fall to at most 20 % of calls after the first minute,
// with nothing to tune. Too long for `npm test` (30 rows at 6 a minute):
// `npm run bench -- --queue-only` prints its figures; alone: `node test/e2e/queue/sharedAccount.js`.

const assert = require('node:assert/strict');
const http = require('node:http');

const h = require('../../../dev/n8nHarness');
const { startQueueMode, finishedBy } = require('../../../dev/queueMode');
const { waitFor } = require('../../../dev/queueServices');

const LIMIT = { calls: 6, windowMs: 60_000 };
const NODE_PER_MINUTE = 60;
const ROWS = 30;
/** Every webhook call must be answered by then, or the run fails (and stops everything it started). */
const DEADLINE_MS = 25 * 60_000;
const WINDOW = { start: '2031-01-27 09:00:00', end: '2031-02-27 09:00:00' };
/**
 * POSTs `body` as JSON and resolves with the status and the parsed answer. Node's http client,
 * not fetch: fetch gives up waiting for an answer after 5 minutes, and the last rows of this run
 * are answered later than that.
 */
function post(url, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					let json;
					try {
						json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, body: json });
				});
			},
		);
		req.on('error', reject);
		req.end(JSON.stringify(body));
	});
}

async function main() {
	const started = Date.now();
	const queue = await startQueueMode({
		workers: 2,
		requestsPerMinute: NODE_PER_MINUTE,
		standInLimit: LIMIT,
	});
	const { check, done } = h.checkList();
	try {
		console.log(
			`shared-account queue mode: n8n ${queue.n8n.version}, main + ${queue.workers.length} workers, node at ${NODE_PER_MINUTE}/min, stand-in allowing ${LIMIT.calls} calls per rolling minute`,
		);
		const names = Array.from({ length: ROWS }, (_, i) => `Shared row ${i}`);
		// Each call is answered when its row's execution ends: the last after several minutes.
		let timer;
		const deadline = new Promise((_, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new Error(`not every webhook call was answered within ${DEADLINE_MS / 60_000} min`),
					),
				DEADLINE_MS,
			);
		});
		const answers = await Promise.race([
			Promise.all(
				names.map(async (name) => ({
					name,
					...(await post(queue.webhookUrl, { name, ...WINDOW })),
				})),
			),
			deadline,
		]).finally(() => clearTimeout(timer));

		// A worker logs an execution's end about when the main answers its webhook call.
		const logged = () => queue.workers.reduce((n, w) => n + finishedBy(w).length, 0);
		await waitFor("every execution in the workers' logs", () => logged() >= ROWS, 60_000).catch(
			() => undefined,
		);
		const calls = queue.kore.scheduleCalls;
		const first = Math.min(...calls.map((c) => c.at));
		const later = calls.filter((c) => c.at > first + 60_000);
		const laterRejected = later.filter((c) => c.status === 429).length;
		const accepted = calls.filter((c) => c.status === 200);
		const ran = queue.workers.map((w) => finishedBy(w).length);

		check(`every webhook call (${ROWS}) came back with its campaign id`, () => {
			const bad = answers.filter((a) => a.status !== 200 || !/^cd-/.test(a.body?.id ?? ''));
			assert.equal(bad.length, 0, `${bad.length} failed, e.g. ${JSON.stringify(bad.slice(0, 3))}`);
			for (const a of answers) assert.equal(a.body.campaignName, a.name);
		});
		check(`both workers ran executions (${ran.join(' + ')}), none failed`, () => {
			assert.ok(
				ran.every((n) => n > 0),
				`executions per worker: ${ran.join(', ')}`,
			);
			assert.equal(
				ran.reduce((a, b) => a + b, 0),
				ROWS,
			);
			for (const w of queue.workers)
				assert.doesNotMatch(w.output, /Worker failed|Problem with execution/i);
		});
		check('each row scheduled exactly once at the stand-in', () => {
			assert.deepEqual(accepted.map((c) => c.query.campaignName).sort(), [...names].sort());
		});
		check(
			`rejections after the first minute at most 20 % of calls (${laterRejected} of ${later.length})`,
			() => {
				assert.ok(later.length > 0, 'no call after the first minute');
				assert.ok(laterRejected <= later.length * 0.2, `${laterRejected} of ${later.length}`);
			},
		);
		const span = (Math.max(...accepted.map((c) => c.at)) - first) / 60_000;
		console.log(
			`  calls ${calls.length} (${calls.length - accepted.length} rejected), rows done in ${span.toFixed(1)} min`,
		);
	} finally {
		await queue.stop();
	}
	console.log(
		`shared-account queue mode finished in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	done();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
