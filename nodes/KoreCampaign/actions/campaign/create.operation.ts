import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NewCampaign } from '../../campaigns/campaignCreation';
import {
	CALLING_DAYS,
	createBody,
	DIALING_NUMBERS,
	MAX_CAMPAIGN_NAME,
	newCampaignOf,
	WEEKDAY_CODES,
} from '../../campaigns/campaignCreation';
import type { CampaignChannel } from '../../campaigns/campaignList';
import type { Listed } from '../../campaigns/campaignTarget';
import { campaignsNamed } from '../../campaigns/campaignTarget';
import { fetchContactLists } from '../../contacts/contactLists';
import { asNodeError, errorForItem, InputError, showValue } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import type { ItemContext } from '../../run/runContext';
import { waitOrAbort } from '../../transport/accountLimiter';
import type { KoreConnection } from '../../transport/connection';
import { accountQuery, enc, v2Url } from '../../transport/endpoints';
import { isPlainObject } from '../../transport/isPlainObject';
import type { KoreRequest } from '../../transport/request';
import { dryRunOption, optionsCollection, runSettingOptions } from '../common.descriptions';
import { defineOperation, showFor } from '../operation';

const RESOURCE = 'campaign';
const OPERATION = 'create';

/** Creates a campaign of one channel. */
export const createCampaignUrl = (c: KoreConnection, channel: CampaignChannel) =>
	v2Url(c, '', `${accountQuery(c)}&campaignType=${channel}`);

/** A campaign's status (Preparing, Ready, …). */
export const campaignStatusUrl = (c: KoreConnection, campaignId: string) =>
	v2Url(c, `${enc(campaignId)}/status`, `${accountQuery(c)}&view=status`);

/** How long Create waits at most for a new campaign to leave Preparing (Wait Until Ready). */
export const READY_WAIT_MS = 60_000;
/** How often it asks Kore for the status meanwhile. */
export const READY_POLL_MS = 3_000;

/** The wait's bound and pace: READY_WAIT_MS and READY_POLL_MS, shortened by tests. */
export const readyWait = { boundMs: READY_WAIT_MS, everyMs: READY_POLL_MS };

const IF_EXISTS = ['fail', 'useExisting'] as const;
type IfExists = (typeof IF_EXISTS)[number];

const voiceOnly = { campaignType: ['voice'] };

