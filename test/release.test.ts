/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * The release check the Publish workflow runs before testing and publishing (and `npm run release`
 * runs first): run as the workflow runs it, with GitHub's variables faked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'release-check.js');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const ownRepository = /github\.com\/([^/]+\/[^/]+?)\.git$/.exec(pkg.repository.url)![1];

/** Exit code and everything printed, with only the given GitHub variables set. */
function check(github: Record<string, string>): { code: number; output: string } {
	const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...github };
	try {
		const output = execFileSync(process.execPath, [SCRIPT], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		}).toString();
		return { code: 0, output };
	} catch (error) {
		const failed = error as { status: number; stdout: Buffer; stderr: Buffer };
		return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
	}
}

describe('scripts/release-check.js', () => {
	it('passes for a tag equal to the version, in the repository package.json names', () => {
		const result = check({
			GITHUB_REPOSITORY: ownRepository,
			GITHUB_REF_NAME: pkg.version,
			GITHUB_REF_TYPE: 'tag',
		});
		expect(result).toEqual({ code: 0, output: expect.stringContaining(`tag ${pkg.version}`) });
	});

	it('fails for a v-prefixed tag or another version', () => {
		for (const tag of [`v${pkg.version}`, '99.0.0']) {
			const result = check({
				GITHUB_REPOSITORY: ownRepository,
				GITHUB_REF_NAME: tag,
				GITHUB_REF_TYPE: 'tag',
			});
			expect(result.code).toBe(1);
			expect(result.output).toContain(`the tag "${tag}" is not package.json's version`);
		}
	});

	it('fails in another repository (a fork, or repository.url left unset), naming both', () => {
		const result = check({
			GITHUB_REPOSITORY: 'someone-else/a-fork',
			GITHUB_REF_NAME: pkg.version,
			GITHUB_REF_TYPE: 'tag',
		});
		expect(result.code).toBe(1);
		expect(result.output).toContain(
			`names ${ownRepository}, but this workflow runs in someone-else/a-fork`,
		);
		expect(result.output).toContain('E422');
	});

	it('fails for a branch run', () => {
		const result = check({
			GITHUB_REPOSITORY: ownRepository,
			GITHUB_REF_NAME: pkg.version,
			GITHUB_REF_TYPE: 'branch',
		});
		expect(result.code).toBe(1);
		expect(result.output).toContain('not for a version tag');
	});

	it('refuses outside GitHub Actions, pointing at the release procedure', () => {
		const result = check({});
		expect(result.code).toBe(1);
		expect(result.output).toContain('CONTRIBUTING.md, Release');
	});
});
