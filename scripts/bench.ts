/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports, no-console -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * `npm run bench`: figures for README's Performance section, printed as a table.
 * Not a test: it asserts nothing, it measures. Everything runs against the Kore stand-in on
 * 127.0.0.1; loops are bounded by the item counts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpus } from 'node:os';
import path from 'node:path';

import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IVersionedNodeType,
} from 'n8n-workflow';

import { signKoreJwt } from '../nodes/KoreCampaign/transport/jwt';
import { runNode as runInEngine, runWorkflow } from '../dev/engine';
import type { SimulationSetup } from '../dev/limiterSimulation';
import { QUEUE_TEST_CASE, simulateSharedAccount } from '../dev/limiterSimulation';
import { clientCredentials, KORE, WINDOW } from '../dev/fixtures';

const { startKoreStandIn } = require('../../dev/koreStandIn.js');
const { rowsNode, startNode } = require('../../dev/workflowNodes.js');
const { ensureN8n } = require('../../dev/n8nHarness.js');

const ROOT = path.resolve(__dirname, '../..');
const campaign = (i: number) => `Bench campaign ${i}`;
const items = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ json: { row: i, name: campaign(i) } }));
const DAILY_BODY = {
	startDateTime: '2031-01-27 18:29:00',
	endDateTime: '2031-02-27 18:29:00',
	recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 1 } },
};

/** The Kore node through n8n's engine (n8n-core's WorkflowExecute), one workflow run. */
async function runNode(host: string, count: number, options: IDataObject, continueOnFail = false) {
	return await runInEngine({
		items: items(count),
		parameters: {
			operation: 'schedule',
			campaignName: '={{ $json.name }}',
			...WINDOW,
			onceEveryNdays: 1,
			options,
		},
		credentials: clientCredentials(host),
		continueOnFail,
	});
}

/** A token as Kore's web JWT tool makes it (no jti, so it can be sent many times), valid an hour. */
function pastedToken(): string {
	const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'bench', appId: KORE.clientId, iat: now, exp: now + 3600 })}`;
	return `${input}.${createHmac('sha256', KORE.clientSecret).update(input).digest('base64url')}`;
}

/**
 * n8n's HTTP Request node (v4.2) set up as a user would to make the Kore node's schedule call:
 * the URL with the row's campaign name, Kore's three headers with a pasted token, the JSON body.
 */
function httpRequestParameters(host: string): INodeParameters {
	const header = (name: string, value: string) => ({ name, value });
	return {
		method: 'POST',
		url: `=${host}/campaign/api/v2/public/${encodeURIComponent(KORE.botId)}/campaign/schedule?enableSchedule=true&campaignName={{ encodeURIComponent($json.name) }}`,
		sendHeaders: true,
		headerParameters: {
			parameters: [
				header('auth', pastedToken()),
				header('accountId', KORE.accountId),
				header('iid', KORE.botId),
			],
		},
		sendBody: true,
		specifyBody: 'json',
		jsonBody: JSON.stringify(DAILY_BODY),
		options: {},
	};
}

/**
 * n8n's own HTTP Request node (from the pinned n8n that the e2e suite installs) making the same
 * calls through the same engine: what a user would build by hand, with a pasted token.
 */
async function runHttpRequestNode(host: string, count: number): Promise<INodeExecutionData[]> {
	const n8n = ensureN8n();
	const { HttpRequest } = require(
		path.join(
			n8n.dir,
			'n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
		),
	);
	const nodeType = new HttpRequest() as IVersionedNodeType;
	const { outputs } = await runWorkflow(
		{ items: items(count), parameters: {}, credentials: {} },
		{
			type: 'n8n-nodes-base.httpRequest',
			nodeType,
			typeVersion: 4.2,
			parameters: httpRequestParameters(host),
		},
	);
	return outputs[0] ?? [];
}

/** What a hand-written client would do: the same requests with fetch, N at a time, no throttle. */
async function fetchLoop(host: string, count: number, concurrency: number): Promise<number> {
	let next = 0;
	let rejected = 0;
	const body = JSON.stringify(DAILY_BODY);
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const url = `${host}/campaign/api/v2/public/${encodeURIComponent(KORE.botId)}/campaign/schedule?enableSchedule=true&campaignName=${encodeURIComponent(campaign(i))}`;
			const res = await fetch(url, {
				method: 'POST',
				headers: {
					auth: signKoreJwt(KORE.clientId, KORE.clientSecret),
					accountId: KORE.accountId,
					iid: KORE.botId,
					'Content-Type': 'application/json',
				},
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
	const count = 500;
	try {
		console.error(
			`1. overhead: ${count} items, 20 ms stand-in latency, no limit — all in n8n's engine (n8n-core WorkflowExecute)`,
		);
		await runNode(kore.url, 20, { requestsPerMinute: 0, maxConcurrency: 4 }); // warm-up
		await runHttpRequestNode(kore.url, 20);
		await fetchLoop(kore.url, 20, 4);
		const runs: Array<[string, () => Promise<number>]> = [
			[
				'Kore node, default options (Max Concurrency 50)',
				async () =>
					(await runNode(kore.url, count, { requestsPerMinute: 0 })).filter(
						(o) => o.json.status === 'success',
					).length,
			],
			[
				"n8n's HTTP Request node (v4.2), same calls, pasted token",
				async () =>
					(await runHttpRequestNode(kore.url, count)).filter((o) => o.json.status === 'success')
						.length,
			],
			[
				'plain fetch loop, concurrency 4 (no n8n)',
				async () => count - (await fetchLoop(kore.url, count, 4)),
			],
		];
		const measured: Record<string, { ms: number; cpuMs: number }> = {};
		for (const [what, run] of runs) {
			global.gc?.();
			const m = await measure(run);
			measured[what] = m;
			row(`${what}: wall time`, `${(m.ms / 1000).toFixed(2)} s (${m.result}/${count} scheduled)`);
			row(`${what}: CPU per item (stand-in included)`, `${(m.cpuMs / count).toFixed(2)} ms`);
			if (what.startsWith('Kore'))
				row('peak RSS / heap during the Kore node run', `${mb(m.peakRss)} / ${mb(m.peakHeap)}`);
		}
		const [koreRun, peerRun] = runs.map(([what]) => measured[what]);
		row('wall time, Kore node / HTTP Request node', (koreRun.ms / peerRun.ms).toFixed(2), '<= 1');
		row(
			'CPU per item, Kore node / HTTP Request node',
			(koreRun.cpuMs / peerRun.cpuMs).toFixed(2),
			'<= 1',
		);
	} finally {
		await kore.close();
	}
}

