import type { INodeProperties } from 'n8n-workflow';

import { contactListJson, fetchContactLists } from '../../contacts/contactLists';
import { wholeNumber } from '../../run/parameters';
import { optionsCollection, runSettingOptions, returnAllAndLimit } from '../common.descriptions';
import { defineOperation } from '../operation';

const RESOURCE = 'contactList';
const OPERATION = 'getMany';

/** Largest Limit: Get Many returns at most this many lists unless Return All is on. */
const MAX_LIMIT = 10_000;

const description: INodeProperties[] = [
	...returnAllAndLimit(RESOURCE, OPERATION, MAX_LIMIT),
	optionsCollection(RESOURCE, OPERATION, runSettingOptions),
];

/** Get Many: the bot's contact lists, one output item per list, in Kore's order. */
export const getMany = defineOperation<{ limit?: number }>({
	resource: RESOURCE,
	option: {
		name: 'Get Many',
		value: OPERATION,
		description: "List the bot's contact lists with their contact counts",
		action: 'Get many contact lists',
	},
	description,
	prepare({ read, itemIndex }) {
		if (read('returnAll', itemIndex, false) === true) return {};
		return { limit: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT) };
	},
	// Kore answers every list in one call (its page documents no paging), so Limit only cuts the
	// answer: the call is the same either way.
	async execute({ client, itemIndex }, { limit }) {
		const records = await fetchContactLists(client, itemIndex);
		return records.slice(0, limit ?? records.length).map(contactListJson);
	},
});
