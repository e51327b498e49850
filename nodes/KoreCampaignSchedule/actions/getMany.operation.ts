import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, showValue } from '../helpers/errors';
import { wholeNumber } from '../helpers/validation';
import type { CampaignChannel } from '../transport/campaignList';
import {
	CAMPAIGN_CHANNELS,
	CAMPAIGN_STATUSES,
	campaignJson,
	fetchCampaignPage,
	LIST_PAGE_SIZE,
	MAX_LIST_PAGES,
} from '../transport/campaignList';
import { optionsCollection, runSettingOptions } from './common.descriptions';
import { defineOperation } from './operation';

const OPERATION = 'getMany';
const forGetMany = { show: { operation: [OPERATION] } };

/** Largest Limit: Get Many returns at most this many campaigns unless Return All is on. */
const MAX_LIMIT = 10_000;

const description: INodeProperties[] = [
	{
		displayName: 'Campaign Type',
		name: 'campaignType',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all', description: 'Voice and SMS campaigns' },
			...CAMPAIGN_CHANNELS.map((c) => ({
				name: c.label,
				value: c.value,
				description: `${c.label} campaigns only`,
			})),
		],
		displayOptions: forGetMany,
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: forGetMany,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: MAX_LIMIT, numberPrecision: 0 },
		description: 'Max number of results to return',
		displayOptions: { show: { operation: [OPERATION], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forGetMany,
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: CAMPAIGN_STATUSES.map((status) => ({ name: status, value: status })),
				description: 'Only campaigns in any of these statuses',
			},
		],
	},
	optionsCollection(OPERATION, runSettingOptions),
];

/** One Get Many item, checked: which channels, how many, which statuses. */
interface CampaignListing {
	channels: CampaignChannel[];
	/** Undefined: all of them. */
	limit?: number;
	statuses: string[];
}

function statusesOf(value: unknown): string[] {
	const list = Array.isArray(value)
		? value
		: typeof value === 'string' && value.trim() !== ''
			? value.split(',')
			: [];
	return list.map((entry) => {
		const status = CAMPAIGN_STATUSES.find(
			(s) => typeof entry === 'string' && s.toLowerCase() === entry.trim().toLowerCase(),
		);
		if (status === undefined) {
			throw new InputError(
				`Filters → Status: ${showValue(entry)} is not a Kore.ai campaign status. Use any of ${CAMPAIGN_STATUSES.join(', ')}.`,
				'filters.status',
			);
		}
		return status;
	});
}

/** Get Many: lists the bot's campaigns, voice and/or SMS, page by page; one output item per campaign. */
export const getMany = defineOperation<CampaignListing>({
	option: {
		name: 'Get Many',
		value: OPERATION,
		description: "List the bot's Voice and SMS campaigns",
		action: 'Get many campaigns',
	},
	description,
	prepare({ read, itemIndex }) {
		const type = read('campaignType', itemIndex, 'all');
		const channel = CAMPAIGN_CHANNELS.find((c) => c.value === type);
		if (type !== 'all' && channel === undefined) {
			throw new InputError(
				`Campaign Type: ${showValue(type)} is not supported; use "all", "voice" or "sms".`,
				'campaignType',
			);
		}
		const returnAll = read('returnAll', itemIndex, false) === true;
		const filters = (read('filters', itemIndex, {}) ?? {}) as IDataObject;
		return {
			channels: channel === undefined ? CAMPAIGN_CHANNELS.map((c) => c.value) : [channel.value],
			limit: returnAll
				? undefined
				: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT),
			statuses: statusesOf(filters.status),
		};
	},
	async execute(ctx, listing, session, itemIndex) {
		const campaigns: IDataObject[] = [];
		const wanted = listing.limit ?? Number.POSITIVE_INFINITY;
		const pageSize = Math.min(LIST_PAGE_SIZE, wanted);
		for (const channel of listing.channels) {
			for (let page = 1; campaigns.length < wanted; page++) {
				if (page > MAX_LIST_PAGES) {
					throw new InputError(
						`Kore.ai lists more than ${MAX_LIST_PAGES * pageSize} ${channel} campaigns; the node stops there.`,
						'returnAll',
						'Set a Limit or a Status filter to list fewer campaigns.',
					);
				}
				const { results, hasMore } = await fetchCampaignPage(
					ctx,
					session,
					{ channel, page, pageSize, statuses: listing.statuses, sortBy: { createdAt: 'desc' } },
					itemIndex,
				);
				for (const record of results.slice(0, wanted - campaigns.length))
					campaigns.push(campaignJson(record, channel));
				if (!hasMore || results.length === 0) break;
			}
		}
		return campaigns;
	},
});
