// Checks, in the first seconds of the Publish workflow (before the hour of tests), what npm or n8n
// would otherwise reject or get wrong only at the end of a release, or what would mislead users:
//   - the pushed tag is exactly package.json's version (0.1.0, no "v"), so the tag names what
//     npm publishes; CHANGELOG.md has a dated heading for that version;
//   - package.json's repository.url is the GitHub repository running the workflow: npm refuses
//     (E422) a provenance statement whose repository differs from repository.url;
//   - no one-time value (repository, homepage, author, LICENSE holder, codex and credential links)
//     is still a placeholder or differs from package.json (scripts/identity.js);
//   - facts only GitHub and npm know, gathered by the workflow's shell steps and passed in the
//     environment (each judged only when set; `npm run release` runs without them):
//     RELEASE_REPO_PRIVATE (npm signs provenance for public repositories only),
//     RELEASE_ON_NPM and RELEASE_NPM_TOKEN_SET (a first publish needs NPM_TOKEN: Trusted
//     Publishing can only be set up for a package that exists), RELEASE_TAG_ON_MAIN.
// `npm run release` runs it first, so on a maintainer's machine, where GitHub's variables are not
// set, the release stops here instead of starting release-it (see CONTRIBUTING.md, Release).
//
// Usage: node scripts/release-check.js   (reads GITHUB_REPOSITORY, GITHUB_REF_NAME, GITHUB_REF_TYPE
// and the RELEASE_* facts above)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { githubSlug, identityProblems, readFiles } = require('./identity');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why CHANGELOG.md does not tell this version's story yet; undefined when it does. */
function changelogProblem(changelog, version) {
	const heading = new RegExp(`^## \\[?${escape(version)}\\]?(?=\\s|$).*$`, 'm').exec(changelog);
	if (!heading) {
		return (
			`CHANGELOG.md has no heading for ${version} ("## ${version} — YYYY-MM-DD"): write what ` +
			'this version changes under it, then tag again'
		);
	}
	if (/unreleased/i.test(heading[0])) {
		return `CHANGELOG.md's heading "${heading[0]}" still says unreleased: put the release date in it`;
	}
	return undefined;
}

/** The facts the workflow gathered from GitHub and npm, judged; an unset fact is not judged. */
function factProblems(env) {
	const problems = [];
	const is = (name) => env[name] === 'true';
	const isNot = (name) => env[name] === 'false';
	if (is('RELEASE_REPO_PRIVATE')) {
		problems.push(
			'the repository is private: npm signs provenance (which n8n requires) only for public ' +
				'repositories, so the publish would fail at the end. Make the repository public ' +
				'(Settings → General → Danger Zone → Change visibility), then push the tag again',
		);
	}
	if (isNot('RELEASE_ON_NPM') && isNot('RELEASE_NPM_TOKEN_SET')) {
		problems.push(
			'the package is not on npm yet and the NPM_TOKEN secret is not set: Trusted Publishing can ' +
				'only be set up for a package that exists, so the first version needs a token. Save an ' +
				'npm granular access token as the repository secret NPM_TOKEN (CONTRIBUTING.md, Release)',
		);
	}
	if (isNot('RELEASE_TAG_ON_MAIN')) {
		problems.push(
			"the tag's commit is not on main: releases are cut from main. Delete the tag " +
				'(git push --delete origin TAG; git tag -d TAG), merge to main, tag a commit of main',
		);
	}
	return problems;
}

/** Every problem found, as sentences; none means the release may go on. */
function releaseProblems(pkg, env, files) {
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
				'package.json has that version, as the bare version (0.1.0, not v0.1.0)',
		);
	}
	const slug = githubSlug(pkg.repository?.url);
	if (slug && slug !== repository) {
		problems.push(
			`package.json's repository.url names ${slug}, but this workflow runs in ${repository}: ` +
				'npm would reject the provenance statement (E422). Set repository.url (and homepage, ' +
				'author) in package.json to this repository and run npm run identity.',
		);
	}
	problems.push(...identityProblems(pkg, files));
	const changelog = changelogProblem(files['CHANGELOG.md'] ?? '', pkg.version);
	if (changelog) problems.push(changelog);
	problems.push(...factProblems(env));
	return problems;
}

if (require.main === module) {
	const root = path.resolve(__dirname, '..');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const files = {
		...readFiles(root),
		'CHANGELOG.md': fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
	};
	const problems = releaseProblems(pkg, process.env, files);
	if (problems.length > 0) {
		console.error('release check failed (nothing was published):');
		for (const problem of problems) console.error(`  - ${problem}`);
		process.exitCode = 1;
	} else {
		console.log(
			`release check: tag ${process.env.GITHUB_REF_NAME} = version ${pkg.version}, ` +
				`repository.url = ${process.env.GITHUB_REPOSITORY}`,
		);
	}
}

module.exports = { githubSlug, changelogProblem, factProblems, releaseProblems };
