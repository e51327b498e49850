import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CampaignChannel } from '../campaigns/campaignList';
import {
	CAMPAIGN_STATUSES,
	CAMPAIGN_TYPE_CHOICES,
	CAMPAIGN_TYPE_OPTIONS,
	channelsOfType,
} from '../campaigns/campaignList';
import { showValue } from '../errors/errors';
import type { CampaignEvent, ChangeFilter } from './campaignChanges';

/** The trigger's events as the editor shows them. */
export const EVENTS: ReadonlyArray<{ name: string; value: CampaignEvent; description: string }> = [
	{
		name: 'Campaign Status Changed',
		value: 'statusChanged',
		description: "When a campaign's status differs from the previous poll's (e.g. it completed)",
	},
	{
		name: 'Campaign Created',
		value: 'created',
		description: 'When a campaign appears that the previous poll did not list',
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'statusChanged',
		options: EVENTS.map((e) => ({ ...e })),
	},
	{
		displayName: 'New Status',
		name: 'statuses',
		type: 'multiOptions',
		default: [],
		options: CAMPAIGN_STATUSES.map((status) => ({ name: status, value: status })),
		description:
			'Fire only when the campaign changed to one of these statuses (e.g. Completed, Stopped). None chosen: every change.',
		displayOptions: { show: { event: ['statusChanged'] } },
	},
	{
		displayName: 'Campaign Type',
		name: 'campaignType',
		type: 'options',
		default: 'all',
		options: CAMPAIGN_TYPE_OPTIONS,
	},
];

/** The trigger's parameters, checked. */
export interface TriggerSettings {
	filter: ChangeFilter;
	/** As set: `all`, `voice` or `sms` (what the memory was taken for). */
	campaignType: string;
	channels: CampaignChannel[];
}

export function readTriggerSettings(ctx: IPollFunctions): TriggerSettings {
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message);
	const event = ctx.getNodeParameter('event', 'statusChanged');
	const known = EVENTS.find((e) => e.value === event);
	if (known === undefined)
		throw fail(`Event: ${showValue(event)} is not supported; use "statusChanged" or "created".`);
	const campaignType = ctx.getNodeParameter('campaignType', 'all');
	const channels = channelsOfType(campaignType);
	if (channels === undefined)
		throw fail(
			`Campaign Type: ${showValue(campaignType)} is not supported; ${CAMPAIGN_TYPE_CHOICES}.`,
		);
	const chosen = known.value === 'statusChanged' ? ctx.getNodeParameter('statuses', []) : [];
	const statuses = (Array.isArray(chosen) ? chosen : [chosen]).map((entry) => {
		const status = CAMPAIGN_STATUSES.find((s) => s === entry);
		if (status === undefined)
			throw fail(
				`New Status: ${showValue(entry)} is not a Kore.ai campaign status. Use any of ${CAMPAIGN_STATUSES.join(', ')}.`,
			);
		return status;
	});
	return {
		filter: { event: known.value, statuses },
		campaignType: campaignType as string,
		channels,
	};
}
