/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * `npm start`'s checks before anything is installed (dev/startChecks.js): a start that cannot work
 * fails in seconds, with the one-line fix.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const checks = require('../../dev/startChecks');

const ROOT = path.resolve(__dirname, '../..');

/** A server holding a free port on 127.0.0.1, as the user's own n8n would. */
async function occupy(): Promise<net.Server & { port: number }> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return Object.assign(server, { port: (server.address() as net.AddressInfo).port });
}
const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

describe('the port checks', () => {
	it("a busy n8n port is refused, naming N8N_PORT with a port that is free (with its broker's)", async () => {
		const busy = await occupy();
		try {
			const [problem, ...more] = await checks.portProblems({ n8nPort: busy.port, standInPort: 0 });
			expect(more).toEqual([]);
			expect(problem).toContain(`Port ${busy.port} (n8n's editor) is already in use`);
			const suggested = Number(/N8N_PORT=(\d+) npm start/.exec(problem)?.[1]);
			expect(suggested).toBeGreaterThan(busy.port);
			expect(await checks.isPortFree(suggested)).toBe(true);
			expect(await checks.isPortFree(suggested + 2)).toBe(true);
		} finally {
			await close(busy);
		}
	});

	it('a busy task-broker port (N8N_PORT + 2) is refused too: n8n could not start', async () => {
		const busy = await occupy();
		try {
			const problems = await checks.portProblems({ n8nPort: busy.port - 2, standInPort: 0 });
			expect(problems).toHaveLength(1);
			expect(problems[0]).toContain(`${busy.port} (n8n's task broker: N8N_PORT + 2)`);
			expect(problems[0]).toMatch(/N8N_PORT=\d+ npm start/);
		} finally {
			await close(busy);
		}
	});

	it('a busy stand-in port is refused, naming KORE_STANDIN_PORT', async () => {
		const busy = await occupy();
		const free = await occupy();
		await close(free);
		try {
			const problems = await checks.portProblems({ n8nPort: free.port, standInPort: busy.port });
			expect(problems).toEqual([
				expect.stringMatching(
					new RegExp(
						`^Port ${busy.port} \\(the Kore stand-in\\).*KORE_STANDIN_PORT=\\d+ npm start$`,
					),
				),
			]);
		} finally {
			await close(busy);
		}
	});

	it("the suggested n8n port is one whose task broker's port is free too", async () => {
		// 5679 free but 5681 taken (its broker), 5680 and 5682 free: 5680.
		const taken = new Set([5678, 5681]);
		const portFree = async (port: number) => !taken.has(port);
		expect(await checks.freeN8nPort(5679, portFree)).toBe(5680);
		const [problem] = await checks.portProblems({ n8nPort: 5678, standInPort: 5690 }, portFree);
		expect(problem).toContain('N8N_PORT=5680 npm start');
	});
});

describe('Node and disk', () => {
	it.each([
		['18.19.0', true],
		['19.9.0', true],
		['20.15.0', false],
		['22.11.0', false],
		['24.1.0', false],
	])('Node %s refused: %p', (version, refused) => {
		const problem = checks.nodeProblem(version);
		if (refused)
			expect(problem).toContain(`Node ${version} runs npm here; npm start needs Node 20`);
		else expect(problem).toBeUndefined();
	});

	it('the first run needs room for n8n in the cache; later runs little', () => {
		const at = { cacheDir: '/cache/n8n', freeBytes: 2e9 };
		expect(checks.diskProblem({ ...at, installed: false })).toBe(
			'Only 2.0 GB free where n8n is installed (/cache/n8n); the first run (n8n and Node 24, ' +
				'kept for later runs) needs about 3.5 GB. Free some space, or set KORE_E2E_CACHE to a ' +
				'folder on a disk with room, then run npm start again.',
		);
		expect(checks.diskProblem({ ...at, installed: true })).toBeUndefined();
		expect(
			checks.diskProblem({ ...at, freeBytes: checks.FIRST_RUN_BYTES, installed: false }),
		).toBeUndefined();
		expect(checks.diskProblem({ ...at, freeBytes: 1e8, installed: true })).toContain(
			'a run needs about 0.3 GB',
		);
	});
});

describe('npm start (scripts/start.js)', () => {
	it("with n8n's port taken, stops before installing or building anything, naming N8N_PORT", async () => {
		const busy = await occupy();
		const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-start-check-'));
		try {
			const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.js')], {
				cwd: ROOT,
				env: {
					...process.env,
					N8N_PORT: String(busy.port),
					KORE_E2E_CACHE: cache,
				},
				encoding: 'utf8',
				timeout: 60_000,
			});
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('npm start cannot run here:');
			expect(result.stderr).toMatch(/N8N_PORT=\d+ npm start/);
			// Nothing installed in the (empty) cache, no build started.
			expect(fs.readdirSync(cache)).toEqual([]);
			expect(result.stdout).not.toContain('[2/5]');
		} finally {
			await close(busy);
			fs.rmSync(cache, { recursive: true, force: true });
		}
	});
});
