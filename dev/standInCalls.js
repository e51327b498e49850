'use strict';
// Call details for the stand-in (Kore's interactionDetails, SmartAssist Analytics scope): a
// generated, deterministic call history and the answer to one request, as kore-api.md says —
// a window of at most 7 days, offset 0..10, limit 1..100, startDate/endDate read with
// timeZoneOffset (minutes, sign inverted), newest first.
//
// `numResults` is the window's total (all pages): the node takes it so (calls/callWindows.ts).
// setCallsPaging({ numResults: 'page' }) makes it the page's count instead, 'absent' leaves it out.

const KORE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MAX_WINDOW_SECONDS = 7 * 24 * 3600;
const BODY_KEYS = [
	'startDate',
	'endDate',
	'timeZoneOffset',
	'direction',
	'selectedFields',
	'channels',
	'queues',
];

/**
 * The default history: 2027-01-01 to 2027-01-31 (UTC), 600 outbound calls spread over the month,
 * a busy week from 2027-01-04 with 2,500 more, and 60 inbound calls.
 */
const DEFAULT_CALLS = [
	{ from: '2027-01-01T00:00:00Z', days: 31, count: 600 },
	{ from: '2027-01-04T00:00:00Z', days: 7, count: 2500 },
	{ from: '2027-01-01T00:00:00Z', days: 31, count: 60, direction: 'Inbound' },
];

const OUTCOMES = [
	{ contactStatus: 'completed', finalStatus: 'Completed', dispositions: ['Interested'] },
	{ contactStatus: 'completed', finalStatus: 'Completed', dispositions: ['Call Back Later'] },
	{ contactStatus: 'completed', finalStatus: 'Completed', dispositions: ['Not Interested'] },
	{ contactStatus: 'no-answer', finalStatus: 'Abandoned', dispositions: [] },
	{ contactStatus: 'busy', finalStatus: 'Abandoned', dispositions: [] },
	{ contactStatus: 'voicemail', finalStatus: 'Completed', dispositions: ['Left Voicemail'] },
];

