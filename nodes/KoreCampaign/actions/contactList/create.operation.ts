import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { contactListJson, contactListNamed, fetchContactLists } from '../../contacts/contactLists';
import { contactListNameOf, listDescriptionOf, MAX_LIST_NAME } from '../../contacts/contacts';
import { asNodeError, InputError, showValue } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import type { KoreClient } from '../../transport/client';
import type { KoreConnection } from '../../transport/connection';
import { v2Url } from '../../transport/endpoints';
import type { KoreRequest } from '../../transport/request';
import { dryRunOption, optionsCollection, runSettingOptions } from '../common.descriptions';
import { defineOperation, showFor } from '../operation';

export const createContactListUrl = (c: KoreConnection) =>
	v2Url(c, 'contactList/createContactList');

const RESOURCE = 'contactList';
const OPERATION = 'create';

const IF_EXISTS = ['fail', 'useExisting'] as const;
type IfExists = (typeof IF_EXISTS)[number];

const description: INodeProperties[] = [
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Leads 2027-03-01',
		description: `Name of the new contact list (at most ${MAX_LIST_NAME} characters). Add Contacts and campaigns find the list by this name.`,
		displayOptions: showFor(RESOURCE, OPERATION),
	},
	optionsCollection(RESOURCE, OPERATION, [
		{
			displayName: 'Allow Duplicates',
			name: 'allowDuplicates',
			type: 'boolean',
			default: false,
			description:
				"Whether the list may hold the same phone number more than once (Kore.ai's allowDuplicates)",
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description of the list (at most 256 characters)',
		},
		{
			displayName: 'If the List Exists',
			name: 'ifExists',
			type: 'options',
			default: 'fail',
			options: [
				{
					name: 'Fail',
					value: 'fail',
					description: 'Report an error for the item; nothing is created',
				},
				{
					name: 'Use Existing',
					value: 'useExisting',
					description:
						'Output the existing list (its settings unchanged) instead of creating one: "get or create"',
				},
			],
			description: 'What to do when the bot already has a contact list of this name',
		},
		dryRunOption,
		...runSettingOptions,
	]),
];

interface ListCreation {
	name: string;
	ifExists: IfExists;
	request: KoreRequest;
	dryRun: boolean;
}

function ifExistsOf(value: unknown): IfExists {
	const found = IF_EXISTS.find((v) => v === value);
	if (found === undefined) {
		throw new InputError(
			// Not the value "useExisting" itself.
			`If the List Exists: ${showValue(value)} is not supported; choose Fail or Use Existing.`,
			'options.ifExists',
		);
	}
	return found;
}

function allowDuplicatesOf(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InputError(
		`Allow Duplicates: ${showValue(value)} is not true or false.`,
		'options.allowDuplicates',
	);
}

/** The output for a list that was already there. */
function existingJson(record: Record<string, unknown>): IDataObject {
	return { ...contactListJson(record), created: false };
}

/** The list of a name as the run found or made it; or why that failed. */
type ListOutcome =
	| { record: Record<string, unknown>; created: false }
	| { record: Record<string, unknown>; created: true; message: string }
	| { error: unknown };

/** Finds the list by name (one read) and creates it only when it is not there. */
async function findOrCreate(
	creation: ListCreation,
	client: KoreClient,
	itemIndex: number,
): Promise<ListOutcome> {
	try {
		// A list an earlier try of this run created is answered as then, not found as "existing".
		const existing = client.sentBefore(creation.request)
			? undefined
			: contactListNamed(await fetchContactLists(client, itemIndex), creation.name);
		if (existing !== undefined) return { record: existing, created: false };
		let answer: Record<string, unknown>;
		try {
			answer = await client.send(creation.request, itemIndex);
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '400') {
				const meanwhile = contactListNamed(
					await fetchContactLists(client, itemIndex),
					creation.name,
				);
				if (meanwhile !== undefined) return { record: meanwhile, created: false };
			}
			return { error };
		}
		const data = answer.data as Record<string, unknown> | undefined;
		if (data === null || typeof data !== 'object' || typeof data._id !== 'string') {
			throw client.unreadable(
				creation.request,
				"the new list's id",
				answer,
				itemIndex,
				'Check the contact lists in Kore.ai (Contact List → Get Many) before running this item again, or run it with If the List Exists → Use Existing.',
			);
		}
		return {
			record: data,
			created: true,
			message: typeof answer.message === 'string' ? answer.message : '',
		};
	} catch (error) {
		return { error };
	}
}

/** Create: a contact list for API uploads (`source: "passiveApi"`). */
export const create = defineOperation<ListCreation>({
	resource: RESOURCE,
	option: {
		name: 'Create',
		value: OPERATION,
		description: 'Create a contact list, or use the one of that name',
		action: 'Create a contact list',
	},
	description,
	prepare({ read, itemIndex, connection }) {
		const name = contactListNameOf(
			read('listName', itemIndex, ''),
			'List Name',
			'listName',
			MAX_LIST_NAME,
		);
		const options = (read('options', itemIndex, {}) ?? {}) as IDataObject;
		const listDescription = listDescriptionOf(options.description);
		const body: IDataObject = {
			name,
			...(listDescription !== undefined ? { description: listDescription } : {}),
			source: 'passiveApi',
			allowDuplicates: allowDuplicatesOf(options.allowDuplicates),
		};
		return {
			name,
			ifExists: ifExistsOf(options.ifExists ?? 'fail'),
			dryRun: options.dryRun === true,
			request: {
				method: 'POST',
				url: createContactListUrl(connection),
				body,
				// A second create could make a second list of the same name.
				repeatable: false,
				label: `Creating contact list ${JSON.stringify(name)}`,
				hints: {
					rejected:
						'Kore.ai did not accept the list. Its message above says why; most often a list of this name already exists.',
					maybeDone:
						'The list may have been created. Run this item again with Options → If the List Exists → Use Existing: it then uses the list instead of creating a second one.',
				},
			},
		};
	},
	// Items of one run naming the same list share one look-up and at most one create.
	async execute({ ctx, client, itemIndex, memo }, creation) {
		const summary = { name: creation.name, ifExists: creation.ifExists };
		if (creation.dryRun) return [dryRunJson(summary, creation.request, client)];
		const { answer, first } = memo.share(`contactList:${creation.name}`, async () =>
			findOrCreate(creation, client, itemIndex),
		);
		const outcome = await answer;
		if ('error' in outcome) throw asNodeError(ctx, outcome.error, itemIndex);
		const { record } = outcome;
		if (first && outcome.created) {
			return [
				{
					...contactListJson(record),
					allowDuplicates:
						typeof record.allowDuplicates === 'boolean'
							? record.allowDuplicates
							: (creation.request.body as IDataObject).allowDuplicates,
					created: true,
					message: outcome.message,
				},
			];
		}
		if (creation.ifExists === 'useExisting') return [existingJson(record)];
		throw new NodeOperationError(
			ctx.getNode(),
			`Contact list ${JSON.stringify(creation.name)} already exists (${String(record._id ?? record.id ?? 'no id')}); nothing was created.`,
			{
				itemIndex,
				description:
					'Choose another List Name, or set Options → If the List Exists to Use Existing to add to the list that is there.',
			},
		);
	},
});
