import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { campaignProperties } from './properties/campaign';
import { operationProperty } from './properties/operation';
import { optionsProperty } from './properties/options';

/** Kore Campaign Schedule: schedule or disable a Kore.ai campaign's recurring schedule. */
export class KoreCampaignSchedule implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore Campaign Schedule',
		name: 'koreCampaignSchedule',
		icon: { light: 'file:kore.svg', dark: 'file:kore.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "disableSchedule" ? "Disable Schedule" : "Schedule" }}',
		description: "Schedule or disable a Kore.ai Voice/SMS campaign's recurring schedule",
		defaults: { name: 'Kore Campaign Schedule' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [operationProperty, ...campaignProperties, optionsProperty],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