const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Spring Promo | Voice',
		description: `Name of the new campaign (at most ${MAX_CAMPAIGN_NAME} characters)`,
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Campaign Type',
		name: 'campaignType',
		type: 'options',
		default: 'voice',
		options: [
			{ name: 'Voice', value: 'voice', description: 'An agentless voice campaign' },
			{ name: 'SMS', value: 'sms', description: 'An SMS campaign with a plain-text message' },
		],
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Contact List Names or IDs',
		name: 'contactLists',
		type: 'multiOptions',
		default: [],
		required: true,
		typeOptions: { loadOptionsMethod: 'contactListNames' },
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The lists the campaign calls or texts. An expression gives their names as an array or as comma-separated text.',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'DNC List Name or ID',
		name: 'dncList',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: 'contactListNames' },
		description:
			'The Do Not Call list: contacts on it are never called. Required for a voice campaign; optional for SMS. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Caller ID',
		name: 'callerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123',
		description: 'The number contacts see, in E.164 form',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Calling Days',
		name: 'callingDays',
		type: 'multiOptions',
		default: ['MO', 'TU', 'WE', 'TH', 'FR'],
		options: CALLING_DAYS.map((d) => ({ name: d.name, value: d.code })),
		description: 'The days Kore.ai may call or text',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Calling Start',
		name: 'callingStart',
		type: 'string',
		default: '09:00',
		placeholder: '09:00',
		description: 'Start of the calling hours each calling day, 24-hour HH:mm',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Calling End',
		name: 'callingEnd',
		type: 'string',
		default: '18:00',
		placeholder: '18:00',
		description: 'End of the calling hours each calling day, 24-hour HH:mm (after the start)',
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Calling Timezone',
		name: 'callingTimezone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		description: "IANA timezone of the calling hours. Leave empty to use the workflow's timezone.",
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	{
		displayName: 'Experience Flow Name',
		name: 'experienceFlowName',
		type: 'string',
		default: '',
		required: true,
		description: 'The experience flow that runs each answered call',
		displayOptions: showFor(RESOURCE, OPERATION, voiceOnly),
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		description:
			'The text each contact receives (plain text; the node encodes it as Kore.ai wants)',
		displayOptions: showFor(RESOURCE, OPERATION, { campaignType: ['sms'] }),
	},
	optionsCollection(RESOURCE, OPERATION, [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description of the campaign (at most 256 characters)',
		},
		{
			displayName: 'Dialing Order',
			name: 'dialingOrder',
			type: 'options',
			default: 'FIFO',
			options: [
				{ name: 'FIFO', value: 'FIFO', description: 'Contacts added first are called first' },
				{ name: 'LIFO', value: 'LIFO', description: 'Contacts added last are called first' },
			],
			description: 'Voice only: which contacts are called first',
		},
		{
			displayName: 'If the Campaign Exists',
			name: 'ifExists',
			type: 'options',
			default: 'fail',
			options: [
				{
					name: 'Fail',
					value: 'fail',
					description: "Report an error naming the existing campaign's ID; nothing is created",
				},
				{
					name: 'Use Existing',
					value: 'useExisting',
					description:
						'Output the existing campaign (its settings unchanged) instead of creating one: "get or create"',
				},
			],
			description: 'What to do when the bot already has a voice or SMS campaign of this name',
		},
		{
			displayName: 'Machine Detection',
			name: 'machineDetection',
			type: 'options',
			default: 'no',
			options: [
				{ name: 'No', value: 'no', description: 'Do not detect answering machines' },
				{ name: 'Detect', value: 'detect', description: 'Detect answering machines' },
				{
					name: 'Disconnect',
					value: 'disconnect',
					description: 'Hang up when an answering machine answers',
				},
			],
			description: 'Voice only: what to do about answering machines',
		},
		numberOption('maxAttemptsPerRecord', 'Voice only: how often each contact is tried at most'),
		numberOption(
			'maxRingTime',
			'Voice only: how long a call rings before it counts as not answered',
		),
		numberOption('priority', "The campaign's priority (5 runs first)"),
		numberOption('retryPeriod', 'Voice only: minutes between attempts at one contact'),
		{
			displayName: 'Wait Until Ready',
			name: 'waitUntilReady',
			type: 'boolean',
			default: true,
			description: `Whether to wait (at most ${READY_WAIT_MS / 1000} s) until Kore.ai has prepared the campaign (status Ready), so that a following Start does not meet "Preparing"`,
		},
		dryRunOption,
		...runSettingOptions,
	]),
];

function numberOption(name: keyof typeof DIALING_NUMBERS, text: string): INodeProperties {
	const { label, min, max, default: value } = DIALING_NUMBERS[name];
	return {
		displayName: label,
		name,
		type: 'number',
		default: value,
		typeOptions: { minValue: min, maxValue: max, numberPrecision: 0 },
		description: `${text} (${min}–${max})`,
	};
}

interface Creation {
	campaign: NewCampaign;
	ifExists: IfExists;
	waitUntilReady: boolean;
	request: KoreRequest;
	dryRun: boolean;
}

/** What became of a name: a campaign that was there, one this run created, or why it failed. */
type CreationOutcome =
	| { existing: Listed[] }
	| { created: IDataObject; createdBy: number }
	| { error: unknown; createdBy?: number };

function ifExistsOf(value: unknown): IfExists {
	const found = IF_EXISTS.find((v) => v === (value ?? 'fail'));
	if (found === undefined)
		throw new InputError(
			`If the Campaign Exists: ${showValue(value)} is not supported; choose Fail or Use Existing.`,
			'options.ifExists',
		);
	return found;
}

/** The create call: not safe to repeat (a second create can make a second campaign). */
function createRequest(connection: KoreConnection, campaign: NewCampaign): KoreRequest {
	return {
		method: 'POST',
		url: createCampaignUrl(connection, campaign.channel),
		body: createBody(campaign),
		repeatable: false,
		label: `Creating ${campaign.channel === 'sms' ? 'SMS' : 'voice'} campaign ${JSON.stringify(campaign.name)}`,
		hints: {
			rejected:
				'Kore.ai did not create the campaign. Its message above says why (for example a name in use, a contact list, the caller ID or the calling hours).',
			maybeDone:
				'The campaign may have been created. Check with Get Many before running this item again, or run it with Options → If the Campaign Exists → Use Existing: it then outputs the campaign instead of creating a second one.',
		},
	};
}

/** The status call: a read. */
function statusRequest(connection: KoreConnection, campaignId: string): KoreRequest {
	return {
		method: 'POST',
		url: campaignStatusUrl(connection, campaignId),
		body: {},
		repeatable: true,
		label: `Reading the status of campaign ${campaignId}`,
	};
}

