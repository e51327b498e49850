// The package's one-time values — repository, homepage, author name and email — live in
// package.json, the one place a maintainer edits. `npm run identity` copies them to the places
// that cannot read package.json: the LICENSE holder, the credential's documentationUrl and every
// codex URL (the links n8n shows). The release check (scripts/release-check.js) refuses a release
// while any of them is still a placeholder or differs from package.json.
//
// Usage: node scripts/identity.js   (after editing package.json's repository, homepage, author)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** The values this repository was started with: a release must not carry any of them. */
const PLACEHOLDERS = {
	repository: 'kore-campaign/n8n-nodes-kore-campaign',
	authorName: 'n8n-nodes-kore-campaign maintainers',
	authorEmail: 'maintainers@kore-campaign.dev',
};

/** The files that repeat package.json's values, relative to the repository's root. */
const FILES = {
	license: 'LICENSE.md',
	credential: 'credentials/KoreAiApi.credentials.ts',
	credentials: [
		'credentials/KoreAiApi.credentials.ts',
		'credentials/KorePreCallAuthApi.credentials.ts',
	],
	codex: [
		'nodes/KoreCampaign/KoreCampaignSchedule.node.json',
		'nodes/KoreCampaign/KoreCampaignTrigger.node.json',
		'nodes/KoreCampaign/KoreCampaignPreCallTrigger.node.json',
	],
};

const GITHUB_URL = /https:\/\/github\.com\/[^/\s"'#?]+\/[^/\s"'#?]+/g;
const COPYRIGHT = /^(Copyright \(c\) \d{4}(?:-\d{4})? )(.+)$/m;

/** "git+https://github.com/owner/repo.git" (or "https://github.com/owner/repo") → "owner/repo". */
function githubSlug(url) {
	const match = /^(?:git\+)?https:\/\/github\.com\/([^/]+\/[^/#?]+?)(?:\.git)?\/?$/.exec(url ?? '');
	return match ? match[1] : undefined;
}

/** The text of every file that repeats package.json's values, keyed by path. */
function readFiles(root = ROOT) {
	const paths = [FILES.license, ...FILES.credentials, ...FILES.codex];
	return Object.fromEntries(paths.map((p) => [p, fs.readFileSync(path.join(root, p), 'utf8')]));
}

/** Every codex URL and the credential's documentationUrl, as `{ file, url }`. */
function linksIn(files) {
	const links = [];
	for (const file of FILES.codex) {
		const codex = JSON.parse(files[file]);
		for (const list of Object.values(codex.resources ?? {}))
			for (const { url } of list) links.push({ file, url });
	}
	for (const file of FILES.credentials) {
		const doc = /documentationUrl\s*=\s*'([^']*)'/.exec(files[file]);
		links.push({ file: `${file} documentationUrl`, url: doc ? doc[1] : undefined });
	}
	return links;
}

/**
 * Each one-time value still a placeholder, or differing from package.json, as a sentence naming
 * where it is; none: the package says who publishes it and where.
 */
function identityProblems(pkg, files) {
	const problems = [];
	const slug = githubSlug(pkg.repository?.url);
	const base = slug && `https://github.com/${slug}`;
	if (!slug) {
		problems.push(
			`package.json repository.url "${pkg.repository?.url}" is not git+https://github.com/OWNER/REPO.git`,
		);
	} else if (slug === PLACEHOLDERS.repository) {
		problems.push(
			`package.json repository.url is still the placeholder ${slug}: set your GitHub repository`,
		);
	}
	if (base && !(pkg.homepage ?? '').startsWith(base)) {
		problems.push(`package.json homepage "${pkg.homepage}" is not in ${base}`);
	} else if ((pkg.homepage ?? '').includes(PLACEHOLDERS.repository)) {
		problems.push('package.json homepage is still the placeholder repository');
	}
	const author = pkg.author ?? {};
	if (!author.name || author.name === PLACEHOLDERS.authorName) {
		problems.push(
			`package.json author.name is ${author.name ? `still the placeholder "${author.name}"` : 'not set'}`,
		);
	}
	if (!author.email || author.email === PLACEHOLDERS.authorEmail) {
		problems.push(
			`package.json author.email is ${author.email ? `still the placeholder ${author.email}` : 'not set'}`,
		);
	}
	const holder = COPYRIGHT.exec(files[FILES.license] ?? '')?.[2];
	if (holder === undefined) {
		problems.push(`${FILES.license} has no "Copyright (c) YEAR holder" line`);
	} else if (holder === PLACEHOLDERS.authorName) {
		problems.push(`${FILES.license} copyright holder is still the placeholder "${holder}"`);
	} else if (holder !== author.name) {
		problems.push(
			`${FILES.license} copyright holder "${holder}" is not package.json's author.name` +
				(author.name ? ` "${author.name}"` : ''),
		);
	}
	for (const { file, url } of linksIn(files)) {
		if (`${url}`.includes(`github.com/${PLACEHOLDERS.repository}`))
			problems.push(`${file}: ${url} is still the placeholder repository`);
		else if (base && url !== base && !`${url}`.startsWith(`${base}#`))
			problems.push(`${file}: ${url} is not in ${base}`);
	}
	return problems;
}

/** The files with package.json's values copied in (only those that change). */
function applyIdentity(pkg, files) {
	const slug = githubSlug(pkg.repository?.url);
	if (!slug) throw new Error('package.json repository.url is not a GitHub https URL');
	const base = `https://github.com/${slug}`;
	const changed = {};
	for (const [file, text] of Object.entries(files)) {
		let next = text.replace(GITHUB_URL, base);
		if (file === FILES.license && pkg.author?.name)
			next = next.replace(COPYRIGHT, (_, prefix) => `${prefix}${pkg.author.name}`);
		if (next !== text) changed[file] = next;
	}
	return changed;
}

if (require.main === module) {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const changed = applyIdentity(pkg, readFiles());
	for (const [file, text] of Object.entries(changed)) {
		fs.writeFileSync(path.join(ROOT, file), text);
		console.log(`updated ${file}`);
	}
	const problems = identityProblems(pkg, readFiles());
	if (problems.length > 0) {
		console.error('still to set in package.json:');
		for (const problem of problems) console.error(`  - ${problem}`);
		process.exitCode = 1;
	} else {
		console.log(
			`identity: ${githubSlug(pkg.repository.url)}, ${pkg.author.name} <${pkg.author.email}>`,
		);
	}
}

module.exports = {
	PLACEHOLDERS,
	FILES,
	githubSlug,
	readFiles,
	linksIn,
	identityProblems,
	applyIdentity,
};
