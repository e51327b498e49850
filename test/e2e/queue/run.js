'use strict';
// The node in n8n's queue mode: main + Redis + PostgreSQL + two workers, one Kore account at its
// limit. Many webhook calls at once; each must come back with a campaign id, each row must be
// scheduled exactly once, both workers must have run executions, and the stand-in's rate-limit
// rejections must stay under 10 % of calls, none of them reaching a caller as an error.
// Run by `npm test`; alone: `node test/e2e/queue/run.js`.

const assert = require('node:assert/strict');

const h = require('../../../dev/n8nHarness');
const { startQueueMode, finishedBy } = require('../../../dev/queueMode');

/**
 * Kore's 60 calls per minute, scaled to keep the run short: the stand-in allows 20 calls per 4 s
 * (300/min) and every worker's node is set to the whole limit, 300/min, as a user who has not
 * read about workers would set it. Two workers then ask for twice the limit until each has been
 * told off once and has halved its own pace.
 */
const LIMIT = { calls: 20, windowMs: 4000, perMinute: 300 };
const CALLS = 100;
const WINDOW = { start: '2031-01-27 09:00:00', end: '2031-02-27 09:00:00' };

async function main() {
	const started = Date.now();
	const queue = await startQueueMode({
		workers: 2,
		requestsPerMinute: LIMIT.perMinute,
		standInLimit: LIMIT,
	});
	const { check, done } = h.checkList();
	try {
		console.log(
			`queue mode: n8n ${queue.n8n.version}, main + ${queue.workers.length} workers, Redis, PostgreSQL; stand-in at ${queue.kore.url} allowing ${LIMIT.calls} calls per ${LIMIT.windowMs / 1000} s`,
		);
		const names = Array.from({ length: CALLS }, (_, i) => `Queue row ${i}`);
		const t0 = Date.now();
		const answers = await Promise.all(
			names.map(async (name) => {
				const res = await fetch(queue.webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name, ...WINDOW }),
				});
				return { name, status: res.status, body: await res.json().catch(() => undefined) };
			}),
		);
		const wallMs = Date.now() - t0;
		const accepted = queue.kore.scheduleCalls.filter((c) => c.status === 200);
		const rejected = queue.kore.counters.rateLimited;
		const times = accepted.map((c) => c.at).sort((a, b) => a - b);
		const perMinute = ((times.length - 1) / (times[times.length - 1] - times[0])) * 60_000;
		const ran = queue.workers.map((w) => finishedBy(w).length);

		check(`every webhook call (${CALLS}) came back with a campaign id`, () => {
			const bad = answers.filter((a) => a.status !== 200 || !/^cd-/.test(a.body?.id ?? ''));
			assert.equal(bad.length, 0, `${bad.length} failed, e.g. ${JSON.stringify(bad.slice(0, 3))}`);
			for (const a of answers) assert.equal(a.body.campaignName, a.name);
		});
		check('each row scheduled exactly once at the stand-in', () => {
			assert.deepEqual(accepted.map((c) => c.query.campaignName).sort(), [...names].sort());
		});
		check(`both workers ran executions (${ran.join(' + ')}), none failed`, () => {
			assert.ok(
				ran.every((n) => n > 0),
				`executions per worker: ${ran.join(', ')}`,
			);
			assert.equal(
				ran.reduce((a, b) => a + b, 0),
				CALLS,
			);
			for (const w of queue.workers)
				assert.doesNotMatch(w.output, /Worker failed|Problem with execution/i);
		});
		check(
			`rate-limit rejections under 10 % of calls (${rejected} of ${CALLS}), none reached a caller`,
			() => {
				assert.ok(rejected < CALLS * 0.1, `${rejected} rejections`);
			},
		);
		console.log(
			`  calls ${CALLS}, wall time ${(wallMs / 1000).toFixed(1)} s, accepted rate ${perMinute.toFixed(0)}/min = ${((perMinute / LIMIT.perMinute) * 100).toFixed(1)} % of the limit, rejections ${rejected}`,
		);
	} finally {
		await queue.stop();
	}
	console.log(`queue mode finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	done();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
