'use strict';
// The stand-in's campaigns and its answer to getAllCampaignDetails, as ../shared/kore-api.md
// describes Kore's: one channel per call (`type` required), limit/skip/page, filters.status,
// sortBy; voice results carry `_id`, SMS results `id`.

const STATUSES = [
	'Active',
	'Completed',
	'Ready',
	'Paused',
	'Preparing',
	'Stopped',
	'Scheduled',
	'Rescheduled',
];
const CHANNELS = ['voice', 'sms'];

/**
 * A campaign: its channel, and its record as Kore lists it (which does not name the channel).
 * `spec` is a name, or { name, type, status, priority, ... }. Dates are fixed (derived from the
 * index), so answers are the same on every run.
 */
function campaignRecord(spec, index) {
	const {
		name,
		type = 'voice',
		status = 'Ready',
		priority = 3,
		isSchedulingEnabled = false,
		isRecurrenceEnabled = false,
	} = typeof spec === 'string' ? { name: spec } : spec;
	const id = `${type === 'sms' ? 'sms' : 'cd'}-${String(index + 1).padStart(6, '0')}-standin`;
	const created = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
	return {
		channel: type,
		record: {
			...(type === 'sms' ? { id } : { _id: id }),
			name,
			description: `${name} (stand-in)`,
			status,
			priority,
			createdAt: created,
			updatedAt: created,
			schedule: { isSchedulingEnabled, isRecurrenceEnabled },
		},
	};
}

/** The default catalogue: 8 voice and 5 SMS campaigns, one per status and a few more. */
const DEFAULT_CAMPAIGNS = [
	...STATUSES.map((status, i) => ({
		name: `Spring Promo ${i + 1} | Voice`,
		type: 'voice',
		status,
		priority: (i % 5) + 1,
	})),
	{ name: 'Agentless Voice | Product Feedback | Jan 9', type: 'sms', status: 'Ready', priority: 2 },
	{
		name: 'Renewal Reminder | SMS',
		type: 'sms',
		status: 'Scheduled',
		priority: 1,
		isSchedulingEnabled: true,
		isRecurrenceEnabled: true,
	},
	{ name: 'Winback | SMS', type: 'sms', status: 'Paused', priority: 4 },
	{ name: 'Survey | SMS', type: 'sms', status: 'Completed', priority: 5 },
	{ name: 'Spring Promo | SMS', type: 'sms', status: 'Ready', priority: 3 },
];

const isWhole = (n) => Number.isInteger(n) && n >= 0;

/**
 * Answers one list call, or returns { error } with Kore-like wording for a malformed body.
 * @param {object[]} campaigns from campaignRecord
 */
function listCampaigns(campaigns, body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return { error: 'body must be a JSON object' };
	const allowed = ['type', 'limit', 'skip', 'page', 'startDate', 'endDate', 'sortBy', 'filters'];
	const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
	if (unknown.length > 0) return { error: `unknown field(s): ${unknown.join(', ')}` };
	if (!CHANNELS.includes(body.type)) return { error: 'type is required: "voice" or "sms"' };
	for (const key of ['limit', 'skip', 'page']) {
		if (body[key] !== undefined && !isWhole(body[key]))
			return { error: `${key} must be a whole number` };
	}
	const limit = body.limit ?? 10;
	if (limit < 1 || limit > 100) return { error: 'limit must be from 1 to 100' };
	const skip = body.skip ?? ((body.page ?? 1) - 1) * limit;
	const statuses = body.filters?.status;
	if (
		statuses !== undefined &&
		(!Array.isArray(statuses) || statuses.some((s) => !STATUSES.includes(s)))
	) {
		return { error: `filters.status must list values among ${STATUSES.join(' ')}` };
	}
	let matching = campaigns
		.filter((c) => c.channel === body.type)
		.map((c) => c.record)
		.filter((c) => statuses === undefined || statuses.length === 0 || statuses.includes(c.status));
	const [sortKey, direction] = Object.entries(body.sortBy ?? {})[0] ?? [];
	if (sortKey !== undefined) {
		if (!['name', 'createdAt'].includes(sortKey) || !['asc', 'desc'].includes(direction))
			return { error: 'sortBy must be {"name"|"createdAt": "asc"|"desc"}' };
		matching = [...matching].sort(
			(a, b) => a[sortKey].localeCompare(b[sortKey]) * (direction === 'asc' ? 1 : -1),
		);
	}
	const results = matching.slice(skip, skip + limit);
	return {
		answer: {
			status: 'success',
			message: 'Campaigns fetched successfully',
			data: {
				results,
				skip,
				limit,
				hasMore: skip + results.length < matching.length,
				totalPages: Math.ceil(matching.length / limit),
				totalResults: matching.length,
			},
		},
	};
}

module.exports = { STATUSES, DEFAULT_CAMPAIGNS, campaignRecord, listCampaigns };