/**
 * Checks that every contact list (and the DNC list) exists, by name or by id, through the run's one
 * list call; returns the campaign with each list given by its name, as Kore's create wants.
 */
async function checkLists(run: ItemContext, campaign: NewCampaign): Promise<NewCampaign> {
	const { ctx, client, memo, itemIndex } = run;
	const { answer, first } = memo.share('contact lists', () => fetchContactLists(client, itemIndex));
	let records: Array<Record<string, unknown>>;
	try {
		records = await answer;
	} catch (error) {
		throw first ? error : errorForItem(ctx, error, itemIndex);
	}
	const nameOf = new Map<unknown, string>();
	for (const r of records) {
		if (typeof r.name !== 'string') continue;
		nameOf.set(r.name, r.name);
		for (const id of [r._id, r.id]) if (typeof id === 'string' && id !== '') nameOf.set(id, r.name);
	}
	const known = nameOf;
	const missing = campaign.contactLists.filter((name) => !known.has(name));
	const fix =
		'Names must match exactly: pick the lists from the dropdown, or create the list first (Contact List → Create). Nothing was created.';
	if (missing.length > 0)
		throw new NodeOperationError(
			ctx.getNode(),
			`Contact Lists: Kore.ai has no contact list named ${missing.map((n) => JSON.stringify(n)).join(', ')}.`,
			{ itemIndex, description: fix },
		);
	if (campaign.dncList !== undefined && !known.has(campaign.dncList))
		throw new NodeOperationError(
			ctx.getNode(),
			`DNC List: Kore.ai has no contact list named ${JSON.stringify(campaign.dncList)}.`,
			{ itemIndex, description: fix },
		);
	return {
		...campaign,
		contactLists: campaign.contactLists.map((list) => nameOf.get(list) as string),
		...(campaign.dncList !== undefined ? { dncList: nameOf.get(campaign.dncList) } : {}),
	};
}

/** The id and status in a create answer: voice answers `data.id`, SMS `data._id`. */
function readCreated(
	run: ItemContext,
	creation: Creation,
	answer: Record<string, unknown>,
): IDataObject {
	const { client, itemIndex } = run;
	const data = isPlainObject(answer.data) ? answer.data : {};
	const id = data.id ?? data._id;
	if (typeof id !== 'string' || id === '')
		throw client.unreadable(
			creation.request,
			"the new campaign's id (data.id or data._id)",
			answer,
			itemIndex,
			'The campaign was probably created: check with Get Many before running this item again, or run it with If the Campaign Exists → Use Existing.',
		);
	return {
		id,
		name: creation.campaign.name,
		type: creation.campaign.channel,
		status: typeof data.status === 'string' ? data.status : '',
		created: true,
		message: typeof answer.message === 'string' ? answer.message : '',
	};
}

/** Polls the new campaign's status until it is no longer Preparing, at most readyWait.boundMs;
 * the output says when it still is (or when its status could not be read). */
async function waitUntilReady(run: ItemContext, campaign: IDataObject): Promise<IDataObject> {
	const { client, itemIndex, stop } = run;
	const polls = Math.max(1, Math.ceil(readyWait.boundMs / readyWait.everyMs));
	let status = campaign.status;
	for (let poll = 0; poll < polls && (status === 'Preparing' || status === ''); poll++) {
		await waitOrAbort(readyWait.everyMs, stop);
		let answer: Record<string, unknown>;
		try {
			answer = await client.send(statusRequest(client.connection, String(campaign.id)), itemIndex);
		} catch (error) {
			return {
				...campaign,
				note: `The campaign was created, but its status could not be read (${(error as Error).message}). Check it with Get before starting it.`,
			};
		}
		const data = isPlainObject(answer.data) ? answer.data : {};
		if (typeof data.status === 'string') status = data.status;
	}
	if (status === 'Preparing' || status === '')
		return {
			...campaign,
			status: status === '' ? campaign.status : status,
			note: `Kore.ai was still preparing the campaign after ${Math.round(readyWait.boundMs / 1000)} s. Check it with Get (status Ready) before starting it.`,
		};
	return { ...campaign, status };
}

/** Looks the name up (the run's one campaign-list walk) and creates the campaign only when it is
 * not there; with Wait Until Ready, waits for it. */
