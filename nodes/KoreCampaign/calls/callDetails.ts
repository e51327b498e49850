import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withOutputs } from '../errors/errors';
import type { KoreClient } from '../transport/client';
import type { KoreConnection } from '../transport/connection';
import { enc } from '../transport/endpoints';
import { isPlainObject } from '../transport/isPlainObject';
import type { KoreRequest } from '../transport/request';
import type { CallItem, CallWindow } from './callWindows';
import {
	byStart,
	CALLS_PAGE_SIZE,
	callItem,
	contradictsTotal,
	koreUtcText,
	MAX_OFFSET,
	MAX_WINDOW_ROWS,
	narrowWindow,
	partsFor,
	spanWindows,
	totalOfFirstPage,
} from './callWindows';

/** Kore's call details (SmartAssist Analytics scope): one request, and the reader that gets every
 * call of a span with as few requests as it can. The choices it rests on: callWindows.ts. */

/** The API scope these calls need, as Kore names it. */
export const ANALYTICS_SCOPE = 'SmartAssist Analytics';

/** Where a user maps the scope, said once. */
export const ANALYTICS_SCOPE_ADVICE = `In the bot's App Settings > Dev Tools > API Scopes, add ${ANALYTICS_SCOPE} to the API scope this app (the credential's Client ID) is mapped to, or create an API scope with it and map the app, then publish the scope. The campaign and contact list operations need Campaign Management only.`;

/** Kore's `direction` values. */
export type KoreDirection = 'Outbound' | 'Inbound';

/** `POST {host}/agentassist/api/public/analytics/account/{accountId}/v2/interactionDetails`. */
export function callDetailsUrl(connection: KoreConnection, offset: number, limit: number): string {
	return `${connection.host}/agentassist/api/public/analytics/account/${enc(connection.accountId)}/v2/interactionDetails?offset=${offset}&limit=${limit}`;
}

/** One page of one window's calls (a read, safe to repeat). The `iId` header Kore's page names is
 * the credential's `iid` (the bot id): header names are not case-sensitive. */
export function callDetailsRequest(
	connection: KoreConnection,
	window: CallWindow,
	direction: KoreDirection,
	offset: number,
): KoreRequest {
	const startDate = koreUtcText(window.startSec);
	const endDate = koreUtcText(window.endSec);
	return {
		method: 'POST',
		url: callDetailsUrl(connection, offset, CALLS_PAGE_SIZE),
		body: {
			startDate,
			endDate,
			timeZoneOffset: 0,
			direction,
			selectedFields: ['campaigninfo', 'customerinfo'],
			channels: [],
			queues: [],
		},
		repeatable: true,
		label: `Call details ${startDate} to ${endDate} UTC (${direction.toLowerCase()}), page ${offset + 1}`,
		hints: {
			rejected:
				'Kore.ai did not accept the call details request. Its message above says why; check Start and End.',
		},
	};
}

/** Kore's page (`numResults`, `data`), or undefined when it is not one. */
export function readCallsPage(
	answer: Record<string, unknown>,
): { rows: Array<Record<string, unknown>>; numResults: unknown } | undefined {
	const data = answer.data;
	if (!Array.isArray(data) || !data.every(isPlainObject)) return undefined;
	return { rows: data, numResults: answer.numResults };
}

/** What to read: a span of call start times (seconds, both ends included), one or both
 * directions, and (optionally) how many calls, the oldest first, are wanted. */
export interface CallQuery {
	startSec: number;
	endSec: number;
	directions: KoreDirection[];
	/** Stop once this many calls are certain to be the oldest of the span; undefined: all. */
	limit?: number;
	/** Keep only rows this accepts (a campaign filter); the rest are read but not kept. */
	keep?: (call: CallItem) => boolean;
}

/** What a read came to: the calls (oldest first, each once), and its cost. */
export interface CallsRead {
	calls: CallItem[];
	requests: number;
	/** Windows read to the end (after narrowing). */
	windows: number;
}

/** A 401/403 on call details: the message names the scope, not just the status. */
function deniedError(node: INode, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const code = error.httpCode;
	if (code !== '401' && code !== '403') return error;
	// A 401 is also Kore's answer to a token it does not accept (wrong secret, expired JWT).
	const token = code === '401';
	const message = `Kore.ai refused call details (HTTP ${code}): the app needs the ${ANALYTICS_SCOPE} API scope${token ? ", or the credential's token was not accepted" : ''}`;
	const credentialAdvice =
		token && typeof error.description === 'string' && error.description !== ''
			? ` If the campaign operations fail with this credential too: ${error.description}`
			: '';
	return new NodeApiError(
		node,
		{ message, httpCode: code },
		{
			message,
			description: `${ANALYTICS_SCOPE_ADVICE}${credentialAdvice} Kore.ai said: ${error.message}`,
			httpCode: code,
			itemIndex,
		},
	);
}

