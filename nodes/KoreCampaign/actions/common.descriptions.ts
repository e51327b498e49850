import type { INodeProperties } from 'n8n-workflow';

import { KORE_TIMEZONE_DEFAULT } from '../dates/dates';
import { runSettingOption } from '../run/runSettings';
import type { Resource } from './operation';
import { showFor } from './operation';

/** Fields used by more than one operation. */

const CAMPAIGN_NAME_EXAMPLE = 'Agentless Voice | Product Feedback | Jan 9';

const CAMPAIGN_ID_EXAMPLE = 'cd-671b3bd-a7a1-4709-bd6a-70803e3xxxxx';

const LIST_EXAMPLE = 'Leads 2027-03-01';

const LIST_ID_EXAMPLE = 'cl-6a1b2c3d-…';

/** The contact list an operation is about: From List (searchable) or By Name, and By ID when
 * `byId` (an id needs no look-up of the name). */
export function contactListField(
	operation: string,
	description: string,
	{ byId = false }: { byId?: boolean } = {},
): INodeProperties {
	return {
		displayName: 'Contact List',
		name: 'contactList',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a contact list...',
				typeOptions: { searchListMethod: 'searchContactLists', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: LIST_EXAMPLE,
			},
			...(byId
				? [
						{
							displayName: 'By ID',
							name: 'id',
							type: 'string' as const,
							placeholder: LIST_ID_EXAMPLE,
						},
					]
				: []),
		],
		displayOptions: showFor('contactList', operation),
	};
}

/** How a campaign is given (a locator's `modes`): From List (searchable), By Name, and By ID
 * when `byId`. */
export function campaignModes(byId: boolean): Pick<INodeProperties, 'modes'> {
	return {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign...',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: CAMPAIGN_NAME_EXAMPLE },
			...(byId
				? [
						{
							displayName: 'By ID',
							name: 'id',
							type: 'string' as const,
							placeholder: CAMPAIGN_ID_EXAMPLE,
						},
					]
				: []),
		],
	};
}

/** The campaign an operation is about, shown for `operation`: a text field in node version 1. */
export function campaignNameField(
	operation: string,
	{ byId = false }: { byId?: boolean } = {},
): INodeProperties[] {
	return [
		{
			displayName: 'Campaign Name',
			name: 'campaignName',
			type: 'string',
			default: '',
			required: true,
			placeholder: CAMPAIGN_NAME_EXAMPLE,
			description: 'The exact name of the Voice or SMS campaign in Kore.ai',
			displayOptions: showFor('campaign', operation, { '@version': [1] }),
		},
		{
			displayName: 'Campaign',
			name: 'campaignName',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The Voice or SMS campaign in Kore.ai',
			...campaignModes(byId),
			displayOptions: showFor('campaign', operation, { '@version': [{ _cnd: { gte: 1.1 } }] }),
		},
	];
}

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to return the exact request that would be sent (token redacted) instead of calling Kore.ai',
};

export const koreTimezoneOption: INodeProperties = {
	displayName: 'Kore Timezone',
	name: 'koreTimezone',
	type: 'string',
	default: KORE_TIMEZONE_DEFAULT,
	placeholder: KORE_TIMEZONE_DEFAULT,
	description:
		'IANA timezone Kore.ai reads the sent start and end in (Schedule only). Kore.ai documents UTC; change it only if your Kore.ai deployment says otherwise.',
};

/** Options → Timezone: the zone in which `what` without an offset is meant. */
export function timezoneOptionFor(what: string): INodeProperties {
	return {
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Berlin',
		description: `IANA timezone in which ${what} without an offset (e.g. 2027-03-01 09:00) is meant. Leave empty to use the workflow's timezone. Values are converted to UTC before they are sent.`,
	};
}

export const timezoneOption = timezoneOptionFor('a start or end');

/** How calls are paced and retried: the same for every operation. */
export const runSettingOptions: INodeProperties[] = [
	runSettingOption(
		'maxConcurrency',
		'How many calls may be in flight at once (the rate limit decides when each starts). Output order always follows input order.',
	),
	runSettingOption(
		'maxRetries',
		'How often to retry a call after a gateway error (502/503/504), a timeout or a dropped connection. Rate-limit answers are retried on their own budget (up to 20) while the pace settles; 0 = never retry anything. Other errors are never retried.',
	),
	runSettingOption(
		'requestsPerMinute',
		'Kore.ai allows 60 campaign API calls per minute per account; the node spaces its calls to stay within this, and slows down by itself when other workers or tools use the account too. 0 = no limit (on-premises hosts without one).',
	),
	runSettingOption('timeout', 'How long to wait for Kore.ai to answer one call'),
];

/** The Options collection of an operation, holding `options` (sorted by name, as n8n lists them). */
export function optionsCollection(
	resource: Resource,
	operation: string,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(resource, operation),
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Return All and Limit, as n8n's own "Get Many" operations show them; Limit up to `maxLimit`. */
export function returnAllAndLimit(
	resource: Resource,
	operation: string,
	maxLimit: number,
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: maxLimit, numberPrecision: 0 },
			description: 'Max number of results to return',
			displayOptions: showFor(resource, operation, { returnAll: [false] }),
		},
	];
}
