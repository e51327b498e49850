import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dryRunJson } from '../../run/output';
import { readItemOptions } from '../../run/parameters';
import { showValue } from '../../errors/errors';
import { sharedCall } from '../callShared';
import type { CampaignChannel } from '../../campaigns/campaignList';
import type { KoreClient } from '../../transport/client';
import type { KoreConnection } from '../../transport/connection';
import { enc } from '../../transport/endpoints';
import type { KoreRequest, RequestHints } from '../../transport/request';
import type { ItemInput, KoreOperation } from '../operation';
import {
	campaignNameField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
} from '../common.descriptions';
import type { CampaignRef, CampaignTarget } from '../../campaigns/campaignTarget';
import { describeTarget, findCampaign, readCampaignRef } from '../../campaigns/campaignTarget';
import { isPlainObject } from '../../transport/isPlainObject';

/** Start (`play`) or stop a campaign. */
export const triggerUrl = (
	c: KoreConnection,
	campaignId: string,
	channel: CampaignChannel,
	trigger: 'play' | 'stop',
) =>
	`${c.host}/campaign/api/v1/public/${enc(c.botId)}/campaign/${enc(campaignId)}?campaignType=${channel}&trigger=${trigger}`;

/** Start and Stop: Kore's v1 trigger call (`trigger=play|stop`, the campaign's channel in
 * `campaignType`, body `{}`). */
export type Trigger = 'play' | 'stop';

/** One Start or Stop item, read: which campaign, and whether only to describe the call. */
export interface TriggerItem {
	ref: CampaignRef;
	dryRun: boolean;
}

/** What each trigger is: the status Kore answers, whether it is safe to repeat, its advice. */
const TRIGGERS: Record<
	Trigger,
	{ status: string; verb: string; repeatable: boolean; hints: RequestHints; check: string }
> = {
	// Not safe to repeat: a start that timed out may have started the campaign, and starting it again
	// can dial its whole contact list a second time.
	play: {
		status: 'Active',
		verb: 'Starting',
		repeatable: false,
		check:
			'The campaign may have started. Check it with the Get operation (status Active) before starting it again: a second start can dial its whole contact list twice.',
		hints: {
			rejected:
				'Kore.ai did not start the campaign. Its message above says why; most often the campaign is not in a state that can start (still Preparing, or already running or completed).',
			notFound:
				"Kore.ai has no campaign with this ID and channel for this bot. Check the campaign (Get Many lists them) and the credential's Bot ID.",
			maybeDone:
				'The campaign may have started. Check it with the Get operation (status Active) before starting it again: a second start can dial its whole contact list twice.',
		},
	},
	// Stopping twice cannot dial anyone: safe to repeat.
	stop: {
		status: 'Stopped',
		verb: 'Stopping',
		repeatable: true,
		check: 'Check the campaign with the Get operation; stopping it again is safe.',
		hints: {
			rejected:
				'Kore.ai did not stop the campaign. Its message above says why (for example, the campaign is not running).',
			notFound:
				"Kore.ai has no campaign with this ID and channel for this bot. Check the campaign (Get Many lists them) and the credential's Bot ID.",
			maybeDone:
				'Kore.ai may have stopped the campaign: check it with the Get operation (status Stopped). Running this item again is safe: stopping twice dials no one.',
		},
	},
};

/** The start or stop call for a found campaign. */
export function triggerRequest(
	connection: KoreConnection,
	target: CampaignTarget,
	trigger: Trigger,
): KoreRequest {
	const { verb, repeatable, hints } = TRIGGERS[trigger];
	return {
		method: 'POST',
		url: triggerUrl(connection, target.id, target.channel, trigger),
		body: {},
		repeatable,
		label: `${verb} ${describeTarget(target)}`,
		hints,
	};
}

/** The campaign id an answer says it is about, if it names one. */
function answeredId(answer: Record<string, unknown>): unknown {
	const data = answer.data;
	const inData = isPlainObject(data) ? (data as Record<string, unknown>) : {};
	return (
		answer.campaignId ?? answer.id ?? answer._id ?? inData.campaignId ?? inData._id ?? inData.id
	);
}

/** Start or Stop as an operation: its entry in the list, its fields, its two steps. */
export function triggerOperation(
	trigger: Trigger,
	option: KoreOperation['option'],
): KoreOperation<TriggerItem> {
	const operation = option.value;
	const description: INodeProperties[] = [
		...campaignNameField(operation, { byId: true }),
		optionsCollection('campaign', operation, [dryRunOption, ...runSettingOptions]),
	];
	return {
		resource: 'campaign',
		option,
		description,
		prepare({ read, itemIndex, workflowTimezone }: ItemInput) {
			return {
				ref: readCampaignRef(read, itemIndex),
				dryRun: readItemOptions(read, itemIndex, workflowTimezone).dryRun,
			};
		},
		async execute(run, { ref, dryRun }) {
			const { client, itemIndex } = run;
			const target = await findCampaign(run, ref);
			const request = triggerRequest(client.connection, target, trigger);
			const about: IDataObject = { id: target.id, name: target.name, type: target.channel };
			if (dryRun) return [dryRunJson({ operation, ...about }, request, client)];
			return await sharedCall(run, `${trigger} ${target.id}`, 'campaign', () =>
				sendTrigger(client, request, trigger, about, itemIndex),
			);
		},
	};
}

/** Sends a start or stop and reads Kore's answer: the campaign's new status, checked. */
async function sendTrigger(
	client: KoreClient,
	request: KoreRequest,
	trigger: Trigger,
	about: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const { status: expected, check } = TRIGGERS[trigger];
	const answer = await client.send(request, itemIndex);
	const id = answeredId(answer);
	if (typeof answer.status !== 'string' || answer.status === '')
		throw client.unreadable(request, "the campaign's new status", answer, itemIndex, check);
	if (id !== undefined && id !== about.id) {
		throw client.unreadable(
			request,
			`the id of campaign ${String(about.id)} (it named ${showValue(id)} instead)`,
			answer,
			itemIndex,
			check,
		);
	}
	if (answer.status !== expected) {
		throw client.unreadable(
			request,
			`status "${expected}" (it answered status ${showValue(answer.status)})`,
			answer,
			itemIndex,
			check,
		);
	}
	return {
		...about,
		status: answer.status,
		message: typeof answer.message === 'string' ? answer.message : '',
		campaignInstanceId:
			typeof answer.campaignInstanceId === 'string' ? answer.campaignInstanceId : '',
		updatedAt: typeof answer.updatedAt === 'string' ? answer.updatedAt : '',
	};
}
