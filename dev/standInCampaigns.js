'use strict';
// The stand-in's campaigns and its answers about them, as Kore's API pages describe them:
// getAllCampaignDetails (one channel per call, `type` required, limit/skip/page, filters.status,
// sortBy; voice results carry `_id`, SMS results `id`), one campaign (GET B/{id}) and a voice
// campaign's per-contact results (POST B/{id}/status?view=contacts).

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

/** When the stand-in's fixed timeline starts: campaign n (0-based) is created n hours later. */
const EPOCH = Date.UTC(2026, 0, 1);

/** The id Kore would give a campaign of this channel; `index` is its place in creation order. */
function campaignId(type, index) {
	return `${type === 'sms' ? 'sms' : 'cd'}-${String(index + 1).padStart(6, '0')}-standin`;
}

/**
 * A campaign: its channel, its record as Kore lists it (which does not name the channel), and
 * what the stand-in keeps beside it: `contacts` (how many per-contact results a voice campaign
 * has) and `instanceId` (the campaignInstanceId its last start issued).
 * `spec` is a name, or { name, type, status, priority, contacts, createdAt, ... }. Dates are fixed
 * (derived from the index) unless the spec gives createdAt, so answers are the same on every run.
 */
function campaignRecord(spec, index) {
	const {
		name,
		type = 'voice',
		status = 'Ready',
		priority = 3,
		isSchedulingEnabled = false,
		isRecurrenceEnabled = false,
		contacts = type === 'voice' ? 3 : 0,
		createdAt,
	} = typeof spec === 'string' ? { name: spec } : spec;
	const id = campaignId(type, index);
	const created = createdAt ?? new Date(EPOCH + index * 3_600_000).toISOString();
	// Kore lists these per channel too; their values here are the stand-in's own.
	const channelFields =
		type === 'sms'
			? { totalMessagesSent: 0, campaignExecutionType: 'immediate', format: 'text' }
			: { dialingMode: 'Progressive', dncLists: { name: 'Stand-in DNC' }, contactLists: [] };
	return {
		channel: type,
		contacts,
		instanceId: `cid-${String(index + 1).padStart(6, '0')}-standin`,
		record: {
			...(type === 'sms' ? { id } : { _id: id }),
			name,
			description: `${name} (stand-in)`,
			status,
			priority,
			createdAt: created,
			updatedAt: created,
			campaignInstanceUpdatedAt: created,
			schedule: { isSchedulingEnabled, isRecurrenceEnabled },
			...channelFields,
		},
	};
}

/** A campaign's id, whichever field its channel puts it in. */
const idOf = (entry) => entry.record._id ?? entry.record.id;

/**
 * GET B/{campaignId}'s `data`: the documented fields, `_id` for both channels (Kore's page shows
 * `_id`), priority as the string Kore sends ("5"), no schedule dates.
 */
function campaignDetail(entry) {
	const r = entry.record;
	const common = {
		_id: idOf(entry),
		name: r.name,
		description: r.description,
		status: r.status,
		priority: String(r.priority),
	};
	const channel =
		entry.channel === 'sms'
			? {
					format: r.format,
					campaignExecutionType: r.campaignExecutionType,
					totalMessagesSent: r.totalMessagesSent,
					contactLists: [],
				}
			: {
					dialingMode: r.dialingMode,
					dialingStrategy: { type: 'Default', maxAttempts: 3, retryIntervalMinutes: 60 },
					contactLists: [...r.contactLists],
					dncLists: r.dncLists,
				};
	return {
		...common,
		...channel,
		schedule: { ...r.schedule },
		createdAt: r.createdAt,
		updatedAt: r.updatedAt,
	};
}

const OUTCOMES = [
	['Answered', 'Completed', 'Conversation completed'],
	['No Answer', 'Not Reached', 'No answer after all attempts'],
	['Busy', 'Not Reached', 'Line busy'],
	['Answered', 'Completed', 'Transferred to an agent'],
	['Failed', 'Failed', 'Invalid number'],
	['Voicemail', 'Not Reached', 'Answering machine detected'],
];

