/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import fs from 'node:fs';
import path from 'node:path';

/** What a builder types in n8n's nodes panel finds the node (the codex's aliases). */
const codex = (node: string) =>
	JSON.parse(
		fs.readFileSync(path.resolve(__dirname, `../../nodes/KoreCampaign/${node}.node.json`), 'utf8'),
	) as { alias: string[] };
const lower = (words: string[]) => words.map((w) => w.toLowerCase());

describe('nodes panel search (codex aliases)', () => {
	it('Kore Campaign Schedule is found by what it does: campaigns, contact lists, calls, SMS', () => {
		expect(lower(codex('KoreCampaignSchedule').alias)).toEqual(
			expect.arrayContaining(['contact', 'list', 'leads', 'call', 'sms', 'dial', 'start', 'stop']),
		);
	});

	it('Kore Campaign Trigger is found by the campaign events it reports', () => {
		expect(lower(codex('KoreCampaignTrigger').alias)).toEqual(
			expect.arrayContaining(['campaign', 'call', 'sms', 'dial', 'start', 'stop', 'completed']),
		);
	});

	it('Kore Pre-Call Check is found by what it decides before a dial', () => {
		expect(lower(codex('KoreCampaignPreCallTrigger').alias)).toEqual(
			expect.arrayContaining(['pre-call', 'dial', 'call', 'skip', 'do not call', 'webhook']),
		);
	});
});