/** A small deterministic generator (numbers in [0, 1)). */
function seeded(seed) {
	let state = seed >>> 0 || 1;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const pad = (n, width) => String(n).padStart(width, '0');

/**
 * One call row as Kore's page shows it.
 * @param {object} spec { n, startMs, endMs (null: not finished), campaign {id, name},
 *   direction, outcome, attempt, phoneNumber, conversationId? }
 */
function callRow(spec) {
	const id = spec.conversationId ?? `c-${pad(spec.n, 7)}-standin`;
	const outcome = spec.outcome ?? OUTCOMES[0];
	const campaign = spec.campaign;
	return {
		conversationId: id,
		sessionId: `s-${id.slice(2)}`,
		channel: 'voice',
		Direction: spec.direction ?? 'Outbound',
		finalStatus: spec.endMs === null ? 'Active' : outcome.finalStatus,
		smartStatus: outcome.contactStatus,
		dispositions: outcome.dispositions,
		dispositionRemarks: outcome.dispositions.length > 0 ? [`${outcome.dispositions[0]} noted`] : [],
		sessionStartTime: new Date(spec.startMs).toISOString(),
		sessionEndTime: spec.endMs === null ? null : new Date(spec.endMs).toISOString(),
		customerinfo: { phoneNumber: spec.phoneNumber ?? `+1555${pad(spec.n % 10_000_000, 7)}` },
		campaigninfo:
			campaign === undefined
				? {}
				: {
						campaignName: campaign.name,
						campaignId: campaign.id,
						campaignInstanceId: campaign.instanceId ?? `cid-${campaign.id.slice(3)}-run1`,
						campaignDialingListId:
							campaign.dialingListIds?.length > 0
								? campaign.dialingListIds[spec.n % campaign.dialingListIds.length]
								: `cdl-${pad(spec.n, 7)}-standin`,
						attempt: spec.attempt ?? 1,
						contactStatus: outcome.contactStatus,
						campaignRunDate: new Date(spec.startMs).toISOString().slice(0, 10),
						contactListName: ['Spring Leads'],
					},
	};
}

/**
 * Rows for `specs` ({ from: ISO, days, count, direction?, seed? }), each start a whole second;
 * most calls fall between 09:00 and 18:00 UTC, as a dialling day would. Deterministic.
 * @param {object[]} specs
 * @param {Array<{id: string, name: string}>} campaigns the outbound calls' campaigns (round robin)
 */
function generateCalls(specs, campaigns) {
	const rows = [];
	let n = 0;
	specs.forEach((spec, k) => {
		const rand = seeded(spec.seed ?? (k + 1) * 7919);
		const fromSec = Math.floor(Date.parse(spec.from) / 1000);
		const direction = spec.direction ?? 'Outbound';
		for (let i = 0; i < spec.count; i++) {
			const day = Math.floor(rand() * spec.days);
			const inHours = rand() < 0.8;
			const second = inHours
				? 9 * 3600 + Math.floor(rand() * 9 * 3600)
				: Math.floor(rand() * 86400);
			const startMs = (fromSec + day * 86400 + second) * 1000;
			const outcome = OUTCOMES[Math.floor(rand() * OUTCOMES.length)];
			const durationMs = (outcome.contactStatus === 'completed' ? 60 : 20) * 1000;
			n++;
			rows.push(
				callRow({
					n,
					startMs,
					endMs: startMs + durationMs,
					campaign:
						direction === 'Outbound' && campaigns.length > 0
							? campaigns[n % campaigns.length]
							: undefined,
					direction,
					outcome,
					attempt: 1 + (n % 3),
				}),
			);
		}
	});
	return rows;
}

/** Kore's wall-clock text read with timeZoneOffset (minutes, sign inverted), as epoch seconds. */
function readWindowEdge(text, offsetMinutes) {
	const m = typeof text === 'string' ? KORE_DATE.exec(text) : null;
	if (m === null) return undefined;
	const [, y, mo, d, h, mi, s] = m.map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	const back = new Date(ms);
	if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
		return undefined;
	return ms / 1000 + offsetMinutes * 60;
}

/**
 * The answer to one call details request: { answer } or { error } (an HTTP 400's message).
 * @param {object[]} rows the history
 * @param {URLSearchParams} params the query (offset, limit)
 * @param {object} body
 * @param {{numResults?: 'total'|'page'|'absent'}} paging
 */
function callDetails(rows, params, body, paging = {}) {
	const keys = [...params.keys()];
	const offsetText = params.get('offset');
	const limitText = params.get('limit');
	if (
		keys.length !== 2 ||
		!/^\d+$/.test(offsetText ?? '') ||
		!/^\d+$/.test(limitText ?? '') ||
		params.getAll('offset').length !== 1 ||
		params.getAll('limit').length !== 1
	)
		return { error: 'query must be exactly offset and limit (whole numbers)' };
	const offset = Number(offsetText);
	const limit = Number(limitText);
	if (offset > 10) return { error: 'offset must be between 0 and 10' };
	if (limit < 1 || limit > 100) return { error: 'limit must be between 1 and 100' };
	if (
		body === null ||
		typeof body !== 'object' ||
		Array.isArray(body) ||
		Object.keys(body).length !== BODY_KEYS.length ||
		!BODY_KEYS.every((k) => k in body)
	)
		return { error: `body must have exactly ${BODY_KEYS.join(', ')}` };
	if (!Number.isInteger(body.timeZoneOffset))
		return { error: 'timeZoneOffset must be a whole number of minutes' };
	const start = readWindowEdge(body.startDate, body.timeZoneOffset);
	const end = readWindowEdge(body.endDate, body.timeZoneOffset);
	if (start === undefined || end === undefined)
		return { error: 'startDate and endDate must be in the format yyyy-mm-dd HH:mm:ss' };
	if (end < start) return { error: 'endDate must not be before startDate' };
	if (end - start > MAX_WINDOW_SECONDS)
		return { error: "The days' range can't be more than seven days" };
	if (body.direction !== 'Outbound' && body.direction !== 'Inbound')
		return { error: 'direction must be Outbound or Inbound' };
	for (const key of ['selectedFields', 'channels', 'queues']) {
		if (!Array.isArray(body[key]) || !body[key].every((v) => typeof v === 'string'))
			return { error: `${key} must be an array of strings` };
	}
	const inWindow = rows
		.filter((row) => {
			const second = Math.floor(Date.parse(row.sessionStartTime) / 1000);
			return row.Direction === body.direction && second >= start && second <= end;
		})
		.sort((a, b) =>
			a.sessionStartTime === b.sessionStartTime
				? a.conversationId < b.conversationId
					? 1
					: -1
				: a.sessionStartTime < b.sessionStartTime
					? 1
					: -1,
		);
	const fields = new Set(body.selectedFields);
	const data = inWindow.slice(offset * limit, offset * limit + limit).map((row) => {
		const copy = { ...row };
		if (!fields.has('campaigninfo')) delete copy.campaigninfo;
		if (!fields.has('customerinfo')) delete copy.customerinfo;
		return copy;
	});
	const mode = paging.numResults ?? 'total';
	const answer =
		mode === 'absent'
			? { data }
			: { numResults: mode === 'page' ? data.length : inWindow.length, data };
	return { answer };
}

module.exports = { callDetails, callRow, DEFAULT_CALLS, generateCalls, OUTCOMES };
