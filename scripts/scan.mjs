// n8n's verification scanner, offline. `@n8n/scan-community-package` cannot scan an unpublished
// package by name, but its analyzePackage() lints a folder with the rules n8n applies before
// verifying a package. Like the real scan, run it over the source (nodes/, credentials/,
// package.json) and over the unpacked `npm pack` tarball (compiled .js and package.json).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCANNER = '@n8n/scan-community-package/scanner/scanner.mjs';
// The scanner makes a temp folder when it is loaded and never removes it; ask its own copy of
// `tmp` to clean up when this process exits.
createRequire(import.meta.resolve(SCANNER))('tmp').setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);
// Built and packed as the e2e suite does it.
const { packPackage } = createRequire(import.meta.url)('../dev/n8nHarness.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-scan-'));
let failed = false;
try {
	const tarball = packPackage(work);
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);

	const legs = [
		[
			'source (nodes/, credentials/, package.json)',
			await analyzePackage(root, SOURCE_FILE_PATTERNS),
		],
		[
			`tarball ${path.basename(tarball)} (compiled .js, package.json)`,
			await analyzePackage(unpacked, ['**/*.js', 'package.json']),
		],
	];
	for (const [what, result] of legs) {
		console.log(
			`${result.passed ? '✓' : '✗'} n8n scanner, ${what}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
		failed ||= !result.passed;
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
