// Checks, before anything is published, what npm or n8n would otherwise reject or get wrong
// only at the end of a release:
//   - the pushed tag is exactly package.json's version (0.2.0, no "v"), so the tag names what
//     npm publishes;
//   - package.json's repository.url is the GitHub repository running the workflow: npm refuses
//     (E422) a provenance statement whose repository differs from repository.url;
//   - homepage lives in that repository (the credential's and the codex's links are checked
//     against it by test/package.test.ts).
// `npm run release` runs it first, so on a maintainer's machine, where GitHub's variables are not
// set, the release stops here instead of starting release-it (see CONTRIBUTING.md, Release).
//
// Usage: node scripts/release-check.js   (reads GITHUB_REPOSITORY, GITHUB_REF_NAME, GITHUB_REF_TYPE)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** "git+https://github.com/owner/repo.git" (or "https://github.com/owner/repo") → "owner/repo". */
function githubSlug(url) {
	const match = /^(?:git\+)?https:\/\/github\.com\/([^/]+\/[^/#?]+?)(?:\.git)?\/?$/.exec(url ?? '');
	return match ? match[1] : undefined;
}

/** Every problem found, as sentences; none means the release may go on. */
function releaseProblems(pkg, env) {
	const problems = [];
	const { GITHUB_REPOSITORY: repository, GITHUB_REF_NAME: ref, GITHUB_REF_TYPE: refType } = env;
	if (!repository || !ref) {
		return [
			'GITHUB_REPOSITORY and GITHUB_REF_NAME are not set: releases are published by the Publish ' +
				'workflow when a version tag is pushed, never from a local machine. See CONTRIBUTING.md, Release.',
		];
	}
	if (refType && refType !== 'tag') {
		problems.push(`the workflow runs for a ${refType} (${ref}), not for a version tag`);
	}
	if (ref !== pkg.version) {
		problems.push(
			`the tag "${ref}" is not package.json's version "${pkg.version}": tag the commit whose ` +
				'package.json has that version, as the bare version (0.2.0, not v0.2.0)',
		);
	}
	const slug = githubSlug(pkg.repository?.url);
	if (!slug) {
		problems.push(
			`package.json's repository.url "${pkg.repository?.url}" is not a GitHub https URL ` +
				'(git+https://github.com/OWNER/REPO.git)',
		);
	} else if (slug !== repository) {
		problems.push(
			`package.json's repository.url names ${slug}, but this workflow runs in ${repository}: ` +
				'npm would reject the provenance statement (E422). Set repository.url (and homepage, ' +
				"the credential's documentationUrl and the codex URLs) to this repository.",
		);
	} else if (!(pkg.homepage ?? '').startsWith(`https://github.com/${slug}`)) {
		problems.push(`package.json's homepage "${pkg.homepage}" is not in https://github.com/${slug}`);
	}
	return problems;
}

if (require.main === module) {
	const root = path.resolve(__dirname, '..');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const problems = releaseProblems(pkg, process.env);
	if (problems.length > 0) {
		console.error('release check failed:');
		for (const problem of problems) console.error(`  - ${problem}`);
		process.exitCode = 1;
	} else {
		console.log(
			`release check: tag ${process.env.GITHUB_REF_NAME} = version ${pkg.version}, ` +
				`repository.url = ${process.env.GITHUB_REPOSITORY}`,
		);
	}
}

module.exports = { githubSlug, releaseProblems };
