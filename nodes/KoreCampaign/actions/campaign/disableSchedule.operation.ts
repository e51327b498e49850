import type { INodeProperties } from 'n8n-workflow';

import { readCampaignName, readItemOptions } from '../../run/parameters';
import { campaignNameOf } from '../../campaigns/campaignName';
import type { CampaignCall } from './campaignCall';
import { scheduleCall, sendCampaignCall } from './campaignCall';
import {
	campaignNameField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation } from '../operation';

const RESOURCE = 'campaign';
const OPERATION = 'disableSchedule';

const description: INodeProperties[] = [
	...campaignNameField(OPERATION),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** Disable Schedule: turns off a campaign's recurring schedule (`enableSchedule=false`, body `{}`). */
export const disableSchedule = defineOperation<CampaignCall>({
	resource: RESOURCE,
	option: {
		name: 'Disable Schedule',
		value: OPERATION,
		description: "Turn off the campaign's recurring schedule",
		action: 'Disable a campaign schedule',
	},
	description,
	prepare({ read, itemIndex, connection, workflowTimezone }) {
		const campaignName = campaignNameOf(readCampaignName(read, itemIndex));
		const { dryRun } = readItemOptions(read, itemIndex, workflowTimezone);
		return {
			request: scheduleCall(connection, campaignName, undefined),
			summary: { campaignName, operation: OPERATION },
			dryRun,
		};
	},
	execute: sendCampaignCall,
});