async function findOrCreate(run: ItemContext, creation: Creation): Promise<CreationOutcome> {
	const { client, itemIndex } = run;
	try {
		// A campaign an earlier try of this run created is answered as then, not found as "existing".
		if (!client.sentBefore(creation.request)) {
			const existing = await campaignsNamed(run, creation.campaign.name);
			if (existing.length > 0) return { existing };
		}
		const answer = await client.send(creation.request, itemIndex);
		let created = readCreated(run, creation, answer);
		if (creation.waitUntilReady) created = await waitUntilReady(run, created);
		return { created, createdBy: itemIndex };
	} catch (error) {
		return { error };
	}
}

function existingJson(campaign: Listed): IDataObject {
	return {
		id: campaign.id,
		name: campaign.name,
		type: campaign.channel,
		status: typeof campaign.status === 'string' ? campaign.status : '',
		created: false,
	};
}

/** Create: a voice (agentless) or SMS campaign, or the one of that name. */
export const create = defineOperation<Creation>({
	resource: RESOURCE,
	option: {
		name: 'Create',
		value: OPERATION,
		description: 'Create a voice or SMS campaign on contact lists, or use the one of that name',
		action: 'Create a campaign',
	},
	description,
	prepare({ read, itemIndex, connection, workflowTimezone }) {
		const options = (read('options', itemIndex, {}) ?? {}) as IDataObject;
		const campaignType = read('campaignType', itemIndex, 'voice');
		const voice = campaignType === 'voice';
		const campaign = newCampaignOf(
			{
				name: read('name', itemIndex, ''),
				campaignType,
				contactLists: read('contactLists', itemIndex, []),
				dncList: read('dncList', itemIndex, ''),
				callerId: read('callerId', itemIndex, ''),
				callingDays: read('callingDays', itemIndex, WEEKDAY_CODES),
				callingStart: read('callingStart', itemIndex, '09:00'),
				callingEnd: read('callingEnd', itemIndex, '18:00'),
				callingTimezone: read('callingTimezone', itemIndex, ''),
				experienceFlowName: voice ? read('experienceFlowName', itemIndex, '') : undefined,
				message: voice ? undefined : read('message', itemIndex, ''),
				options,
			},
			workflowTimezone,
		);
		return {
			campaign,
			ifExists: ifExistsOf(options.ifExists),
			waitUntilReady: options.waitUntilReady !== false,
			dryRun: options.dryRun === true,
			request: createRequest(connection, campaign),
		};
	},
	// Rows of one run naming the same campaign share one look-up and at most one create.
	async execute(run, creation) {
		const { ctx, client, itemIndex, memo } = run;
		const { campaign } = creation;
		const summary = { operation: OPERATION, name: campaign.name, type: campaign.channel };
		if (creation.dryRun) return [dryRunJson(summary, creation.request, client)];
		// Each item's lists are its own: checked (and ids named) before the create is shared.
		const listsNamed = await checkLists(run, campaign);
		const checked = { ...creation, request: createRequest(client.connection, listsNamed) };
		const { answer } = memo.share(`create campaign ${campaign.name}`, () =>
			findOrCreate(run, checked),
		);
		const outcome = await answer;
		if ('error' in outcome) throw asNodeError(ctx, outcome.error, itemIndex);
		if ('created' in outcome && outcome.createdBy === itemIndex) return [outcome.created];
		const existing: Listed[] =
			'created' in outcome
				? [
						{
							id: String(outcome.created.id),
							name: campaign.name,
							channel: outcome.created.type as CampaignChannel,
							status: outcome.created.status,
						},
					]
				: outcome.existing;
		const byThisRun = 'created' in outcome ? ` by item ${outcome.createdBy} of this run` : '';
		const same = existing.filter((c) => c.channel === campaign.channel);
		if (creation.ifExists === 'useExisting' && existing.length === 1 && same.length === 1)
			return [
				{
					...existingJson(same[0]),
					...('created' in outcome ? { createdByItem: outcome.createdBy } : {}),
				},
			];
		const named = existing
			.map((c) => `${c.id} (${c.channel === 'sms' ? 'SMS' : 'voice'}, ${String(c.status)})`)
			.join(', ');
		throw new NodeOperationError(
			ctx.getNode(),
			`A campaign named ${JSON.stringify(campaign.name)} already exists${byThisRun}: ${named}; nothing was created.`,
			{
				itemIndex,
				description:
					creation.ifExists === 'useExisting'
						? `Use Existing outputs only a single ${campaign.channel === 'sms' ? 'SMS' : 'voice'} campaign of the name. Choose another Name, or use the campaign By ID.`
						: 'Choose another Name, or set Options → If the Campaign Exists to Use Existing to output the campaign that is there.',
			},
		);
	},
});
