// Writes test/mutation/survivors.md from StrykerJS's JSON reports (reports/mutation/*.json):
// every mutant that survived or that no test reached, with the reason kept from the previous
// list when the same mutant is still there. A mutant is known by its file, the code it
// replaces, the mutator and the replacement, not by its line, so that edits elsewhere in the
// file keep the reasons. Run after `npm run mutate`: `node scripts/mutation-survivors.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports', 'mutation');
const listFile = path.join(root, 'test', 'mutation', 'survivors.md');
const TO_DO = 'to do: write a test that fails on it, or say why it cannot matter';

/** Code as one table cell: one line, at most 60 characters, pipes escaped. */
const cell = (code) =>
	`\`${String(code ?? '')
		.replace(/\s+/g, ' ')
		.slice(0, 60)
		.replace(/\|/g, '\\|')}\``;

/** The reason's key: the row's cells but its line and column and its status. */
const keyOf = (cells) => [cells[0].replace(/:\d+:\d+`$/, '`'), ...cells.slice(1, 4)].join(' | ');

/** [line, column] of a row's first cell. */
const placeOf = (cells) =>
	cells[0]
		.match(/:(\d+):(\d+)`$/)
		.slice(1)
		.map(Number);

/**
 * Numbers rows whose key is the same (the same code mutated the same way twice in one file)
 * in the order they stand in the file, so that each keeps its own reason.
 */
function numbered(rows) {
	const byKey = new Map();
	for (const cells of rows) byKey.set(keyOf(cells), [...(byKey.get(keyOf(cells)) ?? []), cells]);
	const keys = new Map();
	for (const [key, same] of byKey) {
		same.sort((a, b) => placeOf(a)[0] - placeOf(b)[0] || placeOf(a)[1] - placeOf(b)[1]);
		same.forEach((cells, n) => keys.set(cells, `${key} #${n}`));
	}
	return keys;
}

/** Reasons already written: the last column of the previous list's rows. */
const reasons = new Map();
if (fs.existsSync(listFile)) {
	const previous = fs
		.readFileSync(listFile, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('| `'))
		.map((line) =>
			line
				.slice(2, -2)
				.split(/ (?<!\\)\| /)
				.map((c) => c.trim()),
		)
		.filter((cells) => cells.length === 6);
	for (const [cells, key] of numbered(previous)) if (cells[5] !== TO_DO) reasons.set(key, cells[5]);
}

const found = [];
const totals = [];
for (const file of fs
	.readdirSync(reports)
	.filter((f) => f.endsWith('.json'))
	.sort()) {
	const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
	const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
	for (const [source, { mutants, source: code }] of Object.entries(report.files)) {
		const lines = code.split('\n');
		for (const m of mutants) {
			const status =
				{ Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[
					m.status
				] ?? 'other';
			count[status]++;
			if (status !== 'survived' && status !== 'noCoverage') continue;
			const { start, end } = m.location;
			const original =
				start.line === end.line
					? lines[start.line - 1].slice(start.column - 1, end.column - 1)
					: `${lines[start.line - 1].slice(start.column - 1)} …`;
			const cells = [
				`\`${path.relative(root, path.resolve(root, source))}:${start.line}:${start.column}\``,
				cell(original),
				m.mutatorName,
				cell(m.replacement),
				status === 'noCoverage' ? 'no test reaches it' : 'survived',
			];
			found.push(cells);
		}
	}
	const judged = count.killed + count.timeout + count.survived + count.noCoverage;
	totals.push(
		`- \`${file}\`: ${judged} mutants, ${count.killed} killed, ${count.timeout} timed out, ${count.survived} survived, ${count.noCoverage} reached by no test (${count.other} not compiled or ignored): **${((100 * (count.killed + count.timeout)) / judged).toFixed(1)} %** detected.`,
	);
}

const keys = numbered(found);
const rows = found.map(
	(cells) => `| ${[...cells, reasons.get(keys.get(cells)) ?? TO_DO].join(' | ')} |`,
);

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
		'| where | code | mutator | replaced by | status | test to write, or why it stays |',
		'|---|---|---|---|---|---|',
		...rows,
		'',
	].join('\n'),
);
const toDo = rows.filter((row) => row.endsWith(`| ${TO_DO} |`)).length;
console.log(
	`${rows.length} surviving mutants listed in ${path.relative(root, listFile)}, ${toDo} without a reason yet`,
);
