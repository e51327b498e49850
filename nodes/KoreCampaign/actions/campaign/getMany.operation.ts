import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CampaignChannel } from '../../campaigns/campaignList';
import {
	CAMPAIGN_TYPE_CHOICES,
	CAMPAIGN_TYPE_OPTIONS,
	channelsOfType,
	CAMPAIGN_STATUSES,
	campaignJson,
	CampaignPager,
	LIST_PAGE_SIZE,
	START_OF_LIST,
} from '../../campaigns/campaignList';
import { InputError, showValue, withOutputs } from '../../errors/errors';
import { wholeNumber } from '../../run/parameters';
import { optionsCollection, runSettingOptions, returnAllAndLimit } from '../common.descriptions';
import { defineOperation, showFor } from '../operation';

const RESOURCE = 'campaign';
const OPERATION = 'getMany';
const forGetMany = showFor(RESOURCE, OPERATION);

/** Largest Limit: Get Many returns at most this many campaigns unless Return All is on. */
const MAX_LIMIT = 10_000;

const description: INodeProperties[] = [
	{
		displayName: 'Campaign Type',
		name: 'campaignType',
		type: 'options',
		default: 'all',
		options: CAMPAIGN_TYPE_OPTIONS,
		displayOptions: forGetMany,
	},
	...returnAllAndLimit(RESOURCE, OPERATION, MAX_LIMIT),
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
	optionsCollection(RESOURCE, OPERATION, runSettingOptions),
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
	resource: RESOURCE,
	option: {
		name: 'Get Many',
		value: OPERATION,
		description: "List the bot's Voice and SMS campaigns",
		action: 'Get many campaigns',
	},
	description,
	prepare({ read, itemIndex }) {
		const type = read('campaignType', itemIndex, 'all');
		const channels = channelsOfType(type);
		if (channels === undefined) {
			throw new InputError(
				`Campaign Type: ${showValue(type)} is not supported; ${CAMPAIGN_TYPE_CHOICES}.`,
				'campaignType',
			);
		}
		const returnAll = read('returnAll', itemIndex, false) === true;
		const filters = (read('filters', itemIndex, {}) ?? {}) as IDataObject;
		return {
			channels,
			limit: returnAll
				? undefined
				: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT),
			statuses: statusesOf(filters.status),
		};
	},
	// Kore's list is sorted newest first.
	async execute({ client, itemIndex }, listing) {
		const campaigns: IDataObject[] = [];
		const wanted = listing.limit ?? Number.POSITIVE_INFINITY;
		for (const channel of listing.channels) {
			const pager = new CampaignPager(
				client,
				channel,
				{ statuses: listing.statuses, sortBy: { createdAt: 'desc' } },
				{ ...START_OF_LIST, pageSize: Math.min(LIST_PAGE_SIZE, wanted) },
			);
			while (campaigns.length < wanted && !pager.done) {
				let records: Array<Record<string, unknown>>;
				try {
					records = await pager.next(itemIndex);
				} catch (error) {
					throw withOutputs(error as Error, campaigns);
				}
				for (const record of records.slice(0, wanted - campaigns.length))
					campaigns.push(campaignJson(record, channel));
			}
			if (pager.cutShort && campaigns.length < wanted) {
				throw withOutputs(
					new InputError(
						`Kore.ai lists more than ${pager.position.skip} ${channel} campaigns; the node stops there.`,
						'returnAll',
						'Set a Limit or a Status filter to list fewer campaigns.',
					),
					campaigns,
				);
			}
		}
		return campaigns;
	},
});
