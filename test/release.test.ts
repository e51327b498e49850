/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * The release check the Publish workflow runs before testing and publishing (and `npm run release`
 * runs first), and the one place the one-time values are set (scripts/identity.js).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { releaseProblems, changelogProblem, factProblems } = require('../scripts/release-check');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyIdentity, identityProblems, readFiles, FILES } = require('../scripts/identity');

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'release-check.js');
const realPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** package.json as a maintainer fills it in once, and the files after `npm run identity`. */
const pkg = {
	...realPkg,
	version: '0.1.0',
	repository: { type: 'git', url: 'git+https://github.com/acme/n8n-nodes-kore-campaign.git' },
	homepage: 'https://github.com/acme/n8n-nodes-kore-campaign#readme',
	author: { name: 'Acme Ltd', email: 'dev@acme.example' },
};
const CHANGELOG = '# Changelog\n\n## 0.1.0 — 2026-12-07\n\n### Added\n\n- Everything.\n';
const files = { ...readFiles(), ...applyIdentity(pkg, readFiles()), 'CHANGELOG.md': CHANGELOG };
const github = {
	GITHUB_REPOSITORY: 'acme/n8n-nodes-kore-campaign',
	GITHUB_REF_NAME: '0.1.0',
	GITHUB_REF_TYPE: 'tag',
};
const facts = {
	RELEASE_REPO_PRIVATE: 'false',
	RELEASE_ON_NPM: 'false',
	RELEASE_NPM_TOKEN_SET: 'true',
	RELEASE_TAG_ON_MAIN: 'true',
};

describe('the release check (scripts/release-check.js)', () => {
	it('passes once the one-time values are set, for a tag = version with a dated CHANGELOG heading', () => {
		expect(releaseProblems(pkg, { ...github, ...facts }, files)).toEqual([]);
	});

	it('names every one-time value still a placeholder, and refuses', () => {
		const problems: string[] = releaseProblems(
			realPkg,
			{
				...github,
				GITHUB_REPOSITORY: 'kore-campaign/n8n-nodes-kore-campaign',
				GITHUB_REF_NAME: realPkg.version,
			},
			{ ...readFiles(), 'CHANGELOG.md': CHANGELOG.replace('0.1.0', realPkg.version) },
		);
		const placeholders = problems.filter((p) => p.includes('placeholder'));
		expect(placeholders).toEqual([
			expect.stringContaining('package.json repository.url is still the placeholder'),
			expect.stringContaining('package.json homepage is still the placeholder'),
			expect.stringContaining('package.json author.name is still the placeholder'),
			expect.stringContaining('package.json author.email is still the placeholder'),
			expect.stringContaining('LICENSE.md copyright holder is still the placeholder'),
			expect.stringContaining(
				'KoreCampaignSchedule.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials',
			),
			expect.stringContaining(
				'KoreCampaignSchedule.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#readme',
			),
			expect.stringContaining(
				'KoreCampaignTrigger.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials',
			),
			expect.stringContaining(
				'KoreCampaignTrigger.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-campaign-trigger',
			),
			expect.stringContaining(
				'KoreCampaignPreCallTrigger.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check',
			),
			expect.stringContaining(
				'KoreCampaignPreCallTrigger.node.json: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check',
			),
			expect.stringContaining(
				'KoreAiApi.credentials.ts documentationUrl: https://github.com/kore-campaign/',
			),
			expect.stringContaining(
				'KorePreCallAuthApi.credentials.ts documentationUrl: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check',
			),
		]);
		expect(problems).toEqual(placeholders);
	});

	it('names each file that still differs from package.json (npm run identity not run)', () => {
		const stale = { ...readFiles(), 'CHANGELOG.md': CHANGELOG };
		const problems: string[] = releaseProblems(pkg, github, stale);
		expect(problems).toEqual([
			'LICENSE.md copyright holder is still the placeholder "n8n-nodes-kore-campaign maintainers"',
			...[
				`${FILES.codex[0]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials`,
				`${FILES.codex[0]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#readme`,
				`${FILES.codex[1]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials`,
				`${FILES.codex[1]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-campaign-trigger`,
				`${FILES.codex[2]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check`,
				`${FILES.codex[2]}: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check`,
				`${FILES.credential} documentationUrl: https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials`,
				`${FILES.credentials[1]} documentationUrl: https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check`,
			].map((link) => `${link} is still the placeholder repository`),
		]);
		const otherHolder = {
			...files,
			[FILES.license]: files[FILES.license].replace('Acme Ltd', 'Someone Else'),
		};
		expect(identityProblems(pkg, otherHolder)).toEqual([
			'LICENSE.md copyright holder "Someone Else" is not package.json\'s author.name "Acme Ltd"',
		]);
	});

	it('npm run identity copies repository and author into every file that repeats them', () => {
		expect(Object.keys(applyIdentity(pkg, readFiles())).sort()).toEqual(
			[FILES.license, ...FILES.credentials, ...FILES.codex].sort(),
		);
		expect(files[FILES.license]).toMatch(/^Copyright \(c\) 2026 Acme Ltd$/m);
		expect(files[FILES.credential]).toContain(
			"documentationUrl = 'https://github.com/acme/n8n-nodes-kore-campaign#credentials'",
		);
		expect(JSON.parse(files[FILES.codex[1]]).resources.primaryDocumentation).toEqual([
			{ url: 'https://github.com/acme/n8n-nodes-kore-campaign#kore-campaign-trigger' },
		]);
		expect(applyIdentity(pkg, files)).toEqual({});
	});

	it('fails for a v-prefixed tag or another version', () => {
		for (const tag of ['v0.1.0', '0.2.0']) {
			expect(releaseProblems(pkg, { ...github, GITHUB_REF_NAME: tag }, files)).toEqual([
				expect.stringContaining(`the tag "${tag}" is not package.json's version "0.1.0"`),
			]);
		}
	});

	it('fails in another repository (a fork, or repository.url left unset), naming both', () => {
		expect(
			releaseProblems(pkg, { ...github, GITHUB_REPOSITORY: 'someone-else/a-fork' }, files),
		).toEqual([
			expect.stringMatching(
				/names acme\/n8n-nodes-kore-campaign, but this workflow runs in someone-else\/a-fork.*E422/,
			),
		]);
	});

	it('fails for a branch run', () => {
		expect(releaseProblems(pkg, { ...github, GITHUB_REF_TYPE: 'branch' }, files)).toEqual([
			expect.stringContaining('not for a version tag'),
		]);
	});

	it('refuses outside GitHub Actions, pointing at the release procedure', () => {
		expect(releaseProblems(pkg, {}, files)).toEqual([
			expect.stringContaining('CONTRIBUTING.md, Release'),
		]);
	});
});

