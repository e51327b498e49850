/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import fs from 'node:fs';
import path from 'node:path';

import { KoreCampaignSchedule } from '../../nodes/KoreCampaign/KoreCampaignSchedule.node';

/**
 * The node's identity, as saved workflows and n8n's editor see it: a change here breaks users'
 * workflows or the node's look, so each value is pinned: no other test would notice it change.
 */
describe('KoreCampaignSchedule description', () => {
	// Made inside each test, so that StrykerJS counts the description as that test's code.
	const made = () => new KoreCampaignSchedule();

	it('keeps the name saved workflows refer to, and its versions', () => {
		expect(made().description).toMatchObject({
			displayName: 'Kore Campaign Schedule',
			name: 'koreCampaignSchedule',
			group: ['output'],
			version: [1, 1.1],
			defaultVersion: 1.1,
			defaults: { name: 'Kore Campaign Schedule' },
			description:
				'Schedule, start, stop and read Kore.ai Voice/SMS campaigns, their contact results and calls with dispositions; schedule call-backs; create contact lists and add contacts in batches',
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'koreAiApi', required: true }],
		});
	});

	it('has a light and a dark icon that exist', () => {
		const icon = made().description.icon as { light: string; dark: string };
		expect(Object.keys(icon)).toEqual(['light', 'dark']);
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:.+\.svg$/);
			const onDisk = path.resolve(__dirname, '../../nodes/KoreCampaign', file.slice(5));
			expect(fs.existsSync(onDisk)).toBe(true);
		}
		expect(icon.light).not.toBe(icon.dark);
	});

	it('shows the chosen resource and operation as the subtitle (Campaign for workflows saved without a resource)', () => {
		const match =
			/^=\{\{ (\{.*\})\[\(\$parameter\["resource"\] \|\| "campaign"\) \+ ":" \+ \$parameter\["operation"\]\] \}\}$/.exec(
				String(made().description.subtitle),
			);
		expect(match).not.toBeNull();
		expect(JSON.parse(match![1])).toMatchObject({
			'campaign:schedule': 'Campaign: Schedule',
			'campaign:disableSchedule': 'Campaign: Disable Schedule',
			'campaign:getMany': 'Campaign: Get Many',
		});
	});

	it('lists the resources first, each with its own Operation dropdown', () => {
		const [resource, ...rest] = made().description.properties;
		expect(resource).toMatchObject({
			name: 'resource',
			default: 'campaign',
			noDataExpression: true,
		});
		const campaignOps = rest.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'campaign',
		);
		expect(campaignOps).toMatchObject({ default: 'schedule', noDataExpression: true });
	});

	it('offers the campaign and contact list pickers', () => {
		expect(Object.keys(made().methods.listSearch)).toEqual([
			'searchCampaigns',
			'searchContactLists',
		]);
	});
});
