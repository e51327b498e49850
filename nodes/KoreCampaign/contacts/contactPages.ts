import type { KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { accountQuery, enc, v2Url } from '../transport/endpoints';
import { isPlainObject } from '../transport/isPlainObject';
import type { KoreRequest } from '../transport/request';

/** Reading a contact list's contacts page by page (Kore's getAllContacts). Kore documents the answer
 * (`data.results`, `skip`, `limit`, `hasMore`) but not the paging parameters: the node sends the
 * answer's own names, `skip` (contacts handed out so far) and `limit`, as query parameters — here
 * and nowhere else, so a correction is one place. */

/** Contacts asked for per call. */
export const CONTACTS_PAGE_SIZE = 100;

/** No walk reads more pages than this: every loop is bounded (100,000 contacts at full pages). */
export const MAX_CONTACT_PAGES = 1_000;

/** `GET B/contactList/{id}/getAllContacts?accountId=…&skip=…&limit=…`. */
export function contactsPageRequest(
	connection: KoreConnection,
	listId: string,
	skip: number,
	limit: number,
	page: number,
): KoreRequest {
	return {
		method: 'GET',
		url: v2Url(
			connection,
			`contactList/${enc(listId)}/getAllContacts`,
			`${accountQuery(connection)}&skip=${skip}&limit=${limit}`,
		),
		repeatable: true,
		label: `Reading contacts of list ${listId}, page ${page}`,
		hints: {
			notFound:
				"Kore.ai has no contact list with this ID for this bot. Check the ID (Contact List → Get Many lists them) and the credential's Bot ID.",
		},
	};
}

/** Kore's contacts answer (`data.results`, `data.hasMore`), or undefined when it is not one. */
export function readContactsPage(
	answer: Record<string, unknown>,
): { results: Array<Record<string, unknown>>; hasMore: boolean } | undefined {
	const data = answer.data;
	if (!isPlainObject(data) || !Array.isArray(data.results) || !data.results.every(isPlainObject))
		return undefined;
	return { results: data.results, hasMore: data.hasMore === true };
}

/** A contact's id in Kore's answer (`_id`, `cc-…`). */
export function contactIdOf(record: Record<string, unknown>): string {
	const id = record._id ?? record.id;
	return typeof id === 'string' ? id : '';
}

/** Walks one list's contacts: advances by what each page handed out, drops a contact already
 * handed out (by `_id`), ends on a page saying no more (or an empty one) or at MAX_CONTACT_PAGES. */
export class ContactPager {
	private readonly seen = new Set<string>();
	private finished = false;
	/** Kore handed out only contacts it had handed out before: paging does not advance. */
	stalled = false;
	/** Contacts Kore handed out so far: the next call's `skip`. */
	skip = 0;
	pagesRead = 0;

	constructor(
		private readonly client: KoreClient,
		readonly listId: string,
		/** Contacts asked for per call. */
		readonly pageSize = CONTACTS_PAGE_SIZE,
	) {}

	get done(): boolean {
		return this.finished || this.pagesRead >= MAX_CONTACT_PAGES;
	}

	/** Whether the walk stopped at its bound with more left in Kore's list. */
	get cutShort(): boolean {
		return !this.finished && this.pagesRead >= MAX_CONTACT_PAGES;
	}

	/** The request for the next page. */
	nextRequest(): KoreRequest {
		return contactsPageRequest(
			this.client.connection,
			this.listId,
			this.skip,
			this.pageSize,
			this.pagesRead + 1,
		);
	}

	/** The next page's contacts not handed out before; [] once done. Throws the call's error. */
	async next(itemIndex: number): Promise<Array<Record<string, unknown>>> {
		if (this.done) return [];
		const request = this.nextRequest();
		const answer = await this.client.send(request, itemIndex);
		const page = readContactsPage(answer);
		if (page === undefined)
			throw this.client.unreadable(request, 'a page of contacts (data.results)', answer, itemIndex);
		this.skip += page.results.length;
		this.pagesRead++;
		// An empty page that still says "more" would never end: take it as the end.
		if (!page.hasMore || page.results.length === 0) this.finished = true;
		const fresh: Array<Record<string, unknown>> = [];
		for (const record of page.results) {
			// A contact without an id cannot be told from another: it is handed out as it comes.
			const id = contactIdOf(record);
			if (id !== '') {
				if (this.seen.has(id)) continue;
				this.seen.add(id);
			}
			fresh.push(record);
		}
		// A full page of repeats: Kore did not take `skip`, and asking again would bring the same.
		if (fresh.length === 0 && page.results.length > 0 && page.hasMore) {
			this.stalled = true;
			this.finished = true;
		}
		return fresh;
	}
}
