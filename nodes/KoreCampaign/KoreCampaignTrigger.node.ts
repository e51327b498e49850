import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './transport/connection';
import { pollCallsCompleted, sampleCallCompleted } from './trigger/callCompleted';
import { changeJson, changesSince, sampleChange, wantedChanges } from './trigger/campaignChanges';
import { memoryToStore, readMemory, rememberWindow, writeMemory } from './trigger/campaignMemory';
import { readWatchWindow } from './trigger/listCampaigns';
import { EVENTS, readTriggerSettings, triggerProperties } from './trigger/triggerSettings';

/** The memories a poll is reading Kore for right now (n8n keeps one static-data object per active
 * trigger node). */
const POLLS_IN_FLIGHT = new WeakSet<object>();

/** Kore Campaign Trigger: starts a workflow when a Kore.ai campaign changes status or is
 * created, or when a campaign call finishes. */
export class KoreCampaignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore Campaign Trigger',
		name: 'koreCampaignTrigger',
		icon: { light: 'file:../../icons/kore.svg', dark: 'file:../../icons/kore.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(Object.fromEntries(EVENTS.map((e) => [e.value, e.name])))}[$parameter["event"]] }}`,
		description:
			'Starts the workflow when a Kore.ai Voice/SMS campaign changes status or is created, or a campaign call finishes',
		defaults: { name: 'Kore Campaign Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: triggerProperties,
	};

	/** One poll: read the lists, compare with the memory, store the new memory, emit the changes. */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readTriggerSettings(this);
		const calls = settings.event === 'callCompleted';
		if (this.getMode() === 'manual' && calls)
			return await sampleCallCompleted(this, settings.callCampaigns, settings.requestsPerMinute);
		if (this.getMode() === 'manual') {
			const { window } = await readWatchWindow(this, settings.channels, settings.requestsPerMinute);
			const sample = sampleChange(window, settings.filter);
			if (sample === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					'No campaign in Kore.ai fits this trigger yet, so there is no sample to show',
					{
						description:
							'Check Campaign Type and New Status, or create a campaign in Kore.ai. The active workflow fires on changes all the same.',
					},
				);
			}
			return [[{ json: changeJson(sample) }]];
		}

		const staticData = this.getWorkflowStaticData('node');
		// A poll that starts while the previous one still reads (a big account polled every minute)
		// would compare with the same memory and emit the same changes again.
		if (POLLS_IN_FLIGHT.has(staticData)) return null;
		POLLS_IN_FLIGHT.add(staticData);
		try {
			if (calls)
				return await pollCallsCompleted(
					this,
					staticData,
					settings.callCampaigns,
					settings.requestsPerMinute,
				);
			const { window, account } = await readWatchWindow(
				this,
				settings.channels,
				settings.requestsPerMinute,
			);
			// The memory is the account's and bot's.
			const key = { ...account, campaignType: settings.campaignType };
			const previous = readMemory(staticData, key);
			const next = rememberWindow(window, key, previous);
			// Stored only when it differs: n8n then has nothing to save after a quiet poll.
			if (memoryToStore(staticData, previous, next)) writeMemory(staticData, next);
			if (previous === undefined) return null;
			const changes = wantedChanges(changesSince(previous, window), settings.filter);
			return changes.length === 0
				? null
				: [changes.map((change) => ({ json: changeJson(change) }))];
		} finally {
			POLLS_IN_FLIGHT.delete(staticData);
		}
	}
}
