import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS, operationProperties, resourceProperty, subtitle } from './actions/operations';
import { router } from './actions/router';
import { contactListNames, searchContactLists } from './methods/contactListSearch';
import { searchCampaigns } from './methods/listSearch';
import { CREDENTIAL_TYPE } from './transport/connection';

/** Kore Campaign Schedule: Kore.ai campaigns (schedule, start, stop, read, contact results) and contact lists. */
export class KoreCampaignSchedule implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore Campaign Schedule',
		name: 'koreCampaignSchedule',
		icon: { light: 'file:../../icons/kore.svg', dark: 'file:../../icons/kore.dark.svg' },
		group: ['output'],
		// 1.1: the campaign is picked from a list (or given by name); version 1 workflows keep the text field.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle,
		description:
			'Schedule, start, stop and read Kore.ai Voice/SMS campaigns, their contact results and calls with dispositions; schedule call-backs; create contact lists and add contacts in batches',
		defaults: { name: 'Kore Campaign Schedule' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			resourceProperty,
			...operationProperties,
			...OPERATIONS.flatMap((operation) => operation.description),
		],
	};

	methods = {
		listSearch: { searchCampaigns, searchContactLists },
		loadOptions: { contactListNames },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
