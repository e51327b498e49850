/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * What users download: the packed tarball holds only the built package, README, LICENSE and
 * package.json — no tests, no sources, no source maps of tests, no secrets. Needs `npm run build`
 * first (npm test builds before running jest).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { KORE } from '../dev/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { linksIn, readFiles } = require('../scripts/identity');

const ROOT = path.resolve(__dirname, '..');
let work: string;
let files: string[];
let packedSize: number;

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-pack-test-'));
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).toString(),
	);
	files = info.files.map((f: { path: string }) => f.path).sort();
	packedSize = info.size;
	execFileSync('tar', ['-xzf', path.join(work, info.filename), '-C', work]);
	console.log(`packed tarball: ${(packedSize / 1024).toFixed(1)} kB, ${files.length} files`);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the npm tarball', () => {
	it('holds only dist/, README.md, LICENSE.md and package.json', () => {
		const outside = files.filter(
			(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE.md', 'package.json'].includes(f),
		);
		expect(outside).toEqual([]);
	});

	it('has the nodes, the credential, the codexes and both icons where package.json says', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(work, 'package', 'package.json'), 'utf8'));
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/KoreCampaign/KoreCampaignSchedule.node.json',
				'dist/nodes/KoreCampaign/KoreCampaignTrigger.node.json',
				'dist/nodes/KoreCampaign/KoreCampaignPreCallTrigger.node.json',
				'dist/icons/kore.svg',
				'dist/icons/kore.dark.svg',
			]),
		);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('holds no tests, test helpers, sources or their maps', () => {
		expect(
			files.filter((f) =>
				/(^|\/)test\/|\.test\.|\.spec\.|standin|fixtures|\.ts$(?<!\.d\.ts)/i.test(f),
			),
		).toEqual([]);
		expect(
			files.filter((f) => f.endsWith('.map') && !/^dist\/(nodes|credentials)\//.test(f)),
		).toEqual([]);
	});

	it('holds no secrets and no local config', () => {
		expect(files.filter((f) => /(^|\/)\.(npmrc|env|git)|\.pem$|\.key$/.test(f))).toEqual([]);
		const text = files
			.map((f) => fs.readFileSync(path.join(work, 'package', f), 'utf8'))
			.join('\n');
		for (const secret of [
			KORE.clientSecret,
			'e2e-local-secret',
			'demo-local-secret',
			'BEGIN PRIVATE KEY',
			'BEGIN RSA',
		]) {
			expect(text).not.toContain(secret);
		}
	});

	it('stays small', () => {
		expect(packedSize).toBeLessThan(200 * 1024);
	});
});

/**
 * package.json's repository.url is the one place a maintainer sets the repository (the Publish
 * workflow checks it against the repository it runs in). Every link the package shows in n8n must
 * point into that repository, or users land on someone else's page (or none).
 */
describe('the links the package shows', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const slug = /^git\+https:\/\/github\.com\/([^/]+\/[^/]+)\.git$/.exec(pkg.repository.url)?.[1];
	const base = `https://github.com/${slug}`;

	it('repository.url is git+https://github.com/OWNER/REPO.git', () => {
		expect(slug).toBeDefined();
	});

	it("homepage, the credentials' documentationUrls and every codex's URLs are in that repository", () => {
		const links = [
			{ file: 'package.json homepage', url: pkg.homepage },
			...linksIn(readFiles(ROOT)),
		];
		expect(
			links.filter(({ file }: { file: string }) => file.endsWith('Trigger.node.json')),
		).not.toEqual([]);
		expect(links.length).toBe(9);
		expect(
			links.filter(({ url }: { url: string }) => !`${url}`.startsWith(`${base}#`) && url !== base),
		).toEqual([]);
	});
});
