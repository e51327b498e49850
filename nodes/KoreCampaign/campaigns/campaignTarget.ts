import { NodeOperationError } from 'n8n-workflow';

import type { CampaignChannel } from './campaignList';
import { CAMPAIGN_CHANNELS, campaignIdOf, CampaignPager } from './campaignList';
import { errorForItem, InputError, showValue } from '../errors/errors';
import type { ReadParameter } from '../run/parameters';
import type { ItemContext } from '../run/runContext';
import { campaignNameOf } from './campaignName';
import type { KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { enc, v2Url } from '../transport/endpoints';
import type { KoreRequest } from '../transport/request';
import { isPlainObject } from '../transport/isPlainObject';

export const getCampaignUrl = (c: KoreConnection, campaignId: string) => v2Url(c, enc(campaignId));

/** Which campaign an item means, and how the node finds what Kore's calls need. */

/** The campaign as the item gives it: by name (From List, By Name, the v1 text field) or By ID. */
export type CampaignRef = { by: 'name'; name: string } | { by: 'id'; id: string };

/** A campaign found in Kore.ai: what its calls and outputs need. */
export interface CampaignTarget {
	id: string;
	name: string;
	channel: CampaignChannel;
}

/** A campaign of the list, as the name lookup keeps it. */
export type Listed = CampaignTarget & { status: unknown };

const CHANNEL_LABEL: Record<CampaignChannel, string> = { voice: 'voice', sms: 'SMS' };

/** "voice campaign "Spring"" / "SMS campaign "Renewal"": how messages name a campaign. */
export function describeTarget(target: CampaignTarget): string {
	return `${CHANNEL_LABEL[target.channel]} campaign ${JSON.stringify(target.name)}`;
}

/** Reads the item's Campaign field, unchecked by Kore: a name, or (1.1, By ID) an id. */
export function readCampaignRef(read: ReadParameter, itemIndex: number): CampaignRef {
	const raw = read('campaignName', itemIndex, '');
	const locator = isPlainObject(raw) ? (raw as { mode?: unknown; value?: unknown }) : undefined;
	if (locator?.mode === 'id') {
		const value = locator.value;
		const id =
			typeof value === 'string' ? value.trim() : Number.isFinite(value) ? String(value) : '';
		if (id === '') {
			throw new InputError(
				`Campaign ID ${typeof value === 'string' || value === undefined || value === null ? 'is empty' : `got ${showValue(value)}`}: enter the campaign's id as Kore.ai gives it (Get Many lists it, e.g. cd-671b3bd-…).`,
				'campaignName',
			);
		}
		return { by: 'id', id };
	}
	return { by: 'name', name: campaignNameOf(locator === undefined ? raw : locator.value) };
}

/** Kore's GET of one campaign (voice or SMS): a read, safe to repeat. */
export function getCampaignRequest(connection: KoreConnection, campaignId: string): KoreRequest {
	return {
		method: 'GET',
		url: getCampaignUrl(connection, campaignId),
		repeatable: true,
		label: `Reading campaign ${campaignId}`,
		hints: {
			notFound:
				"Kore.ai has no campaign with this ID for this bot. Check the ID (Get Many lists them) and the credential's Bot ID.",
		},
	};
}

/** The campaign in a GET answer (`data`), checked to be the one asked for. */
export function readCampaignDetail(
	client: KoreClient,
	request: KoreRequest,
	answer: Record<string, unknown>,
	campaignId: string,
	itemIndex: number,
): Record<string, unknown> {
	const data = answer.data;
	if (!isPlainObject(data) || typeof data.name !== 'string')
		throw client.unreadable(request, 'the campaign (data with its name)', answer, itemIndex);
	const id = data._id ?? data.id;
	if (id !== campaignId) {
		throw client.unreadable(
			request,
			`campaign ${campaignId} (it answered with ${showValue(id)})`,
			answer,
			itemIndex,
		);
	}
	return data;
}

/** The channel of a campaign GET returned. */
export function channelOfDetail(data: Record<string, unknown>): CampaignChannel | undefined {
	for (const key of ['campaignType', 'type', 'channel']) {
		const value = typeof data[key] === 'string' ? (data[key] as string).toLowerCase() : '';
		if (value === 'voice' || value === 'sms') return value;
	}
	if (['dialingMode', 'dialingStrategy', 'dncLists'].some((key) => key in data)) return 'voice';
	if (
		['format', 'message', 'totalMessagesSent', 'campaignExecutionType'].some((key) => key in data)
	)
		return 'sms';
	return undefined;
}

/** Runs a lookup the run's items share: the item whose call started it gets its error as it is. */
async function shared<T>(
	{ ctx, memo, itemIndex }: ItemContext,
	key: string,
	compute: () => Promise<T>,
): Promise<T> {
	const { answer, first } = memo.share(key, compute);
	try {
		return await answer;
	} catch (error) {
		throw first ? error : errorForItem(ctx, error, itemIndex);
	}
}

/** Every campaign of the bot, voice then SMS: the run's one walk of Kore's list. */
function allCampaigns(item: ItemContext): Promise<Listed[]> {
	const { ctx, client, itemIndex } = item;
	return shared(item, 'campaign list', async () => {
		const found: Listed[] = [];
		for (const { value: channel } of CAMPAIGN_CHANNELS) {
			const pager = new CampaignPager(client, channel, { sortBy: { name: 'asc' } });
			while (!pager.done) {
				for (const record of await pager.next(itemIndex)) {
					const id = campaignIdOf(record, channel);
					if (id === '' || typeof record.name !== 'string') continue;
					found.push({ id, name: record.name, channel, status: record.status });
				}
			}
			if (pager.cutShort) {
				throw new NodeOperationError(
					ctx.getNode(),
					`Kore.ai lists more than ${pager.position.skip} ${CHANNEL_LABEL[channel]} campaigns; the node cannot look a name up among so many.`,
					{ itemIndex, description: 'Give the campaign By ID instead (Get Many lists the ids).' },
				);
			}
		}
		return found;
	});
}

/** The campaigns named exactly `name` (either channel, with their status): the run's one walk. */
export async function campaignsNamed(item: ItemContext, name: string): Promise<Listed[]> {
	return (await allCampaigns(item)).filter((c) => c.name === name);
}

/** The one campaign with exactly this name, or an error naming it (none, or several). */
async function findByName(item: ItemContext, name: string): Promise<CampaignTarget> {
	const { ctx, itemIndex } = item;
	const campaigns = await allCampaigns(item);
	const named = campaigns.filter((c) => c.name === name);
	if (named.length === 1) {
		const { id, channel } = named[0];
		return { id, name, channel };
	}
	if (named.length > 1) {
		const ids = named.map((c) => `${c.id} (${CHANNEL_LABEL[c.channel]}, ${String(c.status)})`);
		throw new NodeOperationError(
			ctx.getNode(),
			`${named.length} campaigns in Kore.ai are named ${JSON.stringify(name)}: ${ids.join(', ')}.`,
			{
				itemIndex,
				description:
					'The name does not say which one you mean. Set Campaign to By ID with the id of the one you mean.',
			},
		);
	}
	const alike = campaigns
		.filter((c) => c.name.trim().toLowerCase() === name.toLowerCase())
		.slice(0, 3)
		.map((c) => JSON.stringify(c.name));
	throw new NodeOperationError(
		ctx.getNode(),
		`No voice or SMS campaign in Kore.ai is named ${JSON.stringify(name)}.`,
		{
			itemIndex,
			description:
				alike.length > 0
					? `Names must match exactly; Kore.ai has ${alike.join(', ')}. Pick the campaign From List, or give it By ID.`
					: "Names must match exactly (spaces and | included). Pick the campaign From List, or give it By ID; check the credential's Bot ID too.",
		},
	);
}

/** The channel of a campaign read by id, from its GET answer or, when that shows none, from the
 * campaign list (the run's one walk). */
export async function channelOfCampaign(
	item: ItemContext,
	campaignId: string,
	data: Record<string, unknown>,
): Promise<CampaignChannel> {
	const { ctx, itemIndex } = item;
	const channel = channelOfDetail(data);
	if (channel !== undefined) return channel;
	const listed = (await allCampaigns(item)).find((c) => c.id === campaignId);
	if (listed !== undefined) return listed.channel;
	throw new NodeOperationError(
		ctx.getNode(),
		`Kore.ai's answer for campaign ${campaignId} does not say whether it is a voice or SMS campaign, and its campaign list does not show it.`,
		{ itemIndex, description: 'Check the campaign in Kore.ai; then give it By Name.' },
	);
}

/** The campaign an item means, with its id, name and channel. */
export async function findCampaign(item: ItemContext, ref: CampaignRef): Promise<CampaignTarget> {
	const { client, itemIndex } = item;
	if (ref.by === 'name') return await findByName(item, ref.name);
	return await shared(item, `campaign id ${ref.id}`, async () => {
		const request = getCampaignRequest(client.connection, ref.id);
		const answer = await client.send(request, itemIndex);
		const data = readCampaignDetail(client, request, answer, ref.id, itemIndex);
		const channel = await channelOfCampaign(item, ref.id, data);
		return { id: ref.id, name: data.name as string, channel };
	});
}
