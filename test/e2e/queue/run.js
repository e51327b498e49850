'use strict';
// Queue mode against an account with far less left than the node's setting: main + two workers
// on Redis and PostgreSQL, the node left at its default 60 calls a minute, the stand-in allowing 6
// in any rolling minute (Kore's real one-minute window: the node's pacing is in real minutes, so
// this takes about seven). Every row must be scheduled exactly once, no execution may fail, and
// rejections must fall to at most 20 % of calls after the first minute, with nothing to tune.
// Run by `npm test`; alone: `node test/e2e/queue/sharedAccount.js`.

const assert = require('node:assert/strict');

const { startQueueMode, finishedBy } = require('../../../dev/queueMode');

const LIMIT = { calls: 6, windowMs: 60_000 };
const NODE_PER_MINUTE = 60;
const ROWS = 36;
const WINDOW = { start: '2031-01-27 09:00:00', end: '2031-02-27 09:00:00' };
/** Generous: 36 rows at 6 a minute take six minutes, rejections and retries included well under ten. */
const DEADLINE_MS = 15 * 60_000;
const LOOK_EVERY_MS = 2_000;

async function main() {
	const started = Date.now();
	const queue = await startQueueMode({
		workers: 2,
		requestsPerMinute: NODE_PER_MINUTE,
		standInLimit: LIMIT,
		respondAtOnce: true,
	});
	let passed = 0;
	let failed = 0;
	const check = (name, fn) => {
		try {
			fn();
			passed++;
			console.log(`  ✓ ${name}`);
		} catch (error) {
			failed++;
			console.log(`  ✗ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
		}
	};
	try {
		console.log(
			`shared account in queue mode: n8n ${queue.n8n.version}, main + ${queue.workers.length} workers, node at ${NODE_PER_MINUTE}/min, stand-in allowing ${LIMIT.calls} calls per rolling minute`,
		);
		const names = Array.from({ length: ROWS }, (_, i) => `Shared row ${i}`);
		const answers = await Promise.all(
			names.map(async (name) => {
				const res = await fetch(queue.webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name, ...WINDOW }),
				});
				return res.status;
			}),
		);
		const finished = () => queue.workers.reduce((n, w) => n + finishedBy(w).length, 0);
		// Bounded: looks every 2 s until every execution finished or the deadline passed.
		for (
			const until = Date.now() + DEADLINE_MS;
			finished() < ROWS && Date.now() < until;
			await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS))
		);

		const calls = queue.kore.scheduleCalls;
		const first = Math.min(...calls.map((c) => c.at));
		const later = calls.filter((c) => c.at > first + 60_000);
		const laterRejected = later.filter((c) => c.status === 429).length;
		const accepted = calls.filter((c) => c.status === 200);
		const ran = queue.workers.map((w) => finishedBy(w).length);

		check(`every webhook call (${ROWS}) was taken`, () => {
			assert.deepEqual(
				answers.filter((s) => s !== 200),
				[],
			);
		});
		check(`every execution finished (${ran.join(' + ')}), none failed`, () => {
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
		`shared account in queue mode finished in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	console.log(`${passed} passed, ${failed} failed`);
	if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