/** Reads every call of the span: windows of at most 7 days, each read page by page and narrowed
 * when it holds more than Kore hands out (1,100 rows), de-duplicated by conversationId. */
export async function readCalls(
	node: INode,
	client: KoreClient,
	query: CallQuery,
	itemIndex: number,
): Promise<CallsRead> {
	const seen = new Map<string, CallItem>();
	const anonymous: CallItem[] = [];
	const cost = { requests: 0, windows: 0 };
	const found = () => [...seen.values(), ...anonymous].sort(byStart);
	const keep = query.keep ?? (() => true);
	try {
		for (const direction of query.directions) {
			// This direction's calls: its oldest `limit` are all the read needs of it.
			const ofDirection: CallItem[] = [];
			// Oldest first: a window's parts go to the front, in order.
			const pending = spanWindows(query.startSec, query.endSec);
			while (pending.length > 0) {
				const window = pending.shift() as CallWindow;
				const parts = await readWindow(node, client, window, direction, itemIndex, cost, (row) => {
					const call = callItem(row);
					if (!keep(call)) return;
					if (call.conversationId === '') anonymous.push(call);
					else if (!seen.has(call.conversationId)) seen.set(call.conversationId, call);
					else return;
					ofDirection.push(call);
				});
				if (parts !== undefined) {
					pending.unshift(...parts);
					continue;
				}
				cost.windows++;
				if (query.limit !== undefined) {
					// Every call of this direction that started before this window's end second is read.
					const before = window.endSec * 1000;
					const complete = ofDirection.filter(
						(c) => c.startedAt !== null && Date.parse(c.startedAt) < before,
					);
					if (complete.length >= query.limit) break;
				}
			}
		}
	} catch (error) {
		// The calls read so far, within the Limit as a finished read is.
		const read = found().slice(0, query.limit ?? Number.POSITIVE_INFINITY);
		throw withOutputs(deniedError(node, error, itemIndex), read as IDataObject[]);
	}
	const calls = found();
	return {
		calls: query.limit === undefined ? calls : calls.slice(0, query.limit),
		...cost,
	};
}

/** Reads one window page by page; returns its parts when it holds too many rows to read whole. */
async function readWindow(
	node: INode,
	client: KoreClient,
	window: CallWindow,
	direction: KoreDirection,
	itemIndex: number,
	cost: { requests: number },
	take: (row: Record<string, unknown>) => void,
): Promise<CallWindow[] | undefined> {
	let total: number | undefined;
	let rowsSoFar = 0;
	for (let offset = 0; offset <= MAX_OFFSET; offset++) {
		const request = callDetailsRequest(client.connection, window, direction, offset);
		cost.requests++;
		const answer = await client.send(request, itemIndex);
		const page = readCallsPage(answer);
		if (page === undefined)
			throw client.unreadable(
				request,
				'a page of call details (data)',
				answer,
				itemIndex,
				'If this keeps happening, Kore.ai may have changed its API (please report it).',
			);
		rowsSoFar += page.rows.length;
		for (const row of page.rows) take(row);
		if (offset === 0) {
			total = totalOfFirstPage(page.numResults, page.rows.length);
			if (total !== undefined && total > MAX_WINDOW_ROWS)
				return cutOrFail(node, window, partsFor(window, total), itemIndex);
		} else if (total !== undefined && contradictsTotal(total, rowsSoFar)) {
			total = undefined;
		}
		if (page.rows.length < CALLS_PAGE_SIZE) return undefined;
		if (total !== undefined && rowsSoFar >= total) return undefined;
	}
	// Eleven full pages: Kore may hold more than it hands out for this window.
	return cutOrFail(node, window, 2, itemIndex);
}

/** The window's parts, or an error when a single second holds more than Kore hands out. */
function cutOrFail(
	node: INode,
	window: CallWindow,
	parts: number,
	itemIndex: number,
): CallWindow[] {
	const cut = narrowWindow(window, parts);
	if (cut.length > 1) return cut;
	const message = `More than ${MAX_WINDOW_ROWS} calls started within ${koreUtcText(window.startSec)} to ${koreUtcText(window.endSec)} UTC: Kore.ai hands out at most ${MAX_WINDOW_ROWS} per request and a window this short cannot be cut further`;
	throw new NodeOperationError(node, message, {
		itemIndex,
		description:
			'Please report it with the time above; no Kore.ai call can read such a second whole.',
	});
}
