import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { campaignJson } from '../../campaigns/campaignList';
import { dryRunJson } from '../../run/output';
import {
	campaignNameField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import { defineOperation, prepareRef } from '../operation';
import type { CampaignRef } from '../../campaigns/campaignTarget';
import {
	channelOfCampaign,
	findCampaign,
	getCampaignRequest,
	readCampaignDetail,
	readCampaignRef,
} from '../../campaigns/campaignTarget';

const RESOURCE = 'campaign';
const OPERATION = 'get';

const description: INodeProperties[] = [
	...campaignNameField(OPERATION, { byId: true }),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** Fields of Kore's campaign that campaignJson already puts first, under the node's names (`type`
 * is the node's channel, whatever Kore may call `type`). */
const LEADING_FIELDS = new Set([
	'type',
	'_id',
	'id',
	'name',
	'status',
	'priority',
	'schedule',
	'createdAt',
	'updatedAt',
]);

/** Get: one campaign, read with Kore's GET. */
export const get = defineOperation<{ ref: CampaignRef; dryRun: boolean }>({
	resource: RESOURCE,
	option: {
		name: 'Get',
		value: OPERATION,
		description: "Get one campaign's status, schedule flags, dialing mode and contact lists",
		action: 'Get a campaign',
	},
	description,
	prepare: prepareRef(readCampaignRef),
	async execute(run, { ref, dryRun }) {
		const { client, itemIndex } = run;
		// By name the list gives the id (and the channel); by id the GET itself is the only call.
		const target = ref.by === 'name' ? await findCampaign(run, ref) : undefined;
		const id = target?.id ?? (ref.by === 'id' ? ref.id : '');
		const request = getCampaignRequest(client.connection, id);
		if (dryRun) {
			const summary: IDataObject = { operation: OPERATION, id };
			if (target !== undefined) Object.assign(summary, { name: target.name, type: target.channel });
			return [dryRunJson(summary, request, client)];
		}
		const answer = await client.send(request, itemIndex);
		const data = readCampaignDetail(client, request, answer, id, itemIndex);
		const channel = target?.channel ?? (await channelOfCampaign(run, id, data));
		const details = Object.fromEntries(
			Object.entries(data).filter(([key]) => !LEADING_FIELDS.has(key)),
		) as IDataObject;
		return [{ ...campaignJson({ ...data, id }, channel), ...details }];
	},
});
