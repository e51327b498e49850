'use strict';
// The stand-in's call-backs (POST B/{campaignInstanceId}/callContactAt), as Kore's page "Create a
// call back schedule" describes them: a body [{campaignDialingListId, timeToContact}] and an answer
// {status: "success", data: [{campaignDialingListId, status, reason}]}, one entry per row.
// Where the page is silent the stand-in decides:
// - the instances are the voice campaigns' current campaignInstanceId (a start issues a new one);
//   an unknown instance is HTTP 404 {status: "failure", message}: nothing is scheduled;
// - an instance's dialing-list entries are dialingListIds(entry): one per contact of its campaign;
// - a row refused is {status: "failed", reason}: "time_in_past" (Kore's sample) for a time not
//   after now, "dialing_list_entry_not_found" (the stand-in's own word) for an unknown entry; a
//   row scheduled is {status: "success", reason: ""};
// - the same entry twice (in one call or two) is scheduled twice: a test sees it as a contact rung
//   twice.

/** Kore's sample sends `2026-06-18T17:55:00Z`; milliseconds are accepted too. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The dialing-list entry ids of a voice campaign's current instance, one per contact:
 * `cid-000001-standin` with 3 contacts has `cdl-000001-standin-001` … `-003`.
 * @param {{channel: string, contacts: number, instanceId: string}} entry
 * @returns {string[]}
 */
function dialingListIds(entry) {
	if (entry.channel !== 'voice') return [];
	const stem = entry.instanceId.replace(/^cid-/, '');
	return Array.from(
		{ length: entry.contacts },
		(_, n) => `cdl-${stem}-${String(n + 1).padStart(3, '0')}`,
	);
}

/** Why a body is not the documented one, or undefined when it is. */
function bodyProblem(body) {
	if (!Array.isArray(body) || body.length === 0)
		return 'body must be a non-empty array of {campaignDialingListId, timeToContact}';
	for (const [i, row] of body.entries()) {
		const keys =
			row !== null && typeof row === 'object' && !Array.isArray(row) ? Object.keys(row) : [];
		if (
			keys.length !== 2 ||
			!keys.includes('campaignDialingListId') ||
			!keys.includes('timeToContact')
		)
			return `row ${i} must have exactly campaignDialingListId and timeToContact`;
		if (typeof row.campaignDialingListId !== 'string' || row.campaignDialingListId === '')
			return `row ${i}: campaignDialingListId must be a non-empty string`;
		if (
			typeof row.timeToContact !== 'string' ||
			!ISO_UTC.test(row.timeToContact) ||
			Number.isNaN(Date.parse(row.timeToContact))
		)
			return `row ${i}: timeToContact must be an ISO 8601 time in UTC, e.g. 2026-06-18T17:55:00Z`;
	}
	return undefined;
}

/**
 * Answers one call-back call: { answer } or { error, status }. Rows scheduled are appended to
 * `scheduled` as { campaignInstanceId, campaignDialingListId, timeToContact }.
 * @param {object[]} catalogue the stand-in's campaigns
 * @param {string} instanceId from the path
 * @param {unknown} body
 * @param {number} nowMs
 * @param {object[]} scheduled
 */
function callBack(catalogue, instanceId, body, nowMs, scheduled) {
	const problem = bodyProblem(body);
	if (problem !== undefined) return { error: problem, status: 400 };
	const entry = catalogue.find((c) => c.channel === 'voice' && c.instanceId === instanceId);
	if (entry === undefined)
		return { error: `Campaign instance ${instanceId} not found`, status: 404 };
	const known = new Set(dialingListIds(entry));
	const data = body.map(({ campaignDialingListId, timeToContact }) => {
		const refused = (reason) => ({ campaignDialingListId, status: 'failed', reason });
		if (!known.has(campaignDialingListId)) return refused('dialing_list_entry_not_found');
		if (Date.parse(timeToContact) <= nowMs) return refused('time_in_past');
		scheduled.push({ campaignInstanceId: instanceId, campaignDialingListId, timeToContact });
		return { campaignDialingListId, status: 'success', reason: '' };
	});
	return { answer: { status: 'success', data } };
}

module.exports = { callBack, dialingListIds };
