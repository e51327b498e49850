import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fetchContactLists } from '../contacts/contactLists';
import { asNodeError } from '../errors/errors';
import { DEFAULT_CLIENT_SETTINGS, KoreClient } from '../transport/client';
import { KoreCredentialError } from '../transport/connection';

/** The contact list picker's list (From List). */
export async function searchContactLists(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await KoreClient.open(this, DEFAULT_CLIENT_SETTINGS);
	if (client instanceof KoreCredentialError) throw asNodeError(this, client, 0);
	const search = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const record of await fetchContactLists(client, 0)) {
		const name = typeof record.name === 'string' ? record.name : '';
		if (name === '' || (search !== '' && !name.toLowerCase().includes(search))) continue;
		const count = typeof record.totalRecordCount === 'number' ? record.totalRecordCount : '?';
		results.push({
			name: `${name} · ${count} contacts · ${String(record.status ?? 'unknown status')}`,
			value: name,
		});
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** The contact lists' names as options (Campaign → Create's Contact Lists and DNC List). */
export async function contactListNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const client = await KoreClient.open(this, DEFAULT_CLIENT_SETTINGS);
	if (client instanceof KoreCredentialError) throw asNodeError(this, client, 0);
	const names = (await fetchContactLists(client, 0))
		.map((record) => (typeof record.name === 'string' ? record.name : ''))
		.filter((name) => name !== '');
	return [...new Set(names)]
		.sort((a, b) => a.localeCompare(b))
		.map((name) => ({ name, value: name }));
}