/** Contact n (0-based) of a voice campaign's results: the same on every run. */
function contactResult(entry, n) {
	const [dialerOutcome, botOutboundStatus, botOutboundStatusDetail] = OUTCOMES[n % OUTCOMES.length];
	const reached = dialerOutcome === 'Answered';
	return {
		phoneNumber: `+1555${String(n).padStart(7, '0')}`,
		uniqueId: `${idOf(entry)}-contact-${n + 1}`,
		dialerOutcome,
		numberOfAttemptsSoFar: (n % 3) + 1,
		botSessionId: reached ? `bs-${String(n + 1).padStart(6, '0')}-standin` : '',
		agentDispositionCodes: n % OUTCOMES.length === 3 ? ['Interested', 'Callback'] : [],
		botOutboundStatus,
		botOutboundStatusDetail,
	};
}

/** The faults a results answer can show (setResultsFaults); none by default. */
const RESULTS_FAULTS = ['emptyPages', 'withheld', 'overlap'];

/** Checks a results-faults object: only RESULTS_FAULTS, each as documented; returns it. */
function checkResultsFaults(faults) {
	const unknown = Object.keys(faults).filter((k) => !RESULTS_FAULTS.includes(k));
	if (unknown.length > 0) throw new Error(`unknown results fault(s): ${unknown.join(', ')}`);
	const { emptyPages = [], withheld = 0, overlap = 0 } = faults;
	if (!Array.isArray(emptyPages) || !emptyPages.every((p) => Number.isInteger(p) && p >= 1))
		throw new Error('emptyPages must list page numbers from 1');
	if (!isWhole(withheld) || !isWhole(overlap))
		throw new Error('withheld and overlap must be whole numbers');
	return faults;
}

/**
 * Answers one per-contact results call (voice only; the caller checked that), or returns
 * { error } for a malformed body: exactly { page (>= 1), limit (1-100) }, both whole numbers.
 * `faults` makes the pages misbehave while totalResults still counts every contact:
 * - emptyPages: these pages answer no results; the contacts move to the pages after them and
 *   totalPages counts the empty ones (an empty page in the middle, nothing lost);
 * - withheld: the last N contacts are never handed out (pages end short of totalResults);
 * - overlap: the pages after the first start N contacts early, so the last N of page 1 come
 *   again at the top of page 2 (as when the list shifts by N after the first call).
 */
