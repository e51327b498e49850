/** Call details (Kore's interactionDetails), the pure part: how a span is cut into the windows
 * Kore accepts, how a window that holds too many calls is narrowed, and how a row becomes an item.
 * Every choice about Kore's undocumented behaviour is here, in one place:
 *
 * - Windows are inclusive at both ends, to the second, and adjacent windows share their edge
 *   second: a call in that second is read by both (or by one, whichever end Kore includes) and
 *   comes out once, as rows are de-duplicated by conversationId.
 * - `numResults` is taken to be the window's total (all pages), as a count is in Kore's other
 *   list answers. A page that contradicts it (fewer than the rows already handed out) or a full
 *   first page that says no more than itself (a page count, not a total) turns it off for that
 *   window, and the reader falls back to paging until a short page; 11 full pages mean the window
 *   is full and it is cut in two.
 * - Times are sent and read in UTC (`timeZoneOffset: 0`); a time Kore gives without an offset is
 *   read as UTC.
 */

/** Kore's widest window: 7 days. */
export const MAX_WINDOW_SECONDS = 7 * 24 * 3600;

/** Rows per page: the most Kore's `limit` allows. */
export const CALLS_PAGE_SIZE = 100;

/** The last page Kore hands out (`offset` counts pages and stops at 10). */
export const MAX_OFFSET = 10;

/** The most rows one window can give: 11 pages of 100. */
export const MAX_WINDOW_ROWS = (MAX_OFFSET + 1) * CALLS_PAGE_SIZE;

/** When a window's total is over MAX_WINDOW_ROWS, it is cut into parts meant to hold about this
 * many each (below the cap, so that an uneven spread seldom needs a second cut). */
export const NARROW_TARGET_ROWS = 900;

/** A window of call start times, in whole seconds since the epoch, both ends included. */
export interface CallWindow {
	startSec: number;
	endSec: number;
}

/** The windows Kore accepts for a span (seconds, both ends included), oldest first: each at most
 * 7 days, each starting at the second the previous one ends. */
export function spanWindows(startSec: number, endSec: number): CallWindow[] {
	if (endSec < startSec) return [];
	const windows: CallWindow[] = [];
	let from = startSec;
	for (;;) {
		const to = Math.min(endSec, from + MAX_WINDOW_SECONDS);
		windows.push({ startSec: from, endSec: to });
		if (to >= endSec) return windows;
		from = to;
	}
}

/** How many parts a window whose total is `total` is cut into: enough for NARROW_TARGET_ROWS
 * each, at least 2, and no more than it has seconds. */
export function partsFor(window: CallWindow, total: number): number {
	const seconds = window.endSec - window.startSec;
	return Math.max(2, Math.min(Math.ceil(total / NARROW_TARGET_ROWS), seconds));
}

/** A window cut into `parts` (at least 2) of near-equal length, oldest first, adjacent parts
 * sharing their edge second; a window of one second cannot be cut and comes back alone. */
export function narrowWindow(window: CallWindow, parts: number): CallWindow[] {
	const seconds = window.endSec - window.startSec;
	const count = Math.min(Math.max(2, Math.floor(parts)), seconds);
	if (count < 2) return [window];
	const edges = Array.from(
		{ length: count + 1 },
		(_, i) => window.startSec + Math.round((seconds * i) / count),
	);
	return edges.slice(0, -1).map((startSec, i) => ({ startSec, endSec: edges[i + 1] }));
}

/** What a window's first page says of its total: `numResults` when it can be the total. */
export function totalOfFirstPage(numResults: unknown, rows: number): number | undefined {
	if (typeof numResults !== 'number' || !Number.isInteger(numResults)) return undefined;
	if (numResults < rows) return undefined;
	// A full page saying exactly its own size may be a page count: it proves no total.
	if (rows === CALLS_PAGE_SIZE && numResults === rows) return undefined;
	return numResults;
}

/** Whether a later page contradicts the total (it handed out more than the total counts). */
export function contradictsTotal(total: number, rowsSoFar: number): boolean {
	return rowsSoFar > total;
}

/** How many pages the window needs for `total` rows (at most 11). */
export function pagesFor(total: number): number {
	return Math.min(MAX_OFFSET + 1, Math.max(1, Math.ceil(total / CALLS_PAGE_SIZE)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A second as Kore's `yyyy-mm-dd HH:mm:ss`, in UTC. */
export function koreUtcText(sec: number): string {
	const d = new Date(sec * 1000);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const KORE_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;

/** A time as Kore may give it, as epoch milliseconds: ISO with an offset, `yyyy-mm-dd HH:mm:ss`
 * (UTC, as asked), or epoch milliseconds; undefined when absent or unreadable. */
export function readKoreTime(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const bare = KORE_TEXT.exec(text);
	if (bare) {
		const [, y, mo, d, h, mi, s, fraction] = bare;
		const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + Math.round(Number(fraction ?? 0) * 1000);
		return Number.isNaN(ms) ? undefined : ms;
	}
	if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

/** One call as the node outputs it. */
export interface CallItem {
	[key: string]: string | number | null | unknown[];
	conversationId: string;
	sessionId: string;
	channel: string;
	direction: string;
	startedAt: string | null;
	endedAt: string | null;
	phoneNumber: string;
	campaignId: string;
	campaignName: string;
	campaignInstanceId: string;
	campaignDialingListId: string;
	attempt: number | null;
	contactStatus: string;
	dispositions: unknown[];
	dispositionRemarks: unknown[];
	finalStatus: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const iso = (value: unknown): string | null => {
	const ms = readKoreTime(value);
	return ms === undefined ? null : new Date(ms).toISOString();
};

/** A row of Kore's answer as one item: its call, its customer's number and its campaign. */
export function callItem(row: Record<string, unknown>): CallItem {
	const campaign = isObject(row.campaigninfo) ? row.campaigninfo : {};
	const customer = isObject(row.customerinfo) ? row.customerinfo : {};
	const attempt = Number(campaign.attempt);
	return {
		conversationId: text(row.conversationId),
		sessionId: text(row.sessionId),
		channel: text(row.channel),
		direction: text(row.Direction ?? row.direction).toLowerCase(),
		startedAt: iso(row.sessionStartTime),
		endedAt: iso(row.sessionEndTime),
		phoneNumber: text(customer.phoneNumber ?? customer.phone ?? row.phoneNumber),
		campaignId: text(campaign.campaignId),
		campaignName: text(campaign.campaignName),
		campaignInstanceId: text(campaign.campaignInstanceId),
		campaignDialingListId: text(campaign.campaignDialingListId),
		attempt:
			campaign.attempt === undefined || campaign.attempt === null || !Number.isFinite(attempt)
				? null
				: attempt,
		contactStatus: text(campaign.contactStatus),
		dispositions: Array.isArray(row.dispositions) ? row.dispositions : [],
		dispositionRemarks: Array.isArray(row.dispositionRemarks) ? row.dispositionRemarks : [],
		finalStatus: text(row.finalStatus),
	};
}

/** Calls oldest first (by start, then conversationId); calls without a start last. */
export function byStart(a: CallItem, b: CallItem): number {
	const ta = a.startedAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.startedAt);
	const tb = b.startedAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.startedAt);
	if (ta !== tb) return ta < tb ? -1 : 1;
	return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}
