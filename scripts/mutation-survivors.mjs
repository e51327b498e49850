// Writes test/mutation/survivors.md from StrykerJS's JSON reports (reports/mutation/*.json):
// every mutant that survived or that no test reached, with the reason kept from the previous
// list when the same mutant (file, line, column, mutator, replacement) is still there.
// Run after `npm run mutate`: `node scripts/mutation-survivors.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports', 'mutation');
const listFile = path.join(root, 'test', 'mutation', 'survivors.md');

/** Reasons already written, by mutant key: the last column of the previous list's rows. */
const reasons = new Map();
if (fs.existsSync(listFile)) {
	for (const line of fs.readFileSync(listFile, 'utf8').split('\n')) {
		const cells = line.split(' | ');
		if (cells.length === 5 && line.startsWith('| `'))
			reasons.set(cells.slice(0, 4).join(' | '), cells[4].replace(/ \|$/, ''));
	}
}

const rows = [];
const totals = [];
for (const file of fs
	.readdirSync(reports)
	.filter((f) => f.endsWith('.json'))
	.sort()) {
	const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
	const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
	for (const [source, { mutants }] of Object.entries(report.files)) {
		for (const m of mutants) {
			const status =
				{ Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[
					m.status
				] ?? 'other';
			count[status]++;
			if (status !== 'survived' && status !== 'noCoverage') continue;
			const where = `${path.relative(root, path.resolve(root, source))}:${m.location.start.line}:${m.location.start.column}`;
			const key = `| \`${where}\` | ${m.mutatorName} | \`${String(m.replacement ?? '')
				.replace(/\s+/g, ' ')
				.replace(/\|/g, '\\|')
				.slice(0, 60)}\` | ${status === 'noCoverage' ? 'no test reaches it' : 'survived'}`;
			rows.push(
				`${key} | ${reasons.get(key) ?? 'to do: write a test that fails on it, or say why it cannot matter'} |`,
			);
		}
	}
	const judged = count.killed + count.timeout + count.survived + count.noCoverage;
	totals.push(
		`- \`${file}\`: ${judged} mutants, ${count.killed} killed, ${count.timeout} timed out, ${count.survived} survived, ${count.noCoverage} reached by no test (${count.other} not compiled or ignored): **${((100 * (count.killed + count.timeout)) / judged).toFixed(1)} %** detected.`,
	);
}

fs.writeFileSync(
	listFile,
	[
		'# Surviving mutants',
		'',
		'Written by `node scripts/mutation-survivors.mjs` from the last `npm run mutate`; the reasons are kept',
		'between runs. A mutant is a small deliberate bug; each one here went unnoticed by every test.',
		'',
		...totals,
		'',
		'| where | mutator | replaced by | status | test to write, or why it stays |',
		'|---|---|---|---|---|',
		...rows,
		'',
	].join('\n'),
);
console.log(`${rows.length} surviving mutants listed in ${path.relative(root, listFile)}`);
