import type { INodeProperties } from 'n8n-workflow';

import { getMany as getManyCalls } from './call/getMany.operation';
import { create as createCampaign } from './campaign/create.operation';
import { deleteCampaign } from './campaign/delete.operation';
import { disableSchedule } from './campaign/disableSchedule.operation';
import { get as getCampaign } from './campaign/get.operation';
import { getMany as getManyCampaigns } from './campaign/getMany.operation';
import { getResults } from './campaign/getResults.operation';
import { schedule } from './campaign/schedule.operation';
import { scheduleCallback } from './campaign/scheduleCallback.operation';
import { start } from './campaign/start.operation';
import { stop } from './campaign/stop.operation';
import { addContacts } from './contactList/addContacts.operation';
import { create as createContactList } from './contactList/create.operation';
import { deleteList as deleteContactList } from './contactList/delete.operation';
import { get as getContactList } from './contactList/get.operation';
import { getContacts } from './contactList/getContacts.operation';
import { getMany as getManyContactLists } from './contactList/getMany.operation';
import type { KoreOperation, Resource } from './operation';

/** Every resource and its operations, in the order the editor lists them. */
const RESOURCES: Array<{ name: string; value: Resource; operations: KoreOperation[] }> = [
	{
		name: 'Campaign',
		value: 'campaign',
		// Schedule stays first: it is the default that workflows saved without an operation mean.
		operations: [
			schedule,
			disableSchedule,
			getCampaign,
			getManyCampaigns,
			getResults,
			start,
			stop,
			createCampaign,
			deleteCampaign,
			scheduleCallback,
		],
	},
	{
		name: 'Contact List',
		value: 'contactList',
		operations: [
			addContacts,
			createContactList,
			deleteContactList,
			getContactList,
			getContacts,
			getManyContactLists,
		],
	},
	{ name: 'Call', value: 'call', operations: [getManyCalls] },
];

export const OPERATIONS: KoreOperation[] = RESOURCES.flatMap((r) => r.operations);

/** The operation with this resource and value, if any. */
export function operationNamed(resource: unknown, value: unknown): KoreOperation | undefined {
	return OPERATIONS.find((o) => o.resource === resource && o.option.value === value);
}

/** Workflows saved before there were resources have none: theirs is Campaign. */
export const DEFAULT_RESOURCE: Resource = 'campaign';

/** The Resource dropdown. */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: DEFAULT_RESOURCE,
	options: RESOURCES.map(({ name, value }) => ({ name, value })),
};

/** One Operation dropdown per resource. */
export const operationProperties: INodeProperties[] = RESOURCES.map(({ value, operations }) => {
	const first = operations[0].option.value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		default: first,
		options: operations.map((operation) => operation.option),
	};
});

/** The node's subtitle: the chosen resource's operation, e.g. "Campaign: Schedule". */
export const subtitle = `={{ ${JSON.stringify(
	Object.fromEntries(
		RESOURCES.flatMap((r) =>
			r.operations.map((o) => [`${r.value}:${o.option.value}`, `${r.name}: ${o.option.name}`]),
		),
	),
)}[($parameter["resource"] || "${DEFAULT_RESOURCE}") + ":" + $parameter["operation"]] }}`;