async function limit() {
	const perMinute = 600;
	const kore = await startKoreStandIn({ ...KORE });
	try {
		console.error(
			`2. limit: 300 items, stand-in enforcing ${perMinute}/min as ${perMinute / 60} per rolling second`,
		);
		kore.setRateLimit(perMinute / 60, 1000);
		const run = await measure(() =>
			runNode(kore.url, 300, { requestsPerMinute: perMinute, maxConcurrency: 4 }),
		);
		const times = kore.scheduleCalls.map((c: { at: number }) => c.at);
		const achieved = ((times.length - 1) / (times[times.length - 1] - times[0])) * 60_000;
		row(
			`node at requestsPerMinute=${perMinute}`,
			`${(run.ms / 1000).toFixed(1)} s, ${achieved.toFixed(0)}/min achieved`,
		);
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

/** Throughput as a share of the limit, from the stand-in's arrival times. */
function achievedShare(
	kore: { scheduleCalls: Array<{ at: number }> },
	perMinute: number,
): { perMinute: number; share: string } {
	const times = kore.scheduleCalls.map((c) => c.at).sort((a, b) => a - b);
	const achieved = ((times.length - 1) / (times[times.length - 1] - times[0])) * 60_000;
	return { perMinute: achieved, share: `${((achieved / perMinute) * 100).toFixed(1)} %` };
}

async function sharedLimit() {
	const perMinute = 600;
	const kore = await startKoreStandIn({ ...KORE });
	try {
		console.error(
			`3. one account, many runs: stand-in enforcing ${perMinute}/min as ${perMinute / 60} per rolling second, node at ${perMinute}/min`,
		);
		kore.setRateLimit(perMinute / 60, 1000);
		// Loop Over Items with batch size 1, or a webhook per row: many single-item runs.
		await measure(async () => {
			for (let run = 0; run < 60; run++)
				await runNode(kore.url, 1, { requestsPerMinute: perMinute, maxRetries: 0 }, true);
		});
		const loop = achievedShare(kore, perMinute);
		row('60 single-item runs back to back: achieved rate / limit', loop.share, '>= 95 %');
		row(
			'60 single-item runs back to back: calls rejected by the stand-in',
			String(kore.counters.rateLimited),
			'0',
		);
		kore.reset();
		kore.setRateLimit(perMinute / 60, 1000);
		await Promise.all(
			[0, 1, 2].map(() =>
				runNode(kore.url, 40, { requestsPerMinute: perMinute, maxRetries: 0 }, true),
			),
		);
		const concurrent = achievedShare(kore, perMinute);
		row('3 executions at once, 40 items each: achieved rate / limit', concurrent.share, '>= 95 %');
		row(
			'3 executions at once, 40 items each: calls rejected by the stand-in',
			String(kore.counters.rateLimited),
			'0',
		);
	} finally {
		await kore.close();
	}
}

/**
 * Issue 24: a sheet of 1,000 leads into a contact list. The Kore node's Add Contacts at its
 * defaults (Requests per Minute 60, Batch Size 100) against the stand-in enforcing Kore's 60 calls
 * a minute, compared with one call per row (what an HTTP Request node per row does), whose time at
 * the same limit follows from the limit: 1,000 calls at 60 a minute.
 */
async function contactListBatching() {
	const count = 1_000;
	const perMinute = 60;
	const kore = await startKoreStandIn({ ...KORE });
	try {
		console.error(
			`6. contact lists: ${count} rows → Add Contacts, defaults, stand-in at ${perMinute}/min`,
		);
		kore.setRateLimit(perMinute, 60_000);
		const phone = (i: number) => `+1 555 ${String(i).padStart(7, '0')}`;
		const run = await measure(() =>
			runInEngine({
				items: Array.from({ length: count }, (_, i) => ({ json: { phone: phone(i) } })),
				parameters: {
					resource: 'contactList',
					operation: 'addContacts',
					contactList: { __rl: true, mode: 'name', value: 'Renewals' },
					phoneNumber: '={{ $json.phone }}',
					options: {},
				},
				credentials: clientCredentials(kore),
			}),
		);
		const accepted = run.result.filter((o) => o.json.status === 'accepted').length;
		const calls = kore.addContactsCalls.length;
		row(
			`${count} rows → Add Contacts (defaults: 100 per call, 60/min): calls / wall time`,
			`${calls} calls, ${(run.ms / 1000).toFixed(1)} s (${accepted}/${count} accepted, ${kore.contactsOf('Renewals').length} held, ${kore.counters.rateLimited} rejected)`,
			'<= 10 calls, seconds',
		);
		const oneByOne = ((count - 1) / perMinute) * 60;
		row(
			`${count} rows one call per row (HTTP Request pattern) at ${perMinute}/min, from the limit`,
			`${count} calls, ${(oneByOne / 60).toFixed(1)} min (${(oneByOne / (run.ms / 1000)).toFixed(0)}× longer)`,
		);
	} finally {
		await kore.close();
	}
}

/**
 * The real thing: the packed package in the pinned n8n, `n8n execute` on two workflows making the
 * same 300 schedule calls to the stand-in — Code rows → HTTP Request node (pasted token in the
 * headers), and Code rows → Kore node (Requests per Minute 0, otherwise defaults). Wall time is
 * the node's own execution time from n8n's run data; CPU per item is the n8n process's CPU time
 * with 300 rows minus that with 1 row, over 299.
 */
/**
 * CPU time of n8n's main thread while a node runs, from a V8 CPU profile of `n8n execute`: the
 * node's window runs from the first to the last sample with a frame of the node's execution code
 * (`marker`: its file and function) on the stack — module loading left out, as n8n loads every
 * node at start-up — and every sample in it that is not idle counts, whatever it was doing for
 * the node (expressions, HTTP, JSON, garbage collection). Unlike process CPU minus a 1-row run,
 * n8n's start-up and shut-down (which vary by hundreds of ms) stay out of it.
 */
function cpuWhileNodeRunsMs(profileFile: string, marker: { url: RegExp; fn: RegExp }): number {
	const fs = require('node:fs');
	const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as {
		nodes: Array<{
			id: number;
			callFrame: { url: string; functionName: string };
			children?: number[];
		}>;
		samples: number[];
		timeDeltas: number[];
	};
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const inLoader = new Map<number, boolean>();
	const loading = (id: number): boolean => {
		const known = inLoader.get(id);
		if (known !== undefined) return known;
		const up = parent.get(id);
		const url = byId.get(id)?.callFrame.url ?? '';
		const value = url.startsWith('node:internal/modules') || (up !== undefined && loading(up));
		inLoader.set(id, value);
		return value;
	};
	const inNode = new Map<number, boolean>();
	const ofNode = (id: number): boolean => {
		const known = inNode.get(id);
		if (known !== undefined) return known;
		const frame = byId.get(id)?.callFrame;
		const up = parent.get(id);
		const own =
			frame !== undefined && marker.url.test(frame.url) && marker.fn.test(frame.functionName);
		const value = !loading(id) && (own || (up !== undefined && ofNode(up)));
		inNode.set(id, value);
		return value;
	};
	const first = profile.samples.findIndex(ofNode);
	let last = -1;
	for (let i = profile.samples.length - 1; i >= 0 && last < 0; i--)
		if (ofNode(profile.samples[i])) last = i;
	let micros = 0;
	for (let i = first + 1; first >= 0 && i <= last; i++) {
		if (byId.get(profile.samples[i])?.callFrame.functionName !== '(idle)')
			micros += profile.timeDeltas[i];
	}
	return micros / 1000;
}

async function realN8n() {
	const h = require('../../dev/n8nHarness.js');
	const fs = require('node:fs');
	const os = require('node:os');
	const count = 600;
	const kore = await startKoreStandIn({ ...KORE });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-bench-'));
	try {
		console.error(
			`5. real n8n: ${count} schedule calls, HTTP Request node vs Kore node, n8n execute (about 3 minutes)`,
		);
		const n8n = ensureN8n();
		const userFolder = h.makeInstance(h.packPackage(work), path.join(work, 'n8n'));
		const credential = { id: 'koreBenchCreds01', name: 'Kore stand-in (bench)' };
		await h.importCredentials(n8n, userFolder, [
			h.credentialRecord(credential.id, credential.name, {
				host: kore.url,
				accountId: KORE.accountId,
				botId: KORE.botId,
				authMode: 'clientCredentials',
				clientId: KORE.clientId,
				clientSecret: KORE.clientSecret,
			}),
		]);
		const rows = (n: number) =>
			`return Array.from({ length: ${n} }, (_, i) => ({ json: { name: 'Bench row ' + i } }));`;
		const peer = {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: httpRequestParameters(kore.url),
		};
		const ours = {
			type: h.NODE_TYPE,
			typeVersion: 1,
			parameters: {
				operation: 'schedule',
				campaignName: '={{ $json.name }}',
				...WINDOW,
				options: { requestsPerMinute: 0 },
			},
			credentials: { koreAiApi: credential },
		};
		const workflow = (id: string, node: IDataObject, n: number) => ({
			id,
			name: id,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				startNode(id),
				rowsNode(id, rows(n)),
				{ id: `${id}-n`, name: 'Node', position: [440, 0], ...node },
			],
			connections: {
				Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
				Rows: { main: [[{ node: 'Node', type: 'main', index: 0 }]] },
			},
		});
		const flows = {
			peerMany: workflow('benchPeer0000300', peer, count),
			peer1: workflow('benchPeer0000001', peer, 1),
			oursMany: workflow('benchKore0000300', ours, count),
			ours1: workflow('benchKore0000001', ours, 1),
		};
		await h.importWorkflows(n8n, userFolder, Object.values(flows));
		/** Where each node's own code lives: its frames mark the node's window in a CPU profile. */
		const MARKERS: Record<string, { url: RegExp; fn: RegExp }> = {
			// HTTP Request v4.2 is HttpRequestV3's execute: it sends and reads every response there.
			peer: {
				url: /nodes-base\/dist\/nodes\/HttpRequest\/V3\/HttpRequestV3\.node\.js$/,
				fn: /^execute$/,
			},
			// The Kore node's run: its router, operations, transport and helpers (any function).
			ours: {
				url: /n8n-nodes-kore-campaign\/dist\/nodes\/KoreCampaign\/(actions|transport|campaigns|contacts|dates|errors|run|methods|trigger)\//,
				fn: /./,
			},
		};
		let profiles = 0;
		/**
		 * Runs `n8n execute` under bash's `time` (asynchronously: the stand-in lives in this process)
		 * with a V8 CPU profile, from which the node's window CPU is read.
		 */
		const execute = async (id: string, marker: { url: RegExp; fn: RegExp }) => {
			const profileDir = path.join(work, `profile-${++profiles}`);
			const child = spawn(
				'bash',
				[
					'-c',
					'TIMEFORMAT="CPU %U %S"; time "$@"',
					'_',
					path.join(n8n.nodeBin, 'node'),
					n8n.n8nBin,
					'execute',
					`--id=${id}`,
					'--rawOutput',
				],
				{
					// BENCH_CPU_PROFILE_DIR=<dir> writes a CPU profile of every n8n run there (to find where time goes).
					// BENCH_CPU_PROFILE_DIR=<dir> keeps the profiles (to find where time goes).
					env: h.n8nEnv(n8n, userFolder, {
						NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR ?? profileDir}`,
					}),
				},
			);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d: Buffer) => (stdout += d));
			child.stderr.on('data', (d: Buffer) => (stderr += d));
			await new Promise((resolve) => child.on('close', resolve));
			const [, user, system] = /CPU ([\d.]+) ([\d.]+)/.exec(stderr) ?? ['', 'NaN', 'NaN'];
			// The run data is the pretty-printed JSON object from the first line starting with "{"
			// to the first line holding only "}"; n8n may log more after it.
			const json = stdout.slice(stdout.search(/^\{/m));
			const data = JSON.parse(json.slice(0, json.search(/^\}$/m) + 1));
			const task = data.data.resultData.runData.Node[0];
			const ok = (task.data?.main?.[0] ?? []).filter(
				(o: INodeExecutionData) => (o.json as IDataObject).status === 'success',
			).length;
			// n8n's task runner is profiled too; the main process's profile is the one with the node in it.
			const dir = process.env.BENCH_CPU_PROFILE_DIR ?? profileDir;
			const windowMs = Math.max(
				0,
				...fs
					.readdirSync(dir)
					.filter((f: string) => f.endsWith('.cpuprofile'))
					.map((f: string) => cpuWhileNodeRunsMs(path.join(dir, f), marker)),
			);
			if (!process.env.BENCH_CPU_PROFILE_DIR)
				fs.rmSync(profileDir, { recursive: true, force: true });
			return {
				nodeMs: task.executionTime as number,
				cpuS: Number(user) + Number(system),
				windowMs,
				ok,
			};
		};
		const markerOf = (key: string) => (key.startsWith('peer') ? MARKERS.peer : MARKERS.ours);
		for (const [key, flow] of Object.entries(flows)) await execute(flow.id, markerOf(key)); // warm the disk cache
		// Process CPU varies by a few hundred ms between n8n start-ups: median of three rounds.
		type Measured = { nodeMs: number; cpuS: number; windowMs: number; ok: number };
		const rounds: Array<Record<string, Measured>> = [];
		for (let round = 0; round < 3; round++) {
			const result: Record<string, Measured> = {};
			for (const [key, flow] of Object.entries(flows))
				result[key] = await execute(flow.id, markerOf(key));
			rounds.push(result);
		}
		const median = (values: number[]) =>
			[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
		const results = Object.fromEntries(
			Object.keys(flows).map((key) => [
				key,
				{
					nodeMs: median(rounds.map((r) => r[key].nodeMs)),
					cpuS: median(rounds.map((r) => r[key].cpuS)),
					windowMs: median(rounds.map((r) => r[key].windowMs)),
					windows: rounds.map((r) => r[key].windowMs),
					ok: Math.min(...rounds.map((r) => r[key].ok)),
				},
			]),
		);
		const perItem = (many: { cpuS: number }, one: { cpuS: number }) =>
			((many.cpuS - one.cpuS) * 1000) / (count - 1);
		row(
			`real n8n ${n8n.version}: HTTP Request node, ${count} calls: node time (median of 3)`,
			`${results.peerMany.nodeMs} ms (${results.peerMany.ok}/${count} scheduled)`,
		);
		row(
			`real n8n ${n8n.version}: Kore node (defaults, Requests per Minute 0), ${count} calls: node time (median of 3)`,
			`${results.oursMany.nodeMs} ms (${results.oursMany.ok}/${count} scheduled)`,
		);
		row(
			'real n8n: node time, Kore / HTTP Request',
			(results.oursMany.nodeMs / results.peerMany.nodeMs).toFixed(2),
			'<= 1',
		);
		row(
			`real n8n: CPU per item (n8n process, ${count} rows minus 1 row), HTTP Request / Kore`,
			`${perItem(results.peerMany, results.peer1).toFixed(2)} / ${perItem(results.oursMany, results.ours1).toFixed(2)} ms`,
			'Kore <= HTTP Request',
		);
		const spread = (windows: number[]) => windows.map((w) => (w / count).toFixed(2)).join(', ');
		row(
			`real n8n: CPU per item while the node runs (main thread, from a CPU profile; median of 3), HTTP Request / Kore`,
			`${(results.peerMany.windowMs / count).toFixed(2)} / ${(results.oursMany.windowMs / count).toFixed(2)} ms (rounds: ${spread(results.peerMany.windows)} / ${spread(results.oursMany.windows)})`,
			'Kore <= HTTP Request',
		);
	} finally {
		await kore.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * Issue 36: how long Kore waits for the Kore Pre-Call Check's answer. A running n8n (`n8n start`,
 * workflow published), the minimal workflow trigger → IF → answer, 200 sequential requests
 * alternating a blocked and an allowed number after 20 to warm up; then the same for the same
 * decision behind n8n's own Webhook node with Header Auth.
 */
async function preCallAnswerTimes() {
	const fs = require('node:fs');
	const os = require('node:os');
	const { startPreCallN8n, koreRequest } = require('../../dev/preCallN8n.js');
	const count = 200;
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-bench-precall-'));
	console.error(
		`6. real n8n: Kore Pre-Call Check answer time, ${count} requests (about 2 minutes)`,
	);
	const { n8n, server, post } = await startPreCallN8n({ n8n: ensureN8n(), work });
	try {
		const contact = (i: number) => ({
			phoneNumber: i % 2 ? '+14155550102' : '+14155550101',
			firstName: 'Ada',
			lastName: 'Lovelace',
		});
		// One block after the other: each request then follows one of its own kind, as Kore's do
		// (interleaved, each would also pay for the other's saved execution, which differs in size).
		const block = async (pathName: string) => {
			const ms: number[] = [];
			let answered = 0;
			for (let i = -20; i < count; i++) {
				const reply = await post(pathName, koreRequest(contact(i)));
				if (i < 0) continue;
				ms.push(reply.ms);
				const handle = reply.json?.contactHandling?.handle;
				if (reply.status === 200 && handle === (i % 2 ? 'SKIP' : 'CALL')) answered++;
			}
			return { ms, answered };
		};
		const ours = await block('kore-pre-call-minimal');
		const plain = await block('plain-webhook-minimal');
		const pct = (xs: number[], p: number) =>
			[...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1].toFixed(0);
		row(
			`real n8n ${n8n.version}: Kore Pre-Call Check answer time, trigger → IF → answer, ${count} sequential requests: p50 / p95`,
			`${pct(ours.ms, 50)} / ${pct(ours.ms, 95)} ms (${ours.answered}/${count} answered as expected)`,
		);
		row(
			`real n8n ${n8n.version}: the same workflow behind n8n's Webhook node (Header Auth): p50 / p95`,
			`${pct(plain.ms, 50)} / ${pct(plain.ms, 95)} ms (${plain.answered}/${count} answered as expected)`,
		);
	} finally {
		await server.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * Issue 37: n8n processes (queue-mode workers) with separate limiters, each at the default 60 a
 * minute and always sending, against one account allowing 60 in any rolling minute; and one
 * process beside an outside client using 50 a minute. Simulated time (dev/limiterSimulation.ts):
 * 30 minutes each, in well under a second; answers without Retry-After (Kore's is not documented),
 * then with one saying when the window frees a place.
 */
async function sharedAccountSimulation() {
	const minutes = 30;
	const warmup = 2;
	console.error(
		`5. shared account, simulated: ${minutes} min each, account 60/min (rolling), node at 60/min, 3 items at a time per process, seeded`,
	);
	const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
	const setups: Array<[string, SimulationSetup]> = [
		...[1, 2, 4, 8, 16, 32].map((n): [string, SimulationSetup] => [
			`${n} process${n > 1 ? 'es' : ''}`,
			{ processes: n },
		]),
		['1 process + outside client at 50/min', { processes: 1, outsidePerMinute: 50 }],
	];
	for (const [name, setup] of [
		...setups,
		...setups.map(([n, s]): [string, SimulationSetup] => [
			`${n}, with Retry-After`,
			{ ...s, retryAfter: true },
		]),
	]) {
		const t0 = performance.now();
		const r = await simulateSharedAccount({ minutes, warmupMinutes: warmup, seed: 1, ...setup });
		const took = performance.now() - t0;
		const left = setup.outsidePerMinute
			? `, ${pct(r.leftoverUsed)} of what the outside client leaves`
			: '';
		row(
			`simulation, ${name}: limit used / rejected after ${warmup} min / worst wait of one item / items failed`,
			`${pct(r.limitUsed)}${left} / ${pct(r.rejected / r.calls)} (${r.rejected} of ${r.calls}) / ${(r.worstWaitMs / 1000).toFixed(0)} s / ${r.failed} of ${r.items + r.failed} (lowest pace ${r.lowestRate.toFixed(2)}/min; ${took.toFixed(0)} ms)`,
			'>= 80 % / <= 5 % / - / 0',
		);
	}
	// The real queue-mode test's case (test/e2e/queue/run.js): two workers left at 60/min against an
	// account allowing 6; rejections after the first minute, over 100 seeds.
	const shares: number[] = [];
	for (let seed = 1; seed <= 100; seed++) {
		const r = await simulateSharedAccount({
			processes: 2,
			limitPerMinute: 6,
			requestsPerMinute: 60,
			minutes: 7,
			warmupMinutes: 1,
			seed,
		});
		shares.push(r.rejected / r.calls);
	}
	shares.sort((a, b) => a - b);
	row(
		'simulation, 2 processes at 60/min, account 6/min, 7 min: rejected after 1 min, median / worst of 100 seeds',
		`${pct(shares[49])} / ${pct(shares[99])}`,
		'<= 20 %',
	);
	// As that test sends its rows.
	const finite: Array<{ rejected: number; minutes: number }> = [];
	for (let seed = 1; seed <= 100; seed++) {
		const r = await simulateSharedAccount({ ...QUEUE_TEST_CASE, seed });
		finite.push({ rejected: r.rejected / r.calls, minutes: r.lastDoneMs / 60_000 });
	}
	const sorted = (pick: (x: { rejected: number; minutes: number }) => number) =>
		finite.map(pick).sort((a, b) => a - b);
	const rejected = sorted((x) => x.rejected);
	const doneIn = sorted((x) => x.minutes);
	row(
		"simulation, the queue-mode test's 30 rows (15 per process, 10 at a time, starts within 10 s): rejected after 1 min / last row done, median / worst of 100 seeds",
		`${pct(rejected[49])} / ${pct(rejected[99])}; ${doneIn[49].toFixed(1)} / ${doneIn[99].toFixed(1)} min`,
		'<= 20 %; -',
	);
}

function startup() {
	console.error('4. cold start and package size');
	// n8n has n8n-workflow and luxon loaded before it loads any community node: preload them,
	// then time what this package adds. The fully cold figure (both included) is printed too.
	// index.js requires the built node and credential classes.
	const ours = `require(${JSON.stringify(path.join(ROOT, 'index.js'))})`;
	const timed = (preload: string) =>
		`${preload}const t=process.hrtime.bigint();${ours};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const median = (script: string) => {
		const samples = Array.from({ length: 5 }, () =>
			Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()),
		);
		return samples.sort((a, b) => a - b)[2];
	};
	row(
		'cold require of node + credential, n8n-workflow and luxon preloaded as in n8n (median of 5)',
		`${median(timed("require('n8n-workflow');require('luxon');")).toFixed(1)} ms`,
		'<= 50 ms',
	);
	row(
		'the same, nothing preloaded (n8n-workflow load included)',
		`${median(timed('')).toFixed(1)} ms`,
	);
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).toString(),
	);
	row(
		'packed tarball',
		`${(pack.size / 1024).toFixed(1)} kB (${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked, ${pack.entryCount} files)`,
	);
}

/**
 * Call → Get Many over a busy week: 10,000 calls in 7 days, read whole (Return All) from the
 * stand-in at no rate limit. Counts Kore requests, the windows asked for and those cut further
 * (a first page whose numResults was over 1,100), and checks each call came out once.
 */
/**
 * Issue 37 in a real n8n: queue mode (main + 2 workers, Redis, PostgreSQL), the node left at 60 a
 * minute, the stand-in allowing 6 in a rolling minute; test/e2e/queue/sharedAccount.js run once
 * (30 rows at 6 a minute: several minutes), its figures read from what it prints.
 */
function sharedAccountQueue() {
	console.error('8. queue mode, one account: node at 60/min, Kore allowing 6 (real n8n, minutes)');
	let out = '';
	try {
		out = execFileSync('node', ['test/e2e/queue/sharedAccount.js'], {
			cwd: ROOT,
			env: { ...process.env, KORE_E2E_BROKER_PORT: '5799' },
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		out = String((error as { stdout?: string }).stdout ?? '');
	}
	const rejected = /after the first minute at most 20 % of calls \((\d+) of (\d+)\)/.exec(out);
	const calls = /calls (\d+) \((\d+) rejected\), rows done in ([\d.]+) min/.exec(out);
	const checks = /(\d+) passed, (\d+) failed/.exec(out);
	const pct = rejected ? ((Number(rejected[1]) / Number(rejected[2])) * 100).toFixed(1) : '?';
	row(
		'queue mode, 2 workers at 60/min, Kore allowing 6: rejected after 1 min / rows took / checks passed',
		`${rejected ? `${pct} % (${rejected[1]} of ${rejected[2]})` : 'not measured'} / ${calls ? `${calls[3]} min (${calls[1]} calls)` : '?'} / ${checks ? `${checks[1]} of ${Number(checks[1]) + Number(checks[2])}` : '?'}`,
		'<= 20 % / - / all',
	);
}

async function callDetails() {
	const count = 10_000;
	const kore = await startKoreStandIn({
		...KORE,
		calls: [{ from: '2027-01-04T00:00:00Z', days: 7, count }],
	});
	try {
		console.error(`7. call details: ${count} calls over 7 days → Call → Get Many, Return All`);
		const run = await measure(() =>
			runInEngine({
				parameters: {
					resource: 'call',
					operation: 'getMany',
					startDate: '2027-01-04T00:00:00Z',
					endDate: '2027-01-11T00:00:00Z',
					returnAll: true,
					options: { requestsPerMinute: 0 },
				},
				credentials: clientCredentials(kore),
			}),
		);
		const calls = kore.callDetailsCalls as Array<{
			body: IDataObject;
			query: IDataObject;
			response?: { numResults?: number };
		}>;
		const windows = new Set(
			calls.map((c) => `${c.body.startDate as string} ${c.body.endDate as string}`),
		);
		const cut = calls.filter(
			(c) => c.query.offset === '0' && (c.response?.numResults ?? 0) > 1_100,
		).length;
		const unique = new Set(run.result.map((o) => o.json.conversationId)).size;
		row(
			`${count} calls over 7 days → Call → Get Many: requests / windows`,
			`${calls.length} requests, ${windows.size - cut} windows read (${cut} more cut further); ${run.result.length} items, ${unique} distinct`,
			'<= 130 requests, each call once',
		);
	} finally {
		await kore.close();
	}
}

async function main() {
	if (process.argv.includes('--calls-only')) {
		await callDetails();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	if (process.argv.includes('--contact-lists-only')) {
		await contactListBatching();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	if (process.argv.includes('--simulation-only')) {
		await sharedAccountSimulation();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	if (process.argv.includes('--pre-call-only')) {
		await preCallAnswerTimes();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	if (process.argv.includes('--queue-only')) {
		sharedAccountQueue();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	if (process.argv.includes('--real-only')) {
		await realN8n();
		for (const r of rows) console.log(r.join(' | '));
		return;
	}
	await overhead();
	await limit();
	await sharedLimit();
	await contactListBatching();
	await callDetails();
	await sharedAccountSimulation();
	startup();
	await realN8n();
	await preCallAnswerTimes();
	sharedAccountQueue();
	console.log(
		`\nBenchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores)\n`,
	);
	console.log('| measure | result | goal |');
	console.log('|---|---|---|');
	for (const [what, value, goal] of rows) console.log(`| ${what} | ${value} | ${goal} |`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