describe('CHANGELOG.md heading for the tagged version', () => {
	it.each([
		['## 0.1.0 — 2026-12-07', undefined],
		['## [0.1.0] — 2026-12-07', undefined],
		['## 0.1.0', undefined],
		['## 0.1.0 — unreleased', 'still says unreleased: put the release date in it'],
		['## 0.1.0-beta.1 — 2026-12-01', 'has no heading for 0.1.0'],
		['## 0.1.01 — 2026-12-01', 'has no heading for 0.1.0'],
		['### 0.1.0', 'has no heading for 0.1.0'],
		['## 0.2.0 — 2026-12-07', 'has no heading for 0.1.0'],
	])('%s', (heading, problem) => {
		const found = changelogProblem(`# Changelog\n\n${heading}\n\n- a change\n`, '0.1.0');
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toContain(problem);
	});

	it('the release is refused when the heading is missing', () => {
		expect(releaseProblems(pkg, github, { ...files, 'CHANGELOG.md': '# Changelog\n' })).toEqual([
			expect.stringContaining('CHANGELOG.md has no heading for 0.1.0'),
		]);
	});
});

describe("what only GitHub and npm know (gathered by publish.yml's check job)", () => {
	it('refuses a private repository: npm signs provenance for public ones only', () => {
		expect(factProblems({ ...facts, RELEASE_REPO_PRIVATE: 'true' })).toEqual([
			expect.stringContaining('the repository is private'),
		]);
	});

	it('refuses a first publish without NPM_TOKEN; later ones use Trusted Publishing', () => {
		expect(factProblems({ ...facts, RELEASE_NPM_TOKEN_SET: 'false' })).toEqual([
			expect.stringContaining('the package is not on npm yet and the NPM_TOKEN secret is not set'),
		]);
		expect(
			factProblems({ ...facts, RELEASE_ON_NPM: 'true', RELEASE_NPM_TOKEN_SET: 'false' }),
		).toEqual([]);
	});

	it('refuses a tag whose commit is not on main', () => {
		expect(factProblems({ ...facts, RELEASE_TAG_ON_MAIN: 'false' })).toEqual([
			expect.stringContaining("the tag's commit is not on main"),
		]);
	});

	it('judges no fact that was not gathered (npm run release in the publish job)', () => {
		expect(factProblems({})).toEqual([]);
	});

	it('the check job gathers every fact and runs before the tests', () => {
		const workflow = fs.readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8');
		const check = workflow.slice(workflow.indexOf('\n  check:'), workflow.indexOf('\n  test:'));
		for (const fact of Object.keys(facts)) expect(check).toContain(fact);
		expect(check).toContain('node scripts/release-check.js');
		expect(workflow).toMatch(/\n {2}test:\n {4}needs: check\n/);
	});
});

describe('this repository today', () => {
	it('the release check run as the workflow runs it refuses, naming the placeholders', () => {
		let output = '';
		let code = 0;
		try {
			execFileSync(process.execPath, [SCRIPT], {
				cwd: ROOT,
				env: {
					PATH: process.env.PATH,
					GITHUB_REPOSITORY: 'kore-campaign/n8n-nodes-kore-campaign',
					GITHUB_REF_NAME: realPkg.version,
					GITHUB_REF_TYPE: 'tag',
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch (error) {
			const failed = error as { status: number; stderr: Buffer };
			code = failed.status;
			output = String(failed.stderr);
		}
		expect(code).toBe(1);
		expect(output).toContain('release check failed (nothing was published):');
		expect(output).toContain('package.json author.email is still the placeholder');
	});
});
