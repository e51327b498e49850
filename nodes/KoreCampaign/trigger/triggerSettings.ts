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
import { RUN_SETTING_LIMITS, runSettingOption } from '../run/runSettings';
import type { CampaignEvent, ChangeFilter } from './campaignChanges';

/** What the trigger fires on: a campaign's change, or a finished call. */
export type TriggerEvent = CampaignEvent | 'callCompleted';

/** The trigger's events as the editor shows them. */
export const EVENTS: ReadonlyArray<{ name: string; value: TriggerEvent; description: string }> = [
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
	{
		name: 'Call Completed',
		value: 'callCompleted',
		description:
			'When a campaign call finishes, once per call, with its dispositions (needs the SmartAssist Analytics API scope)',
	},
];

const RATE = RUN_SETTING_LIMITS.requestsPerMinute;

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
		displayOptions: { hide: { event: ['callCompleted'] } },
	},
	{
		displayName: 'Campaigns',
		name: 'campaigns',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		placeholder: 'Spring Promo | Voice',
		description:
			'Fire only for calls of these campaigns, each given by its exact name or ID (cd-…). None: every campaign call.',
		displayOptions: { show: { event: ['callCompleted'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			runSettingOption(
				'requestsPerMinute',
				"Kore.ai allows 60 campaign API calls per minute per account; the trigger's polls share one pace per account with the Kore Campaign Schedule node (the lowest setting in use applies). 0 = no limit (on-premises hosts without one).",
			),
		],
	},
];

/** The trigger's parameters, checked. */
export interface TriggerSettings {
	event: TriggerEvent;
	/** Campaign events only. */
	filter: ChangeFilter;
	/** Call Completed: the campaigns' names or ids (none: all). */
	callCampaigns: string[];
	/** As set: `all`, `voice` or `sms` (what the memory was taken for). */
	campaignType: string;
	channels: CampaignChannel[];
	/** Requests per Minute for the poll's calls (0 = no limit of its own). */
	requestsPerMinute: number;
}

export function readTriggerSettings(ctx: IPollFunctions): TriggerSettings {
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message);
	const event = ctx.getNodeParameter('event', 'statusChanged');
	const known = EVENTS.find((e) => e.value === event);
	if (known === undefined)
		throw fail(
			`Event: ${showValue(event)} is not supported; use "statusChanged", "created" or "callCompleted".`,
		);
	const campaignType = ctx.getNodeParameter('campaignType', 'all');
	const channels = channelsOfType(campaignType);
	if (channels === undefined)
		throw fail(
			`Campaign Type: ${showValue(campaignType)} is not supported; ${CAMPAIGN_TYPE_CHOICES}.`,
		);
	const chosen = known.value === 'statusChanged' ? ctx.getNodeParameter('statuses', []) : [];
	const given = known.value === 'callCompleted' ? ctx.getNodeParameter('campaigns', []) : [];
	const callCampaigns = (Array.isArray(given) ? given : [given])
		.map((entry) => (typeof entry === 'number' ? String(entry) : entry))
		.map((entry) => {
			if (typeof entry !== 'string')
				throw fail(`Campaigns: ${showValue(entry)} is not a campaign name or ID.`);
			return entry.trim();
		})
		.filter((entry) => entry !== '');
	const statuses = (Array.isArray(chosen) ? chosen : [chosen]).map((entry) => {
		const status = CAMPAIGN_STATUSES.find((s) => s === entry);
		if (status === undefined)
			throw fail(
				`New Status: ${showValue(entry)} is not a Kore.ai campaign status. Use any of ${CAMPAIGN_STATUSES.join(', ')}.`,
			);
		return status;
	});
	const options = ctx.getNodeParameter('options', {}) as { requestsPerMinute?: unknown };
	const rate = options.requestsPerMinute ?? RATE.default;
	if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < RATE.min || rate > RATE.max)
		throw fail(
			`${RATE.label} must be a whole number from ${RATE.min} to ${RATE.max}; got ${showValue(rate)}.`,
		);
	return {
		event: known.value,
		// The campaign events' filter; Call Completed has its own.
		filter: { event: known.value === 'callCompleted' ? 'statusChanged' : known.value, statuses },
		callCampaigns,
		campaignType: campaignType as string,
		channels,
		requestsPerMinute: rate,
	};
}
