/**
 * `npm run bench`: figures for README's Performance section, printed as a table.
 * Not a test: it asserts nothing, it measures. Everything runs against the Kore stand-in on
 * 127.0.0.1; loops are bounded by the item counts.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { signKoreJwt } from '../credentials/koreJwt';
import { KoreCampaignSchedule } from '../nodes/KoreCampaignSchedule/KoreCampaignSchedule.node';
import { makeContext } from '../test/helpers/executeContext';
import { clientCredentials, KORE, WINDOW } from '../test/helpers/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startKoreStandIn } = require('../../test/standin/koreStandIn.js');

const ROOT = path.resolve(__dirname, '../..');
const node = new KoreCampaignSchedule();
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { row: i } }));
const params = (options: IDataObject) => (i: number) => ({ operation: 'schedule', campaignName: `Bench campaign ${i}`, ...WINDOW, onceEveryNdays: 1, options });

async function runNode(host: string, count: number, options: IDataObject, continueOnFail = false) {
	const { ctx } = makeContext({ items: items(count), parameters: params(options), credentials: clientCredentials(host), continueOnFail });
	const [out] = await node.execute.call(ctx);
	return out;
}

/** What a hand-written client would do: the same requests with fetch, N at a time, no throttle. */
async function fetchLoop(host: string, count: number, concurrency: number): Promise<number> {
	let next = 0;
	let rejected = 0;
	const body = JSON.stringify({ startDateTime: '2031-01-27 18:29:00', endDateTime: '2031-02-27 18:29:00', recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 1 } } });
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const url = `${host}/campaign/api/v2/public/${encodeURIComponent(KORE.botId)}/campaign/schedule?enableSchedule=true&campaignName=${encodeURIComponent(`Bench campaign ${i}`)}`;
			const res = await fetch(url, {
				method: 'POST',
				headers: { auth: signKoreJwt(KORE.clientId, KORE.clientSecret), accountId: KORE.accountId, iid: KORE.botId, 'Content-Type': 'application/json' },
				body,
			});
			const json = (await res.json()) as { status?: string };
			if (res.status !== 200 || json.status !== 'success') rejected++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return rejected;
}

/** Runs `fn` and reports wall time, CPU time and the peak RSS/heap sampled every 5 ms. */
async function measure<T>(fn: () => Promise<T>) {
	let peakRss = 0;
	let peakHeap = 0;
	const sample = () => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
	};
	const timer = setInterval(sample, 5);
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const result = await fn();
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	clearInterval(timer);
	sample();
	return { result, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, peakHeap };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows: Array<[string, string, string]> = [];
const row = (what: string, value: string, goal = '') => {
	rows.push([what, value, goal]);
	console.error(`  ${what}: ${value}`);
};

async function overhead() {
	const kore = await startKoreStandIn({ ...KORE, latencyMs: 20 });
	try {
		console.error('1. overhead: 500 items, 20 ms latency, no limit, concurrency 4');
		await runNode(kore.url, 20, { requestsPerMinute: 0, maxConcurrency: 4 }); // warm-up
		await fetchLoop(kore.url, 20, 4);
		global.gc?.();
		const viaNode = await measure(() => runNode(kore.url, 500, { requestsPerMinute: 0, maxConcurrency: 4 }));
		global.gc?.();
		const viaFetch = await measure(() => fetchLoop(kore.url, 500, 4));
		const ok = viaNode.result.filter((o) => o.json.status === 'success').length;
		row('node execute, 500 items', `${(viaNode.ms / 1000).toFixed(2)} s (${ok}/500 scheduled)`);
		row('plain fetch loop, 500 items', `${(viaFetch.ms / 1000).toFixed(2)} s (${500 - viaFetch.result}/500 scheduled)`);
		row('ratio node / fetch', (viaNode.ms / viaFetch.ms).toFixed(3), '<= 1.05');
		row('CPU per item, node (stand-in included)', `${(viaNode.cpuMs / 500).toFixed(2)} ms`);
		row('CPU per item, fetch (stand-in included)', `${(viaFetch.cpuMs / 500).toFixed(2)} ms`);
		row('peak RSS / heap during node run', `${mb(viaNode.peakRss)} / ${mb(viaNode.peakHeap)}`);
	} finally {
		await kore.close();
	}
}

async function limit() {
	const perMinute = 600;
	const kore = await startKoreStandIn({ ...KORE });
	try {
		console.error(`2. limit: 300 items, stand-in enforcing ${perMinute}/min as ${perMinute / 60} per rolling second`);
		kore.setRateLimit(perMinute / 60, 1000);
		const run = await measure(() => runNode(kore.url, 300, { requestsPerMinute: perMinute, maxConcurrency: 4 }));
		const times = kore.scheduleCalls.map((c: { at: number }) => c.at);
		const achieved = ((times.length - 1) / (times[times.length - 1] - times[0])) * 60_000;
		row(`node at requestsPerMinute=${perMinute}`, `${(run.ms / 1000).toFixed(1)} s, ${achieved.toFixed(0)}/min achieved`);
		row('achieved rate / limit', `${((achieved / perMinute) * 100).toFixed(1)} %`, '>= 95 %');
		row('calls rejected by the stand-in (node)', String(kore.counters.rateLimited), '0');
		kore.reset();
		kore.setRateLimit(perMinute / 60, 1000);
		const rejected = await fetchLoop(kore.url, 300, 4);
		row('calls rejected by the stand-in (naive fetch loop, no throttle)', `${rejected} of 300`);
	} finally {
		await kore.close();
	}
}

function startup() {
	console.error('3. cold start and package size');
	// n8n has n8n-workflow and luxon loaded before it loads any community node: preload them,
	// then time what this package adds. The fully cold figure (both included) is printed too.
	// index.js requires the built node and credential classes.
	const ours = `require(${JSON.stringify(path.join(ROOT, 'index.js'))})`;
	const timed = (preload: string) =>
		`${preload}const t=process.hrtime.bigint();${ours};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const median = (script: string) => {
		const samples = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()));
		return samples.sort((a, b) => a - b)[2];
	};
	row('cold require of node + credential, n8n-workflow and luxon preloaded as in n8n (median of 5)', `${median(timed("require('n8n-workflow');require('luxon');")).toFixed(1)} ms`, '<= 50 ms');
	row('the same, nothing preloaded (n8n-workflow load included)', `${median(timed('')).toFixed(1)} ms`);
	const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
	row('packed tarball', `${(pack.size / 1024).toFixed(1)} kB (${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked, ${pack.entryCount} files)`);
}

async function main() {
	await overhead();
	await limit();
	startup();
	console.log(`\nBenchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores)\n`);
	console.log('| measure | result | goal |');
	console.log('|---|---|---|');
	for (const [what, value, goal] of rows) console.log(`| ${what} | ${value} | ${goal} |`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