function contactResults(entry, body, faults = {}) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return { error: 'body must be a JSON object with page and limit' };
	const keys = Object.keys(body).sort();
	if (keys.length !== 2 || keys[0] !== 'limit' || keys[1] !== 'page')
		return { error: 'body must have exactly page and limit' };
	if (!Number.isInteger(body.page) || body.page < 1)
		return { error: 'page must be a whole number from 1' };
	if (!Number.isInteger(body.limit) || body.limit < 1 || body.limit > 100)
		return { error: 'limit must be a whole number from 1 to 100' };
	const { page, limit } = body;
	const { emptyPages = [], withheld = 0, overlap = 0 } = faults;
	const empty = new Set(emptyPages);
	const total = entry.contacts;
	const handedOut = Math.max(0, total - withheld);
	// The page of contacts this page number shows once the empty pages before it are skipped.
	const dataPage = page - [...empty].filter((p) => p < page).length;
	const first = Math.max(0, (dataPage - 1) * limit - (dataPage > 1 ? overlap : 0));
	const count = empty.has(page) ? 0 : Math.max(0, Math.min(limit, handedOut - first));
	return {
		answer: {
			status: 'success',
			message: 'Campaign contacts fetched successfully',
			data: {
				results: Array.from({ length: count }, (_, i) => contactResult(entry, first + i)),
				page,
				limit,
				totalPages: Math.ceil(total / limit) + empty.size,
				totalResults: total,
			},
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
 * @param {number} [pageCap] a server-side cap: at most this many records per answer, whatever
 *   `limit` asked (0 or undefined: none); `skip` stays the offset, hasMore says whether more remain
 */
function listCampaigns(campaigns, body, pageCap) {
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
	const results = matching.slice(skip, skip + (pageCap > 0 ? Math.min(limit, pageCap) : limit));
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

/**
 * Answers DELETE B/{id}?campaignType=…, removing the campaign from `catalogue` (an array of
 * campaignRecord entries, changed in place), or returns { error, status }: an unknown id is 404,
 * a channel that is not the campaign's is 400, and a running (Active) campaign is refused with
 * 400 — the stand-in's reading of Kore's pages, which tell users to stop a campaign first.
 */
function deleteCampaign(catalogue, id, campaignType) {
	const entry = catalogue.find((c) => idOf(c) === id);
	if (entry === undefined) return { status: 404, error: `Campaign ${id} not found` };
	if (entry.channel !== campaignType)
		return { status: 400, error: `Campaign ${id} is not a ${campaignType} campaign` };
	if (entry.record.status === 'Active')
		return {
			status: 400,
			error: `Campaign ${entry.record.name} is Active and cannot be deleted; stop it first`,
		};
	catalogue.splice(catalogue.indexOf(entry), 1);
	return {
		answer: {
			status: 'success',
			message: `Campaign ${entry.record.name} deleted successfully`,
			data: { id },
		},
	};
}

const CREATE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const CREATE_E164 = /^\+\d{8,15}$/;
const TWELVE_HOUR = /^(1[0-2]|[1-9]):[0-5]\d (AM|PM)$/;
const MACHINE_DETECT = ['no', 'detect', 'disconnect'];

const isKnownZone = (zone) => {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
};
const minutesOf = (time) => {
	const [, h, m, half] = /^(\d+):(\d+) (AM|PM)$/.exec(time);
	return ((Number(h) % 12) + (half === 'PM' ? 12 : 0)) * 60 + Number(m);
};
const wholeIn = (n, min, max) => Number.isInteger(n) && n >= min && n <= max;

/**
 * Checks a create body as Kore's "Create Voice Campaign Agentless Mode v2" and "Create SMS Campaign
 * Without Template v2" pages describe it; returns the first problem, or undefined.
 * `listNamed(name)` tells whether a contact list of that name exists.
 */
function createBodyProblem(body, campaignType, listNamed) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return 'body must be a JSON object';
	const voice = campaignType === 'voice';
	const allowed = [
		'name',
		'description',
		'campaignType',
		'contactLists',
		'dncLists',
		'priority',
		'dialingStrategy',
		'schedule',
		...(voice
			? ['dialingMode', 'experienceFlowName', 'enableMachineDetect']
			: ['format', 'message']),
	];
	const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
	if (unknown.length > 0)
		return `unknown field(s) for a ${campaignType} campaign: ${unknown.join(', ')}`;
	if (typeof body.name !== 'string' || body.name.trim() === '') return 'name is required';
	if (body.name.length > 48) return 'name must be at most 48 characters';
	if (typeof body.description !== 'string') return 'description is required';
	if (body.description.length > 256) return 'description must be at most 256 characters';
	if (body.campaignType !== campaignType) return 'campaignType must match the query';
	if (!Array.isArray(body.contactLists) || body.contactLists.length === 0)
		return 'contactLists must name at least one contact list';
	const missing = body.contactLists.find((name) => typeof name !== 'string' || !listNamed(name));
	if (missing !== undefined) return `Contact list ${String(missing)} not found`;
	if (voice || body.dncLists !== undefined) {
		const dnc = body.dncLists;
		if (dnc === null || typeof dnc !== 'object' || typeof dnc.name !== 'string')
			return 'dncLists.name is required for a voice campaign';
		if (!listNamed(dnc.name)) return `DNC list ${dnc.name} not found`;
	}
	if (!['1', '2', '3', '4', '5'].includes(body.priority))
		return 'priority must be one of "1", "2", "3", "4", "5"';
	const d = body.dialingStrategy;
	if (d === null || typeof d !== 'object') return 'dialingStrategy is required';
	if (!CREATE_E164.test(d.callerId?.phoneNumber ?? ''))
		return 'dialingStrategy.callerId.phoneNumber must be E.164';
	const hours = d.callingHours;
	if (hours === null || typeof hours !== 'object')
		return 'dialingStrategy.callingHours is required';
	if (!['WEEKLY', 'DAILY', 'CUSTOM'].includes(hours.frequency))
		return 'callingHours.frequency must be WEEKLY, DAILY or CUSTOM';
	if (typeof hours.timezone !== 'string' || !isKnownZone(hours.timezone))
		return 'callingHours.timezone must be an IANA time zone';
	if (!Array.isArray(hours.days) || hours.days.length === 0) return 'callingHours.days is required';
	for (const day of hours.days) {
		if (!CREATE_DAYS.includes(day?.day)) return 'callingHours.days[].day must be MO…SU';
		if (!TWELVE_HOUR.test(day.start ?? '') || !TWELVE_HOUR.test(day.end ?? ''))
			return 'callingHours.days[].start and end must look like "9:00 AM"';
		if (minutesOf(day.end) <= minutesOf(day.start))
			return 'callingHours.days[].end must be after start';
	}
	if (body.schedule !== undefined && body.schedule?.isSchedulingEnabled !== false)
		return 'schedule.isSchedulingEnabled must be false';
	if (voice) {
		if (body.dialingMode !== 'Agentless') return 'dialingMode must be Agentless';
		if (!['FIFO', 'LIFO'].includes(d.dialingOrder)) return 'dialingOrder must be FIFO or LIFO';
		if (!wholeIn(d.maxAttemptsPerRecord, 1, 100)) return 'maxAttemptsPerRecord must be 1-100';
		if (!wholeIn(d.defaultRetryPeriod, 1, 1440)) return 'defaultRetryPeriod must be 1-1440';
		if (!wholeIn(d.maxRingTime, 5, 120)) return 'maxRingTime must be 5-120';
		if (typeof body.experienceFlowName !== 'string' || body.experienceFlowName === '')
			return 'experienceFlowName is required';
		if (!MACHINE_DETECT.includes(body.enableMachineDetect))
			return 'enableMachineDetect must be no, detect or disconnect';
	} else {
		if (body.format !== 'simple') return 'format must be "simple"';
		const text = body.message?.message;
		if (
			typeof text !== 'string' ||
			text === '' ||
			Buffer.from(text, 'base64').toString('base64') !== text
		)
			return 'message.message must be the text, base64-encoded';
	}
	return undefined;
}

/**
 * Answers POST B?campaignType=… (create), or returns { error, status }. The campaign joins
 * `catalogue` (campaignRecord entries, changed in place) as the `index`th campaign. Like Kore's
 * samples, a voice campaign answers `data.id` with status Preparing and an SMS one `data._id`
 * with status Ready. A voice campaign stays Preparing for `preparingPolls` status calls, then is
 * Ready (Infinity: it never is). A name already taken is refused (Kore's pages are silent).
 */
function createCampaign(
	catalogue,
	{ body, campaignType, listNamed, listId, index, preparingPolls },
) {
	const problem = createBodyProblem(body, campaignType, listNamed);
	if (problem !== undefined) return { status: 400, error: problem };
	if (catalogue.some((c) => c.record.name === body.name))
		return { status: 400, error: `Campaign name ${body.name} already exists` };
	const voice = campaignType === 'voice';
	const entry = campaignRecord(
		{
			name: body.name,
			type: campaignType,
			status: voice ? 'Preparing' : 'Ready',
			priority: Number(body.priority),
			createdAt: new Date().toISOString(),
		},
		index,
	);
	entry.record.description = body.description;
	entry.created = body;
	entry.preparingPolls = voice ? preparingPolls : 0;
	if (voice) {
		entry.record.contactLists = body.contactLists.map(listId);
		entry.record.dncLists = { name: body.dncLists.name };
	}
	catalogue.push(entry);
	const id = idOf(entry);
	return {
		answer: {
			status: 'success',
			message: `Campaign ${body.name} creation in progress`,
			data: voice ? { status: 'Preparing', id } : { status: 'Ready', _id: id },
		},
	};
}

/**
 * The status a status call (POST B/{id}/status?view=status) shows: a created voice campaign is
 * Preparing for its first `preparingPolls` calls, then Ready.
 */
function statusCall(entry) {
	if (entry.record.status === 'Preparing' && entry.preparingPolls !== undefined) {
		if (entry.preparingPolls > 0) entry.preparingPolls--;
		else {
			entry.record.status = 'Ready';
			entry.record.updatedAt = new Date().toISOString();
		}
	}
	return entry.record.status;
}

module.exports = {
	createCampaign,
	statusCall,
	deleteCampaign,
	STATUSES,
	checkResultsFaults,
	DEFAULT_CAMPAIGNS,
	campaignId,
	campaignRecord,
	campaignDetail,
	contactResults,
	idOf,
	listCampaigns,
};
