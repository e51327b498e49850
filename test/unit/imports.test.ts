/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The layering nodes/KoreCampaign/ keeps: transport/ imports only transport/; the domain rooms
 * (campaigns, contacts, dates, errors, run) know no node part (actions, trigger, methods,
 * preCall); the node parts import each other only through the node files; no import cycle.
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** The project files a file imports (relative imports, `import type` included). */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import) '(\.{1,2}\/[^']+)'/g)].map(
		(m) => `${path.resolve(path.dirname(file), m[1])}.ts`,
	);
}

const files = [
	...sourceFiles(path.join(ROOT, 'nodes')),
	...sourceFiles(path.join(ROOT, 'credentials')),
];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('imports', () => {
	it('every relative import names a file that exists', () => {
		const missing = [...graph].flatMap(([file, deps]) =>
			deps.filter((dep) => !graph.has(dep)).map((dep) => `${path.relative(ROOT, file)} -> ${dep}`),
		);
		expect(missing).toEqual([]);
	});

	const SERVICE = path.join(ROOT, 'nodes', 'KoreCampaign');
	const roomOf = (file: string) => {
		const rel = path.relative(SERVICE, file).split(path.sep);
		return rel.length > 1 && !rel[0].startsWith('..') ? rel[0] : undefined;
	};
	const NODE_PARTS = ['actions', 'trigger', 'methods', 'preCall'];
	const DOMAIN = ['calls', 'campaigns', 'contacts', 'dates', 'errors', 'run'];
	const leaks = (allowed: (from: string, to: string | undefined) => boolean) =>
		[...graph].flatMap(([file, deps]) => {
			const from = roomOf(file);
			if (from === undefined) return [];
			return deps
				.filter((dep) => roomOf(dep) !== from && !allowed(from, roomOf(dep)))
				.map((dep) => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, dep)}`);
		});

	it('transport/ imports only transport/', () => {
		expect(leaks((from) => from !== 'transport')).toEqual([]);
	});

	it('the domain rooms import no node part (actions/, trigger/, methods/, preCall/)', () => {
		expect(leaks((from, to) => !DOMAIN.includes(from) || !NODE_PARTS.includes(to ?? ''))).toEqual(
			[],
		);
	});

	it('node parts do not import each other', () => {
		expect(
			leaks((from, to) => !NODE_PARTS.includes(from) || !NODE_PARTS.includes(to ?? '')),
		).toEqual([]);
	});

	it('the credential reaches only what reads and signs it (transport/connection.ts, jwt.ts)', () => {
		const reached = new Set<string>();
		const visit = (file: string) => {
			for (const dep of graph.get(file) ?? []) {
				if (reached.has(dep)) continue;
				reached.add(dep);
				visit(dep);
			}
		};
		visit(path.join(ROOT, 'credentials', 'KoreAiApi.credentials.ts'));
		expect([...reached].map((f) => path.relative(SERVICE, f)).sort()).toEqual([
			path.join('transport', 'connection.ts'),
			path.join('transport', 'isPlainObject.ts'),
			path.join('transport', 'jwt.ts'),
		]);
	});

	it('has no import cycle', () => {
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (file: string, trail: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				cycles.push(
					[...trail.slice(trail.indexOf(file)), file]
						.map((f) => path.relative(ROOT, f))
						.join(' -> '),
				);
				return;
			}
			state.set(file, 'open');
			for (const dep of graph.get(file) ?? []) visit(dep, [...trail, file]);
			state.set(file, 'done');
		};
		for (const file of graph.keys()) visit(file, []);
		expect(cycles).toEqual([]);
	});
});
