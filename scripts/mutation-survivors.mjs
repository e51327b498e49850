// Writes test/mutation/survivors.md from StrykerJS's JSON report (reports/mutation/mutation.json):
// every mutant that survived or that no test reached, with the reason kept from the previous
// list when the same mutant is still there: at the same place with the same mutation, or else
// the same code mutated the same way, counted in file order (edits elsewhere in the file move
// lines but keep the reasons). Run after `npm run mutate`: `node scripts/mutation-survivors.mjs`.
// Several reports (runs over different files, e.g. with MUTATE_TESTS) are listed together:
// `node scripts/mutation-survivors.mjs a.json b.json`; a line per report says what each scored.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportFiles =
	process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const reports = reportFiles.map((file) => ({
	name: path.basename(file),
	files: JSON.parse(fs.readFileSync(path.resolve(root, file), 'utf8')).files,
}));
const listFile = path.join(root, 'test', 'mutation', 'survivors.md');
const TO_DO = 'to do: write a test that fails on it, or say why it cannot matter';

/** Code as one table cell: one line, at most 60 characters, pipes escaped. */
const cell = (code) =>
	`\`${String(code ?? '')
		.replace(/\s+/g, ' ')
		.slice(0, 60)
		.replace(/\|/g, '\\|')}\``;

/**
 * A row's first cell: `path:line:column`, followed by ` #n` when the same code is mutated the
 * same way more than once in the file (n counts those mutants in file order, listed or not, so
 * it stays put while other mutants come and go).
 */
const WHERE = /^`(.+):(\d+):(\d+)`(?: #(\d+))?$/;

/** The reason's keys: by place (file, line, column and the mutation), and by occurrence. */
function keysOf(cells) {
	const [, file, line, column, n = '0'] = WHERE.exec(cells[0]);
	const mutation = cells.slice(1, 4).join(' | ');
	return {
		place: `${file}:${line}:${column} | ${mutation}`,
		occurrence: `${file} | ${mutation} #${n}`,
	};
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
		.filter((cells) => cells.length === 6 && WHERE.test(cells[0]));
	for (const cells of previous) {
		if (cells[5] === TO_DO) continue;
		const { place, occurrence } = keysOf(cells);
		reasons.set(place, cells[5]);
		if (!reasons.has(occurrence)) reasons.set(occurrence, cells[5]);
	}
}

const found = [];
const newCount = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 });
const count = newCount();
const totals = [];
const sources = reports.flatMap(({ name, files }) => {
	const own = newCount();
	totals.push({ name, count: own });
	return Object.entries(files).map(([source, file]) => ({ source, file, own }));
});
for (const {
	source,
	file: { mutants, source: code },
	own,
} of sources.sort((a, b) => a.source.localeCompare(b.source))) {
	const lines = code.split('\n');
	const file = path.relative(root, path.resolve(root, source));
	const described = [...mutants]
		.sort(
			(a, b) =>
				a.location.start.line - b.location.start.line ||
				a.location.start.column - b.location.start.column,
		)
		.map((m) => {
			const { start, end } = m.location;
			const original =
				start.line === end.line
					? lines[start.line - 1].slice(start.column - 1, end.column - 1)
					: `${lines[start.line - 1].slice(start.column - 1)} …`;
			return { m, mutation: [cell(original), m.mutatorName, cell(m.replacement)] };
		});
	const times = new Map();
	for (const { mutation } of described)
		times.set(mutation.join(' | '), (times.get(mutation.join(' | ')) ?? 0) + 1);
	const seen = new Map();
	for (const { m, mutation } of described) {
		const same = mutation.join(' | ');
		const n = seen.get(same) ?? 0;
		seen.set(same, n + 1);
		const status =
			{ Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }[
				m.status
			] ?? 'other';
		count[status]++;
		own[status]++;
		if (status !== 'survived' && status !== 'noCoverage') continue;
		const { line, column } = m.location.start;
		found.push([
			`\`${file}:${line}:${column}\`${times.get(same) > 1 ? ` #${n}` : ''}`,
			...mutation,
			status === 'noCoverage' ? 'no test reaches it' : 'survived',
		]);
	}
}
/** One line of totals: how many mutants, what became of them, the share killed and detected. */
function summary(c) {
	const judged = c.killed + c.timeout + c.survived + c.noCoverage;
	const share = (n) => `${((100 * n) / judged).toFixed(1)} %`;
	return `${judged} mutants, ${c.killed} killed, ${c.timeout} timed out, ${c.survived} survived, ${c.noCoverage} reached by no test (${c.other} not compiled or ignored): **${share(c.killed)}** killed, **${share(c.killed + c.timeout)}** detected.`;
}
const total = [
	...(totals.length > 1 ? totals.map(({ name, count: c }) => `- \`${name}\`: ${summary(c)}`) : []),
	`${totals.length > 1 ? '- All: ' : ''}${summary(count)}`,
].join('\n');

const rows = found.map((cells) => {
	const { place, occurrence } = keysOf(cells);
	return `| ${[...cells, reasons.get(place) ?? reasons.get(occurrence) ?? TO_DO].join(' | ')} |`;
});

fs.writeFileSync(
	listFile,
	[
		'# Surviving mutants',
		'',
		'Written by `node scripts/mutation-survivors.mjs` from the reports of the last mutation runs (a line',
		'each below; CONTRIBUTING.md, Mutation testing, says which tests judged them); the reasons are kept',
		'between runs. A mutant is a small deliberate bug; each one here went unnoticed by the tests of its run.',
		'',
		total,
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
