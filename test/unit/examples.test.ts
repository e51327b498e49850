/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { KoreCampaignSchedule } from '../../nodes/KoreCampaign/KoreCampaignSchedule.node';
import { KoreCampaignPreCallTrigger } from '../../nodes/KoreCampaign/KoreCampaignPreCallTrigger.node';
import { KoreCampaignTrigger } from '../../nodes/KoreCampaign/KoreCampaignTrigger.node';

/**
 * The example workflows users import: every Kore node in them names a parameter the node has,
 * shown for the chosen resource and operation, and an option value the node offers.
 */
const EXAMPLES = path.resolve(__dirname, '../../examples');
const NODES: Record<string, { description: { properties: INodeProperties[] } }> = {
	'n8n-nodes-kore-campaign.koreCampaignSchedule': new KoreCampaignSchedule(),
	'n8n-nodes-kore-campaign.koreCampaignTrigger': new KoreCampaignTrigger(),
	'n8n-nodes-kore-campaign.koreCampaignPreCallTrigger': new KoreCampaignPreCallTrigger(),
};

const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe.each(examples)('examples/%s', (file) => {
	it('uses only parameters and values the Kore nodes offer', () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
			nodes: Array<{
				name: string;
				type: string;
				typeVersion: number;
				parameters: INodeParameters;
			}>;
		};
		const problems: string[] = [];
		const koreNodes = workflow.nodes.filter((n) => n.type in NODES);
		expect(koreNodes.length).toBeGreaterThan(0);
		for (const node of koreNodes) {
			const { description } = NODES[node.type] as unknown as {
				description: Parameters<typeof NodeHelpers.displayParameter>[3];
			};
			const properties = (description as unknown as { properties: INodeProperties[] }).properties;
			const values = NodeHelpers.getNodeParameters(
				properties,
				node.parameters,
				true,
				false,
				null,
				description,
			) as INodeParameters;
			for (const [name, value] of Object.entries(node.parameters)) {
				// n8n adds Poll Times to every polling trigger itself.
				if (name === 'pollTimes') continue;
				const shown = properties.filter(
					(p) =>
						p.name === name &&
						NodeHelpers.displayParameter(values, p, { typeVersion: node.typeVersion }, description),
				);
				if (shown.length === 0) {
					problems.push(`${node.name}: "${name}" is not a parameter shown for these settings`);
					continue;
				}
				const offered = shown.flatMap((p) =>
					p.type === 'options' ? (p.options ?? []).map((o) => (o as { value: unknown }).value) : [],
				);
				const expression = typeof value === 'string' && value.startsWith('=');
				if (offered.length > 0 && !expression && !offered.includes(value))
					problems.push(`${node.name}: ${name} = ${JSON.stringify(value)} is not offered`);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('the examples are current and safe', () => {
	const read = (file: string) =>
		JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
			nodes: Array<{
				name: string;
				type: string;
				typeVersion: number;
				parameters: INodeParameters;
			}>;
		};

	it.each(examples)('%s: every Kore node is at its newest version', (file) => {
		const stale = read(file)
			.nodes.filter((n) => n.type in NODES)
			.filter((n) => {
				const { version } = (
					NODES[n.type] as unknown as { description: { version: number | number[] } }
				).description;
				return n.typeVersion !== Math.max(...[version].flat());
			})
			.map((n) => `${n.name}: version ${n.typeVersion}`);
		expect(stale).toEqual([]);
	});

	it('the example npm start opens schedules nothing until Dry Run is switched off', () => {
		const kore = read('schedule-campaigns-from-sheet.json').nodes.filter((n) => n.type in NODES);
		expect(kore.map((n) => [n.parameters.operation, n.parameters.options])).toEqual([
			['schedule', { dryRun: true }],
		]);
	});
});
