'use strict';
// A stand-in for Kore.ai's Campaign Management API, for tests, the e2e suite and `npm start`.
// It listens on 127.0.0.1 only, checks every request the way Kore's API pages describe (JWT
// signature and claims, auth/accountId/iid headers, path, query, body shape), answers like Kore,
// records what it received, and can be told to misbehave.
//
// Routes: ROUTES below, one entry each (name for failRoute() and callsTo(), method, path, query,
// handler). Every one checks the JWT and the auth/accountId/iid headers (the botId in the v1 and 1.1 paths
// too), takes the query and body exactly as documented (anything else: HTTP 400
// {status:"failure", message}), and answers an unknown path with 404 {errors:[{msg, code}]}.
// An unknown campaign or list id is HTTP 404 {status:"failure", message:"Campaign <id> not found"}.
// Body-less calls (the GETs, DELETE, getAllListDetails) may leave out Content-Type.
//
// State lives here between calls until reset(): the campaigns (status, dates, start count), the
// contact lists and their contacts. Where Kore's pages are silent the stand-in decides, and says
// so beside the code: stopping a stopped campaign, starting a running one, a second contact list
// of the same name, paging of getAllContacts, deleting a list in use, addContacts taking effect at
// once, and call-backs (standInCallBacks.js).
//
// Test-only routes, never under Kore's paths, neither checked nor recorded nor subject to faults,
// so that a separately running n8n scenario can change what the polling trigger sees:
//   POST   /__standin/campaigns                 body: a campaign spec → addCampaign(spec)
//   POST   /__standin/campaigns/{idOrName}      body {status, at?} → setCampaignStatus(…)
//   DELETE /__standin/campaigns/{idOrName}      → removeCampaign(idOrName)
//   POST   /__standin/calls                     body: a call spec → addCall(spec)
// They answer 200 {ok: true, …} or 400/404 {ok: false, error}.
//
// Plain CommonJS so that jest, the e2e runner and the demo scripts can all load it as it is.

const http = require('node:http');
const { createHmac, randomUUID, timingSafeEqual } = require('node:crypto');

const {
	campaignDetail,
	campaignRecord,
	checkResultsFaults,
	contactResults,
	createCampaign,
	DEFAULT_CAMPAIGNS,
	deleteCampaign,
	idOf,
	listCampaigns,
	statusCall,
	STATUSES,
} = require('./standInCampaigns');
const { createContactListStore, DEFAULT_CONTACT_LISTS } = require('./standInContactLists');
const { callBack, dialingListIds } = require('./standInCallBacks');
const { callDetails, callRow, DEFAULT_CALLS, generateCalls } = require('./standInCalls');

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const KORE_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const RATE_LIMIT_MESSAGE =
	"You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";

/** The route a request takes: { name, streamId, id (campaign or list id), bodyless }, or undefined. */
function routeOf(method, url) {
	for (const route of ROUTES) {
		const match = route.method === method ? route.path.exec(url.pathname) : null;
		if (match && (route.when === undefined || route.when(url))) {
			return {
				entry: route,
				name: route.name,
				streamId: decodeURIComponent(match[1]),
				id: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
				bodyless: route.bodyless === true,
				accountInPath: route.accountInPath === true,
			};
		}
	}
	return undefined;
}

class Rejection extends Error {
	constructor(status, body) {
		super(typeof body === 'object' ? JSON.stringify(body) : String(body));
		this.status = status;
		this.body = body;
	}
}

const authError = (msg, code = 401) => new Rejection(401, { errors: [{ msg, code }] });
const badRequest = (message) => new Rejection(400, { status: 'failure', message });
const notFound = (message) => new Rejection(404, { status: 'failure', message });
/** In an expected query: "the caller's account id" (the accountId header's value). */
const ACCOUNT = Symbol('accountId');

const B = '/campaign/api/v2/public/([^/]+)/campaign';
const path = (text) => new RegExp(`^${text}$`);
const CONTROL_PATH = /^\/__standin\/campaigns(?:\/([^/]+))?$/;
const CALLS_CONTROL_PATH = /^\/__standin\/calls$/;

/**
 * Kore's routes, one entry each: `when` tells apart routes sharing a path, `query` is the exact
 * query (checked before `handle`), `bodyless` lets Content-Type be left out.
 * `handle(s, call)` answers with the stand-in's internals `s`.
 */
const ROUTES = [
	{
		name: 'schedule',
		method: 'POST',
		path: path(`${B}/schedule`),
		handle: (s, { url, body, claims }) => s.handleSchedule(url, body, claims),
	},
	{
		name: 'list',
		method: 'POST',
		path: path(`${B}/getAllCampaignDetails`),
		query: { accountId: ACCOUNT },
		handle: (s, { body, claims }) => {
			const listed = s.state.catalogue.filter((c) => !c.unlisted);
			const { answer, error } = listCampaigns(listed, body, s.state.listPageCap);
			if (error !== undefined) throw badRequest(error);
			return { status: 200, body: answer, claims };
		},
	},
	{
		name: 'get',
		method: 'GET',
		path: path(`${B}/([^/]+)`),
		bodyless: true,
		query: { accountId: ACCOUNT },
		handle: (s, { body, route, claims }) => {
			if (!isEmptyBody(body)) throw badRequest('a GET takes no body');
			const entry = s.campaignById(route.id);
			const answer = {
				status: 'success',
				message: 'Campaign fetched successfully',
				data: campaignDetail(entry),
			};
			return { status: 200, body: answer, claims };
		},
	},
	{
		name: 'start',
		method: 'POST',
		path: path('/campaign/api/v1/public/([^/]+)/campaign/([^/]+)'),
		when: (url) => url.searchParams.get('trigger') !== 'stop',
		query: { campaignType: ['voice', 'sms'], trigger: ['play', 'stop'] },
		handle: (s, call) => s.handleTrigger(call),
	},
	{
		name: 'stop',
		method: 'POST',
		path: path('/campaign/api/v1/public/([^/]+)/campaign/([^/]+)'),
		when: (url) => url.searchParams.get('trigger') === 'stop',
		query: { campaignType: ['voice', 'sms'], trigger: ['play', 'stop'] },
		handle: (s, call) => s.handleTrigger(call),
	},
	{
		name: 'results',
		method: 'POST',
		path: path(`${B}/([^/]+)/status`),
		when: (url) => url.searchParams.get('view') === 'contacts',
		// Kore's page sends no accountId here.
		query: { view: 'contacts' },
		handle: (s, { body, route, claims }) => {
			const entry = s.campaignById(route.id);
			if (entry.channel !== 'voice')
				throw badRequest('Per-contact results are available for voice campaigns only');
			const { answer, error } = contactResults(entry, body, s.state.resultsFaults);
			if (error !== undefined) throw badRequest(error);
			return { status: 200, body: answer, claims };
		},
	},
	{
		name: 'status',
		method: 'POST',
		path: path(`${B}/([^/]+)/status`),
		when: (url) => url.searchParams.get('view') !== 'contacts',
		query: { accountId: ACCOUNT, view: 'status' },
		handle: (s, { body, route, claims }) => {
			requireEmptyObject(body);
			const entry = s.campaignById(route.id);
			const status = statusCall(entry);
			const { name } = entry.record;
			return {
				status: 200,
				body: { status: 'success', data: { id: idOf(entry), status, name } },
				claims,
			};
		},
	},
	{
		name: 'create',
		method: 'POST',
		path: path(B),
		query: { accountId: ACCOUNT, campaignType: ['voice', 'sms'] },
		handle: (s, { url, body, claims }) => {
			const lists = s.state.contactLists;
			const created = createCampaign(s.state.catalogue, {
				body,
				campaignType: url.searchParams.get('campaignType'),
				listNamed: (name) => lists.lists.some((l) => l.name === name),
				listId: (name) => lists.lists.find((l) => l.name === name)._id,
				index: s.state.nextCampaignIndex,
				preparingPolls: s.state.preparingPolls,
			});
			if (created.answer !== undefined) s.state.nextCampaignIndex++;
			return s.fromStore(created, claims);
		},
	},
	{
		name: 'delete',
		method: 'DELETE',
		path: path(`${B}/([^/]+)`),
		bodyless: true,
		query: { accountId: ACCOUNT, campaignType: ['voice', 'sms'] },
		handle: (s, { url, body, route, claims }) => {
			if (!isEmptyBody(body)) throw badRequest('a DELETE takes no body');
			const campaignType = url.searchParams.get('campaignType');
			return s.fromStore(deleteCampaign(s.state.catalogue, route.id, campaignType), claims);
		},
	},
	{
		name: 'createList',
		method: 'POST',
		path: path(`${B}/contactList/createContactList`),
		query: { accountId: ACCOUNT },
		handle: (s, { body, claims }) => s.fromStore(s.state.contactLists.create(body), claims),
	},
	{
		name: 'listLists',
		method: 'POST',
		path: path(`${B}/contactList/getAllListDetails`),
		bodyless: true,
		query: { accountId: ACCOUNT, type: 'call' },
		handle: (s, { body, claims }) => {
			// Kore's page says POST but its curl sends no body: none and {} are both fine.
			if (!isEmptyBody(body)) throw badRequest('body must be empty or {}');
			const campaignsUsing = (list) =>
				s.state.catalogue
					.filter((c) => c.channel === 'voice' && c.record.contactLists.includes(list._id))
					.map((c) => ({ id: idOf(c), name: c.record.name }));
			return s.fromStore(s.state.contactLists.listAll(campaignsUsing), claims);
		},
	},
	{
		name: 'addContacts',
		method: 'POST',
		path: path('/api/1\\.1/public/([^/]+)/campaign/contactList/addContacts'),
		query: {},
		handle: (s, { body, claims }) => s.fromStore(s.state.contactLists.addContacts(body), claims),
	},
	{
		name: 'listContacts',
		method: 'GET',
		path: path(`${B}/contactList/([^/]+)/getAllContacts`),
		bodyless: true,
		// accountId, and optionally skip and limit (Kore documents no paging parameters).
		handle: (s, { req, url, body, route, claims }) => {
			if (!isEmptyBody(body)) throw badRequest('a GET takes no body');
			const query = Object.fromEntries(url.searchParams);
			const extra = Object.keys(query).filter((k) => !['accountId', 'skip', 'limit'].includes(k));
			if (
				query.accountId !== req.headers.accountid ||
				extra.length > 0 ||
				[...url.searchParams.keys()].length !== Object.keys(query).length
			)
				throw badRequest('query must be accountId=<your account id>, optionally skip and limit');
			return s.fromStore(
				s.state.contactLists.contactsOf(route.id, query, s.state.contactPaging),
				claims,
			);
		},
	},
	{
		name: 'getList',
		method: 'GET',
		path: path(`${B}/contactList/([^/]+)`),
		bodyless: true,
		query: { accountId: ACCOUNT },
		handle: (s, { body, route, claims }) => {
			if (!isEmptyBody(body)) throw badRequest('a GET takes no body');
			return s.fromStore(s.state.contactLists.getList(route.id, campaignsUsingList(s)), claims);
		},
	},
	{
		name: 'deleteList',
		method: 'DELETE',
		path: path(`${B}/contactList/([^/]+)`),
		bodyless: true,
		query: { accountId: ACCOUNT },
		handle: (s, { body, route, claims }) => {
			if (!isEmptyBody(body)) throw badRequest('a DELETE takes no body');
			return s.fromStore(s.state.contactLists.remove(route.id, campaignsUsingList(s)), claims);
		},
	},
	{
		name: 'callBack',
		method: 'POST',
		path: path(`${B}/([^/]+)/callContactAt`),
		query: { accountId: ACCOUNT },
		handle: (s, { body, route, claims }) =>
			s.fromStore(
				callBack(s.state.catalogue, route.id, body, Date.now(), s.state.callBacks),
				claims,
			),
	},
	{
		// SmartAssist Analytics scope: the account id is in the path, the bot id only in `iid`.
		name: 'callDetails',
		method: 'POST',
		path: path('/agentassist/api/public/analytics/account/([^/]+)/v2/interactionDetails'),
		accountInPath: true,
		handle: (s, { req, url, body, route, claims }) => {
			if (route.streamId !== req.headers.accountid)
				throw badRequest('the account id in the path must equal the accountId header');
			if (!s.state.analyticsScope)
				throw new Rejection(401, {
					errors: [{ msg: 'You are not authorized to access this API', code: 401 }],
				});
			return s.fromStore(
				callDetails(s.callHistory(), url.searchParams, body, s.state.callsPaging),
				claims,
			);
		},
	},
];

/** [{ id, name }] of the voice campaigns using a contact list. */
const campaignsUsingList = (s) => (list) =>
	s.state.catalogue
		.filter((c) => c.channel === 'voice' && c.record.contactLists.includes(list._id))
		.map((c) => ({ id: idOf(c), name: c.record.name }));
/** Every route's name, for failRoute() and callsTo(). */
const ROUTE_NAMES = ROUTES.map((route) => route.name);
const pathOf = (name) => ROUTES.find((route) => route.name === name).path;

/** A time given as ISO text, epoch milliseconds or a Date, as ISO text. */
function isoTime(at) {
	const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
	if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(at)}`);
	return new Date(ms).toISOString();
}

function sameKeys(object, keys) {
	const actual = Object.keys(object).sort();
	return actual.length === keys.length && [...keys].sort().every((k, i) => k === actual[i]);
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const isEmptyBody = (body) =>
	body === undefined || (isPlainObject(body) && Object.keys(body).length === 0);

function requireEmptyObject(body) {
	if (!isPlainObject(body) || Object.keys(body).length !== 0) throw badRequest('body must be {}');
}

/** Kore's wall-clock format, and a real calendar date-time. */
function parseKoreDate(text) {
	if (typeof text !== 'string' || !KORE_DATE.test(text)) return undefined;
	const [d, t] = text.split(' ');
	const [y, mo, da] = d.split('-').map(Number);
	const [h, mi, s] = t.split(':').map(Number);
	const ms = Date.UTC(y, mo - 1, da, h, mi, s);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da)
		return undefined;
	if (h > 23 || mi > 59 || s > 59) return undefined;
	return ms;
}

/**
 * Creates the stand-in: all its state and controls at once, no socket yet. `await listen()` binds
 * it to 127.0.0.1 and sets `url` and `port`; `reset()` and the controls work before that, so a
 * test file can hold the object from its first line (test/helpers/standIn.ts).
 * @param {object} config
 * @param {string} config.accountId  expected `accountId` header
 * @param {string} config.botId      expected path streamId and `iid` header
 * @param {string} config.clientId   expected `appId` claim
 * @param {string} config.clientSecret HS256 key the token must be signed with
 * @param {number} [config.port]     0 (default) picks a free port
 * @param {number} [config.latencyMs] delay before every answer
 * @param {number} [config.rateLimitPerMinute] enforce this many calls per rolling window (0 = none)
 * @param {number} [config.rateLimitWindowMs] the window, 60000 (a minute) unless scaled down for tests
 * @param {number} [config.retryAfterSeconds] send Retry-After with rate-limit answers
 * @param {Array<string|object>} [config.campaigns] if given, only these campaigns exist (names, or
 *   { name, type: 'voice'|'sms', status, priority, ... }); else any name can be scheduled and
 *   the list shows DEFAULT_CAMPAIGNS
 *   A spec may also give `contacts` (how many per-contact results a voice campaign has, made up
 *   deterministically; default 3 for voice) and `createdAt` (ISO; default: fixed, from its place).
 * @param {Array<string|object>} [config.contactLists] the contact lists at start and after each
 *   reset(): { name, description?, allowDuplicates?, contacts?: number | contact[], usedBy?: campaign
 *   names (voice campaigns that use the list; names not in the catalogue are ignored) }; default
 *   DEFAULT_CONTACT_LISTS (one used by 'Spring Promo 1 | Voice', one empty)
 * @param {number} [config.listPageCap] getAllCampaignDetails answers at most this many records
 *   per call whatever `limit` asks (0 = no cap); see setListPageCap()
 * @param {object[]} [config.calls] the call history call details serve: specs { from: ISO, days,
 *   count, direction?, seed? } (see standInCalls.js; default DEFAULT_CALLS, with a week of 2,500)
 * @param {boolean} [config.analyticsScope] false: the app lacks the SmartAssist Analytics scope
 * @param {object} [config.resultsFaults] how per-contact results pages misbehave: { emptyPages,
 *   withheld, overlap } as contactResults() in standInCampaigns.js says; see setResultsFaults()
 * @param {number} [config.preparingPolls] how many status calls a created voice campaign answers
 *   Preparing before it is Ready (default 1); see setPreparingPolls()
 * @param {string} [config.timezone] zone for "end must be in the future" (default UTC)
 */
function createKoreStandIn(config) {
	const state = {
		received: [],
		seenJti: new Set(),
		faults: [],
		faultsByName: new Map(),
		acceptedTimes: [],
		counters: { total: 0, accepted: 0, rejected: 0, rateLimited: 0 },
		latencyMs: config.latencyMs ?? 0,
		rateLimitPerMinute: config.rateLimitPerMinute ?? 0,
		rateLimitWindowMs: config.rateLimitWindowMs ?? 60_000,
		latencyByName: new Map(),
		retryAfterSeconds: config.retryAfterSeconds,
		nextId: 1,
		// Accounts it knows: the configured one, plus a fresh one handed out at every reset (the
		// node's rate limiter is per account and shared by all runs, so tests keep theirs apart).
		accounts: new Set([config.accountId]),
		account: config.accountId,
		accountsIssued: 0,
		// What the routes beyond schedule/list keep; restored from `config` by restoreCatalogue().
		catalogue: [],
		nextCampaignIndex: 0,
		contactLists: undefined,
		faultsByRoute: new Map(),
		starts: new Map(),
		stops: new Map(),
		startsIssued: 0,
		listPageCap: config.listPageCap ?? 0,
		contactPaging: {},
		// Call-backs scheduled since the last reset (standInCallBacks.js).
		callBacks: [],
		preparingPolls: config.preparingPolls ?? 1,
		resultsFaults: checkResultsFaults(config.resultsFaults ?? {}),
		// The bot served: config.botId, or another one of the account (serveBot) until reset().
		botId: config.botId,
		// Call details: made from config.calls (specs, see standInCalls.js) when first asked for.
		calls: undefined,
		callsPaging: {},
		analyticsScope: config.analyticsScope !== false,
	};
	const sockets = new Set();

	/** The campaigns and contact lists as `config` describes them, forgetting every change. */
	function restoreCatalogue() {
		state.catalogue = (config.campaigns ?? DEFAULT_CAMPAIGNS).map(campaignRecord);
		state.nextCampaignIndex = state.catalogue.length;
		state.contactLists = createContactListStore(config.contactLists ?? DEFAULT_CONTACT_LISTS, () =>
			new Date().toISOString(),
		);
		for (const list of state.contactLists.lists) {
			for (const name of list.usedBy) {
				const entry = state.catalogue.find((c) => c.channel === 'voice' && c.record.name === name);
				entry?.record.contactLists.push(list._id);
			}
		}
		state.starts.clear();
		state.stops.clear();
		state.startsIssued = 0;
	}
	restoreCatalogue();

	/** A campaign by id (either channel's field) or, failing that, by name. */
	function findCampaign(idOrName) {
		return (
			state.catalogue.find((c) => idOf(c) === idOrName) ??
			state.catalogue.find((c) => c.record.name === idOrName)
		);
	}

	/**
	 * The time a change to `entry` happens at: `at` if given, else now, but always after its last
	 * change (a poller comparing updatedAt must see it move even within one millisecond).
	 */
	function changeTime(entry, at) {
		if (at !== undefined) return isoTime(at);
		const after = Date.parse(entry.record.updatedAt) + 1000;
		return new Date(Math.max(Date.now(), after)).toISOString();
	}

	function touch(entry, status, at) {
		const time = changeTime(entry, at);
		entry.record.status = status;
		entry.record.updatedAt = time;
		entry.record.campaignInstanceUpdatedAt = time;
		return time;
	}

	function setCampaignStatus(idOrName, status, options = {}) {
		const entry = findCampaign(idOrName);
		if (entry === undefined) throw new Error(`the stand-in has no campaign ${idOrName}`);
		if (!STATUSES.includes(status))
			throw new Error(`status must be one of ${STATUSES.join(' ')}, not ${String(status)}`);
		touch(entry, status, options.at);
		return entry.record;
	}

	function addCampaign(spec) {
		const {
			name,
			type = 'voice',
			status,
		} = typeof spec === 'string' ? { name: spec } : (spec ?? {});
		if (typeof name !== 'string' || name === '') throw new Error('a campaign needs a name');
		if (type !== 'voice' && type !== 'sms') throw new Error('type must be voice or sms');
		if (status !== undefined && !STATUSES.includes(status))
			throw new Error(`status must be one of ${STATUSES.join(' ')}`);
		if (state.catalogue.some((c) => c.record.name === name))
			throw new Error(`the stand-in already has a campaign named ${name}`);
		const entry = campaignRecord(spec, state.nextCampaignIndex++);
		state.catalogue.push(entry);
		return entry;
	}

	function removeCampaign(idOrName) {
		const entry = findCampaign(idOrName);
		if (entry === undefined) return false;
		state.catalogue.splice(state.catalogue.indexOf(entry), 1);
		return true;
	}

	function verifyToken(token) {
		if (typeof token !== 'string' || token === '') throw authError('auth header is missing');
		const parts = token.split('.');
		if (parts.length !== 3) throw authError('error verifying the jwt: jwt malformed');
		let header;
		let claims;
		try {
			header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
			claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		} catch {
			throw authError('error verifying the jwt: jwt malformed');
		}
		if (header.alg !== 'HS256') throw authError('error verifying the jwt: invalid algorithm');
		const expected = createHmac('sha256', config.clientSecret)
			.update(`${parts[0]}.${parts[1]}`)
			.digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			throw authError('error verifying the jwt: invalid signature');
		}
		if (claims.appId !== config.clientId)
			throw new Rejection(401, { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] });
		if (typeof claims.sub !== 'string' || claims.sub === '')
			throw authError('error verifying the jwt: sub is required');
		const now = Math.floor(Date.now() / 1000);
		if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp <= now)) {
			throw authError('error verifying the jwt: jwt expired');
		}
		if (claims.jti !== undefined) {
			if (
				typeof claims.exp !== 'number' ||
				typeof claims.iat !== 'number' ||
				claims.exp - claims.iat > 3600
			) {
				throw authError('error verifying the jwt: exp must be within 1 hour when jti is used');
			}
			if (state.seenJti.has(claims.jti))
				throw authError('error verifying the jwt: possibly a replay');
			state.seenJti.add(claims.jti);
		}
		return claims;
	}

	function verifyCommon(req, streamId, contentTypeOptional = false) {
		const claims = verifyToken(req.headers.auth);
		if (req.headers.authorization !== undefined)
			throw badRequest('unexpected Authorization header: Kore uses "auth"');
		if (!state.accounts.has(req.headers.accountid)) throw authError('Invalid accountId', 401);
		if (req.headers.iid !== state.botId)
			throw badRequest(`iid header "${req.headers.iid}" does not match the bot`);
		if (streamId !== req.headers.iid)
			throw badRequest('streamId in the path must equal the iid header');
		const contentType = req.headers['content-type'];
		if (
			!(contentTypeOptional && contentType === undefined) &&
			!/^application\/json/i.test(contentType ?? '')
		)
			throw badRequest('Content-Type must be application/json');
		return claims;
	}

	function checkScheduleBody(body) {
		if (
			!isPlainObject(body) ||
			!sameKeys(body, ['startDateTime', 'endDateTime', 'recurrenceObject'])
		) {
			throw badRequest('body must have exactly startDateTime, endDateTime and recurrenceObject');
		}
		const start = parseKoreDate(body.startDateTime);
		const end = parseKoreDate(body.endDateTime);
		if (start === undefined)
			throw badRequest('startDateTime must be in the format YYYY-MM-DD HH:mm:ss');
		if (end === undefined)
			throw badRequest('endDateTime must be in the format YYYY-MM-DD HH:mm:ss');
		if (end <= start) throw badRequest('endDateTime must be greater than startDateTime');
		// Kore reads both as UTC (its release notes), so "the future" is checked in UTC, strictly.
		if (end <= Date.now()) throw badRequest('endDateTime must be greater than current time');
		const r = body.recurrenceObject;
		if (!isPlainObject(r)) throw badRequest('recurrenceObject is required');
		const positiveInt = (n) => Number.isInteger(n) && n >= 1;
		if (r.recurType === 'Daily') {
			if (
				!sameKeys(r, ['recurType', 'dailyDetails']) ||
				!isPlainObject(r.dailyDetails) ||
				!sameKeys(r.dailyDetails, ['onceEveryNdays']) ||
				!positiveInt(r.dailyDetails.onceEveryNdays)
			) {
				throw badRequest('dailyDetails.onceEveryNdays must be a positive integer');
			}
		} else if (r.recurType === 'Weekly') {
			const w = r.weeklyDetails;
			if (
				!sameKeys(r, ['recurType', 'weeklyDetails']) ||
				!isPlainObject(w) ||
				!sameKeys(w, ['onceEveryNweeks', 'whichDays']) ||
				!positiveInt(w.onceEveryNweeks)
			) {
				throw badRequest('weeklyDetails needs onceEveryNweeks (positive integer) and whichDays');
			}
			const days = w.whichDays;
			if (!Array.isArray(days) || days.length === 0 || days.some((d) => !WEEKDAYS.includes(d))) {
				throw badRequest('whichDays must list days among Mon Tue Wed Thu Fri Sat Sun');
			}
			const indexes = days.map((d) => WEEKDAYS.indexOf(d));
			if (indexes.some((v, i) => i > 0 && v <= indexes[i - 1]))
				throw badRequest('whichDays must be in week order without duplicates');
		} else {
			throw badRequest('recurType must be Daily or Weekly');
		}
	}

	function rateLimited() {
		if (!state.rateLimitPerMinute) return false;
		const now = Date.now();
		while (
			state.acceptedTimes.length > 0 &&
			state.acceptedTimes[0] <= now - state.rateLimitWindowMs
		)
			state.acceptedTimes.shift();
		if (state.acceptedTimes.length >= state.rateLimitPerMinute) return true;
		state.acceptedTimes.push(now);
		return false;
	}

	/**
	 * Throws a Kore-like 400 unless the query has exactly these keys, each once, with this value:
	 * a string, one of an array's, or ACCOUNT (the accountId header's value).
	 */
	function checkQuery(req, url, expected) {
		const keys = Object.keys(expected);
		const query = Object.fromEntries(url.searchParams);
		const fits = (key) => {
			const want = expected[key];
			const value = query[key];
			if (url.searchParams.getAll(key).length !== 1) return false;
			if (want === ACCOUNT) return value === req.headers.accountid;
			return Array.isArray(want) ? want.includes(value) : value === want;
		};
		if (!sameKeys(query, keys) || !keys.every(fits)) {
			const shown = keys.map((key) => {
				const want = expected[key];
				if (want === ACCOUNT) return `${key}=<your account id>`;
				return `${key}=${Array.isArray(want) ? want.join('|') : want}`;
			});
			throw badRequest(
				keys.length === 0 ? 'this call takes no query' : `query must be exactly ${shown.join('&')}`,
			);
		}
	}

	function campaignById(id) {
		const entry = state.catalogue.find((c) => idOf(c) === id);
		if (entry === undefined) throw notFound(`Campaign ${id} not found`);
		return entry;
	}

	/** A store answer ({ answer } or { error, status }) as the stand-in's answer. */
	function fromStore(result, claims) {
		if (result.error !== undefined) {
			if (result.status === 404) throw notFound(result.error);
			throw badRequest(result.error);
		}
		return { status: 200, body: result.answer, claims };
	}

	/** A campaign as its calls name it: with its run and dialing-list entries, so that a call read
	 * here can be called back. */
	function callCampaign(entry) {
		return {
			id: idOf(entry),
			name: entry.record.name,
			instanceId: entry.instanceId,
			dialingListIds: dialingListIds(entry),
		};
	}

	/** The call history: generated from config.calls on first use after a reset. */
	function callHistory() {
		if (state.calls === undefined) {
			const voice = state.catalogue.filter((c) => c.channel === 'voice').map(callCampaign);
			state.calls = generateCalls(config.calls ?? DEFAULT_CALLS, voice);
		}
		return state.calls;
	}

	/**
	 * Adds one call as Kore would record it: { startedAt, endedAt (null: still going),
	 * campaign (name or id; default the first voice campaign), direction, conversationId,
	 * outcome, phoneNumber }. Returns the row.
	 */
	function addCall(spec) {
		const rows = callHistory();
		const startMs = Date.parse(isoTime(spec.startedAt));
		const endMs =
			spec.endedAt === null ? null : Date.parse(isoTime(spec.endedAt ?? startMs + 30_000));
		const entry =
			spec.campaign === undefined
				? state.catalogue.find((c) => c.channel === 'voice')
				: findCampaign(spec.campaign);
		if (spec.campaign !== undefined && entry === undefined)
			throw new Error(`the stand-in has no campaign ${spec.campaign}`);
		const row = callRow({
			n: 9_000_000 + rows.length,
			startMs: Math.floor(startMs / 1000) * 1000,
			endMs,
			campaign: entry === undefined ? undefined : callCampaign(entry),
			direction: spec.direction ?? 'Outbound',
			conversationId: spec.conversationId,
			phoneNumber: spec.phoneNumber,
		});
		const existing = rows.findIndex((r) => r.conversationId === row.conversationId);
		if (existing >= 0) rows[existing] = row;
		else rows.push(row);
		return row;
	}

	const internals = { state, campaignById, fromStore, handleSchedule, handleTrigger, callHistory };

	function handle(req, rawBody, url, route) {
		if (route === undefined) {
			return {
				status: 404,
				body: { errors: [{ msg: `No route for ${req.method} ${url.pathname}`, code: 404 }] },
			};
		}
		let body;
		try {
			body = rawBody === '' ? undefined : JSON.parse(rawBody);
		} catch {
			throw badRequest('body is not valid JSON');
		}
		// A path without the bot id (call details) checks only the iid header.
		const streamId = route.accountInPath ? req.headers.iid : route.streamId;
		const claims = verifyCommon(req, streamId, route.bodyless && rawBody === '');
		if (rateLimited()) {
			state.counters.rateLimited++;
			const headers =
				state.retryAfterSeconds !== undefined
					? { 'retry-after': String(state.retryAfterSeconds) }
					: {};
			return {
				status: 429,
				body: { status: 'failure', message: RATE_LIMIT_MESSAGE },
				headers,
				claims,
			};
		}
		if (route.entry.query !== undefined) checkQuery(req, url, route.entry.query);
		return route.entry.handle(internals, { req, url, body, route, claims });
	}

	/**
	 * Start (trigger=play) or stop. Kore documents neither what starting a running campaign nor
	 * what stopping a stopped one answers. The stand-in's choices:
	 * - start always starts: the campaign becomes Active with a new campaignInstanceId, and
	 *   startsOf() counts it, so a test sees a campaign started twice (dialled twice) as 2;
	 * - stop of a campaign already Stopped answers success as any stop does ({status:"Stopped",
	 *   message:"Campaign Stopped"}, its last campaignInstanceId and unchanged updatedAt) and
	 *   changes nothing, since repeating a stop cannot dial anyone. A test wanting Kore to refuse
	 *   instead queues that answer with failRoute('stop', {status: 400, body: …}).
	 */
	function handleTrigger({ url, body, route, claims }) {
		requireEmptyObject(body);
		const entry = campaignById(route.id);
		const campaignType = url.searchParams.get('campaignType');
		if (campaignType !== entry.channel)
			throw badRequest(`Campaign ${route.id} is not a ${campaignType} campaign`);
		const id = idOf(entry);
		if (route.name === 'start') {
			const updatedAt = touch(entry, 'Active');
			entry.instanceId = `cid-${String(++state.startsIssued).padStart(6, '0')}-started`;
			state.starts.set(id, (state.starts.get(id) ?? 0) + 1);
			return {
				status: 200,
				body: {
					status: 'Active',
					message: 'Campaign Started',
					campaignInstanceId: entry.instanceId,
					updatedAt,
				},
				claims,
			};
		}
		if (entry.record.status !== 'Stopped') touch(entry, 'Stopped');
		state.stops.set(id, (state.stops.get(id) ?? 0) + 1);
		return {
			status: 200,
			body: {
				status: 'Stopped',
				message: 'Campaign Stopped',
				campaignInstanceId: entry.instanceId,
				updatedAt: entry.record.updatedAt,
			},
			claims,
		};
	}

	function handleSchedule(url, body, claims) {
		const query = Object.fromEntries(url.searchParams);
		if (
			!sameKeys(query, ['enableSchedule', 'campaignName']) ||
			url.searchParams.getAll('campaignName').length !== 1
		) {
			throw badRequest('query must be exactly enableSchedule and campaignName');
		}
		const name = query.campaignName;
		if (name === '') throw badRequest('campaignName is required');
		if (config.campaigns && !state.catalogue.some((c) => c.record.name === name)) {
			return {
				status: 404,
				body: { status: 'failure', message: `Campaign ${name} not found` },
				claims,
			};
		}
		const id = `cd-${String(state.nextId++).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
		if (query.enableSchedule === 'true') {
			checkScheduleBody(body);
			return {
				status: 200,
				body: { status: 'success', message: `Campaign ${name} scheduled successfully`, id },
				claims,
			};
		}
		if (query.enableSchedule === 'false') {
			if (!isPlainObject(body) || Object.keys(body).length !== 0)
				throw badRequest('body must be {} to disable a schedule');
			return {
				status: 200,
				body: {
					status: 'success',
					message: `Campaign ${name} schedule has been disabled successfully`,
					id,
				},
				claims,
			};
		}
		throw badRequest('enableSchedule must be true or false');
	}

	/** The next fault for this request: by campaign name, else by route, else any request's. */
	function takeFault(url, route) {
		const fromQueue = (map, key) => {
			const queue = map.get(key);
			const fault = queue.shift();
			if (queue.length === 0) map.delete(key);
			return fault;
		};
		const name = url.searchParams.get('campaignName');
		if (name !== null && state.faultsByName.has(name)) return fromQueue(state.faultsByName, name);
		if (route !== undefined && state.faultsByRoute.has(route.name))
			return fromQueue(state.faultsByRoute, route.name);
		return state.faults.shift();
	}

	/** The test-only routes under /__standin/ (see the header): { status, body }. */
	function handleControl(req, url, rawBody) {
		const match = CONTROL_PATH.exec(url.pathname);
		let body;
		try {
			body = rawBody === '' ? {} : JSON.parse(rawBody);
		} catch {
			return { status: 400, body: { ok: false, error: 'body is not valid JSON' } };
		}
		const target = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
		try {
			if (match && req.method === 'POST' && target === undefined) {
				const entry = addCampaign(body);
				return { status: 200, body: { ok: true, type: entry.channel, campaign: entry.record } };
			}
			if (match && target !== undefined && findCampaign(target) === undefined)
				return { status: 404, body: { ok: false, error: `no campaign ${target}` } };
			if (match && req.method === 'POST') {
				const record = setCampaignStatus(target, body.status, { at: body.at });
				return { status: 200, body: { ok: true, campaign: record } };
			}
			if (match && req.method === 'DELETE' && target !== undefined) {
				removeCampaign(target);
				return { status: 200, body: { ok: true } };
			}
		} catch (error) {
			return { status: 400, body: { ok: false, error: error.message } };
		}
		return {
			status: 404,
			body: { ok: false, error: `no test route ${req.method} ${url.pathname}` },
		};
	}

	function answerTo(req, rawBody, url, route) {
		try {
			return handle(req, rawBody, url, route);
		} catch (error) {
			if (!(error instanceof Rejection)) throw error;
			return { status: error.status, body: error.body };
		}
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url, 'http://127.0.0.1');
			if (CALLS_CONTROL_PATH.test(url.pathname) && req.method === 'POST') {
				let answer;
				try {
					answer = { status: 200, body: { ok: true, call: addCall(JSON.parse(rawBody || '{}')) } };
				} catch (error) {
					answer = { status: 400, body: { ok: false, error: error.message } };
				}
				res.writeHead(answer.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(answer.body));
				return;
			}
			if (url.pathname.startsWith('/__standin/')) {
				const control = handleControl(req, url, rawBody);
				res.writeHead(control.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(control.body));
				return;
			}
			const route = routeOf(req.method, url);
			const record = {
				method: req.method,
				route: route?.name,
				path: url.pathname,
				rawUrl: req.url,
				query: Object.fromEntries(url.searchParams),
				headers: { ...req.headers },
				rawBody,
				body: undefined,
				claims: undefined,
				status: 0,
				at: Date.now(),
			};
			try {
				record.body = rawBody === '' ? undefined : JSON.parse(rawBody);
			} catch {
				record.body = rawBody;
			}
			state.received.push(record);
			state.counters.total++;
			const latency =
				state.latencyByName.get(url.searchParams.get('campaignName')) ?? state.latencyMs;
			if (latency > 0) await new Promise((r) => setTimeout(r, latency));

			const fault = takeFault(url, route);
			if (fault) {
				record.fault = fault.kind ?? fault.status;
				state.counters.rejected++;
				if (fault.apply) {
					// The call takes effect, then the answer is lost (a start that timed out may still
					// have started the campaign): record what the stand-in would have answered.
					const applied = answerTo(req, rawBody, url, route);
					record.applied = { status: applied.status, body: applied.body };
				}
				if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
				if (fault.kind === 'hang') return; // never answer: the client must time out
				if (fault.kind === 'reset') {
					res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
					res.write('{"status":"succ');
					req.socket.destroy();
					return;
				}
				record.status = fault.status ?? 500;
				const isText = typeof fault.body === 'string';
				res.writeHead(record.status, {
					'content-type': fault.contentType ?? (isText ? 'text/html' : 'application/json'),
					...(fault.headers ?? {}),
				});
				res.end(fault.body === undefined ? '' : isText ? fault.body : JSON.stringify(fault.body));
				state.onRequest?.(record);
				return;
			}

			const answer = answerTo(req, rawBody, url, route);
			record.claims = answer.claims;
			record.status = answer.status;
			record.response = answer.body;
			// Success is not always status "success": start/stop answer the campaign's new state and
			// addContacts has no status at all (Kore's API page); only "failure" or an HTTP error is not.
			if (answer.status === 200 && answer.body.status !== 'failure') state.counters.accepted++;
			else state.counters.rejected++;
			record.answeredAt = Date.now();
			res.writeHead(answer.status, {
				'content-type': 'application/json',
				...(answer.headers ?? {}),
			});
			res.end(JSON.stringify(answer.body));
			state.onRequest?.(record);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return {
		/** `http://127.0.0.1:<port>` once listening; undefined before. */
		url: undefined,
		/** The port once listening (config.port, or a free one); undefined before. */
		port: undefined,
		/** Binds 127.0.0.1 (config.port, or a free port) and sets `url` and `port`. */
		async listen() {
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(config.port ?? 0, '127.0.0.1', resolve);
			});
			this.port = server.address().port;
			this.url = `http://127.0.0.1:${this.port}`;
			return this;
		},
		/** Every request received, in order. */
		get received() {
			return state.received;
		},
		/** Requests to the list endpoint only. */
		get listCalls() {
			return state.received.filter((r) => pathOf('list').test(r.path));
		},
		/**
		 * The campaigns it lists, in creation order: { channel, record, contacts, instanceId } with
		 * Kore's list record (changed in place by start/stop and setCampaignStatus()).
		 */
		get campaigns() {
			return state.catalogue;
		},
		/**
		 * A campaign by id, or by name when no id matches.
		 * @param {string} idOrName
		 * @returns {{channel: 'voice'|'sms', record: object, contacts: number, instanceId: string}|undefined}
		 */
		findCampaign(idOrName) {
			return findCampaign(idOrName);
		},
		/**
		 * Sets a campaign's status (as Kore would after its own work: a run finishing, a pause), and
		 * moves its updatedAt and campaignInstanceUpdatedAt to `options.at`, or else to now (but at
		 * least one second after its last change). The list and GET show it at once.
		 * @param {string} idOrName
		 * @param {string} status one of STATUSES (Active Completed Ready Paused …)
		 * @param {{at?: string|number|Date}} [options]
		 * @returns {object} the campaign's record; throws for an unknown campaign or status
		 */
		setCampaignStatus(idOrName, status, options) {
			return setCampaignStatus(idOrName, status, options);
		},
		/**
		 * Adds a campaign (a spec as in config.campaigns). Its id and createdAt come from its place
		 * after every campaign so far (so it is the newest, and the same on every run) unless the
		 * spec gives createdAt.
		 * @param {string|{name: string, type?: 'voice'|'sms', status?: string, priority?: number,
		 *   contacts?: number, createdAt?: string, isSchedulingEnabled?: boolean,
		 *   isRecurrenceEnabled?: boolean}} spec
		 * @returns {{channel, record, contacts, instanceId}} throws if the name is taken
		 */
		addCampaign(spec) {
			return addCampaign(spec);
		},
		/**
		 * Removes a campaign: the list, GET and the other routes no longer know it.
		 * @param {string} idOrName
		 * @returns {boolean} whether there was one
		 */
		removeCampaign(idOrName) {
			return removeCampaign(idOrName);
		},
		/**
		 * Leaves a campaign out of the list (`unlisted` true) or lists it again as it was (false);
		 * GET and the other routes still know it.
		 * @param {string} idOrName
		 * @param {boolean} unlisted
		 */
		setUnlisted(idOrName, unlisted) {
			const entry = findCampaign(idOrName);
			if (entry === undefined) throw new Error(`the stand-in has no campaign ${idOrName}`);
			entry.unlisted = unlisted;
		},
		/**
		 * Serves another bot of the account from now on: expects `botId` in paths and the iid
		 * header, and has only `campaigns` (specs as in config.campaigns, created after every
		 * campaign so far unless they give createdAt). reset() serves config's bot again.
		 * @param {string} botId
		 * @param {Array<string|object>} campaigns
		 */
		serveBot(botId, campaigns) {
			state.botId = botId;
			state.catalogue = campaigns.map((spec) => campaignRecord(spec, state.nextCampaignIndex++));
		},
		/**
		 * How many starts took effect for this campaign since the last reset (including one whose
		 * answer a fault with `apply: true` swallowed).
		 * @param {string} idOrName
		 * @returns {number}
		 */
		startsOf(idOrName) {
			const entry = findCampaign(idOrName);
			return state.starts.get(entry === undefined ? idOrName : idOf(entry)) ?? 0;
		},
		/**
		 * How many stops were answered (or applied) for this campaign since the last reset.
		 * @param {string} idOrName
		 * @returns {number}
		 */
		stopsOf(idOrName) {
			const entry = findCampaign(idOrName);
			return state.stops.get(entry === undefined ? idOrName : idOf(entry)) ?? 0;
		},
		/**
		 * Caps every getAllCampaignDetails answer at `cap` records whatever `limit` asks, as a server
		 * may; skip stays the offset and hasMore is true while more remain. 0 lifts the cap.
		 * @param {number} cap
		 */
		setListPageCap(cap) {
			state.listPageCap = cap;
		},
		/**
		 * Makes every per-contact results answer misbehave while totalResults still counts every
		 * contact: { emptyPages: [2] } answers page 2 empty and moves its contacts to the pages
		 * after it; { withheld: 30 } never hands out the last 30; { overlap: 1 } starts the pages
		 * after the first one contact early, so page 1's last contact comes out on page 2 too. {} lifts them.
		 * @param {{emptyPages?: number[], withheld?: number, overlap?: number}} faults
		 */
		setResultsFaults(faults) {
			state.resultsFaults = checkResultsFaults(faults);
		},
		/**
		 * The contact lists as the stand-in keeps them: { _id, name, description, status, source,
		 * allowDuplicates, listType, usedBy, contacts: [{ _id, phoneNumber, …, createdAt }], createdAt,
		 * updatedAt }.
		 */
		get contactLists() {
			return state.contactLists.lists;
		},
		/** Adds a contact list as Kore's create would (a DNC list, for example); until reset(). */
		addContactList(spec) {
			const answer = state.contactLists.create({
				source: 'passiveApi',
				allowDuplicates: false,
				...spec,
			});
			if (answer.error) throw new Error(answer.error);
			return answer;
		},
		/**
		 * A contact list's contacts, by list id or name ([] for an unknown list).
		 * @param {string} idOrName
		 * @returns {object[]}
		 */
		contactsOf(idOrName) {
			return state.contactLists.find(idOrName)?.contacts ?? [];
		},
		/**
		 * Requests that took this route (see ROUTE_NAMES), in order, hung ones included.
		 * @param {string} route
		 * @returns {object[]}
		 */
		callsTo(route) {
			if (!ROUTE_NAMES.includes(route)) throw new Error(`no route named ${route}`);
			return state.received.filter((r) => r.route === route);
		},
		/**
		 * How many status calls a voice campaign created from now on answers Preparing before it is
		 * Ready (Kore creates asynchronously); Infinity: it stays Preparing. reset() restores
		 * config.preparingPolls (default 1).
		 * @param {number} polls
		 */
		setPreparingPolls(polls) {
			state.preparingPolls = polls;
		},
		/** Create requests (POST B?campaignType=…). */
		get createCalls() {
			return this.callsTo('create');
		},
		/** DELETE B/{campaignId} requests. */
		get deleteCalls() {
			return this.callsTo('delete');
		},
		/** Requests to GET B/{campaignId}. */
		get getCalls() {
			return this.callsTo('get');
		},
		/** Start requests (v1, trigger=play), hung ones included. */
		get startCalls() {
			return this.callsTo('start');
		},
		/** Stop requests (v1, trigger=stop). */
		get stopCalls() {
			return this.callsTo('stop');
		},
		/** Per-contact results requests (B/{id}/status?view=contacts). */
		get resultsCalls() {
			return this.callsTo('results');
		},
		/** Campaign status requests (B/{id}/status?…&view=status). */
		get statusCalls() {
			return this.callsTo('status');
		},
		/** createContactList requests. */
		get createListCalls() {
			return this.callsTo('createList');
		},
		/** getAllListDetails requests. */
		get listListsCalls() {
			return this.callsTo('listLists');
		},
		/** getAllContacts requests. */
		get listContactsCalls() {
			return this.callsTo('listContacts');
		},
		/** GET B/contactList/{id} requests. */
		get getListCalls() {
			return this.callsTo('getList');
		},
		/** DELETE B/contactList/{id} requests. */
		get deleteListCalls() {
			return this.callsTo('deleteList');
		},
		/**
		 * Makes getAllContacts page as a server may: { cap: 3 } answers at most 3 contacts whatever
		 * `limit` asks; { overlap: 1 } starts every page after the first one contact early (that
		 * contact comes out twice). {} lifts them; reset() too.
		 * @param {{cap?: number, overlap?: number}} paging
		 */
		setContactsPaging(paging) {
			state.contactPaging = { ...paging };
		},
		/**
		 * Call-backs scheduled since the last reset, one per row Kore would have accepted (a call
		 * whose answer a fault with `apply: true` swallowed included): { campaignInstanceId,
		 * campaignDialingListId, timeToContact }.
		 */
		get callBacks() {
			return state.callBacks;
		},
		/** callContactAt requests, hung ones included. */
		get callBackCalls() {
			return this.callsTo('callBack');
		},
		/**
		 * The dialing-list entry ids of a voice campaign's current instance (see
		 * standInCallBacks.js); [] for an SMS or unknown campaign.
		 * @param {string} idOrName
		 * @returns {string[]}
		 */
		dialingListIdsOf(idOrName) {
			const entry = findCampaign(idOrName);
			return entry === undefined ? [] : dialingListIds(entry);
		},
		/** Call details requests (interactionDetails). */
		get callDetailsCalls() {
			return this.callsTo('callDetails');
		},
		/** The call history call details serve (rows as Kore's page shows them). */
		get calls() {
			return callHistory();
		},
		/**
		 * Adds (or replaces, by conversationId) one call: { startedAt, endedAt (null: still
		 * going; default 30 s after the start), campaign (name or id), direction ('Outbound' or
		 * 'Inbound'), conversationId, phoneNumber }. Also POST /__standin/calls with that body.
		 * @returns {object} the row
		 */
		addCall(spec) {
			return addCall(spec);
		},
		/**
		 * How numResults is served: 'total' (the window's, default), 'page' (the page's count) or
		 * 'absent'. reset() restores 'total'.
		 * @param {{numResults?: 'total'|'page'|'absent'}} paging
		 */
		setCallsPaging(paging) {
			state.callsPaging = { ...paging };
		},
		/** Whether the app has the SmartAssist Analytics scope (without it call details answer 401). */
		setAnalyticsScope(granted) {
			state.analyticsScope = granted;
		},
		/** addContacts requests; a call's size is `body.data.length`. */
		get addContactsCalls() {
			return this.callsTo('addContacts');
		},
		/** Requests to the schedule endpoint only. */
		get scheduleCalls() {
			return state.received.filter((r) => pathOf('schedule').test(r.path));
		},
		get counters() {
			return { ...state.counters };
		},
		/** Queue faults for the next requests, whatever they are. */
		failNext(...faults) {
			state.faults.push(...faults);
		},
		/** Queue faults for the next requests naming this campaign. */
		failFor(campaignName, ...faults) {
			const queue = state.faultsByName.get(campaignName) ?? [];
			queue.push(...faults);
			state.faultsByName.set(campaignName, queue);
		},
		/**
		 * Queue faults for the next requests taking this route (one of ROUTE_NAMES), e.g.
		 * failRoute('start', {kind: 'hang'}) hangs exactly the next start while other calls answer.
		 * A fault is {status, body, headers, contentType, delayMs} or {kind: 'hang'|'reset'}; with
		 * `apply: true` the call takes effect first (the campaign starts) and only the answer is lost.
		 * Faults by campaign name (failFor) come first, then by route, then failNext's.
		 * @param {string} route
		 * @param {...object} faults
		 */
		failRoute(route, ...faults) {
			if (!ROUTE_NAMES.includes(route)) throw new Error(`no route named ${route}`);
			const queue = state.faultsByRoute.get(route) ?? [];
			queue.push(...faults);
			state.faultsByRoute.set(route, queue);
		},
		set latencyMs(ms) {
			state.latencyMs = ms;
		},
		/** Answer calls naming this campaign after `ms` (to make calls finish out of order). */
		latencyFor(campaignName, ms) {
			state.latencyByName.set(campaignName, ms);
		},
		/** Enforce `limit` calls per `windowMs` (Kore: 60 per 60000 ms); 0 turns it off. */
		setRateLimit(limit, windowMs = 60_000) {
			state.rateLimitPerMinute = limit;
			state.rateLimitWindowMs = windowMs;
			state.acceptedTimes = [];
		},
		/** Called with each answered request's record, faults included (the demo scripts print them). */
		set onRequest(fn) {
			state.onRequest = fn;
		},
		set retryAfterSeconds(s) {
			state.retryAfterSeconds = s;
		},
		/** The account ID to use now: a fresh one after every reset(). */
		get accountId() {
			return state.account;
		},
		/** Issues a fresh account ID (now the current one) without forgetting what was received. */
		newAccount() {
			state.account = `${config.accountId}-${++state.accountsIssued}`;
			state.accounts.add(state.account);
			return state.account;
		},
		/**
		 * Back to `config`: a fresh account, nothing received, no faults or latency, and the
		 * campaigns, contact lists, start/stop counts, list page cap and results faults as configured.
		 */
		reset() {
			this.newAccount();
			state.botId = config.botId;
			restoreCatalogue();
			state.listPageCap = config.listPageCap ?? 0;
			state.contactPaging = {};
			state.callBacks = [];
			state.preparingPolls = config.preparingPolls ?? 1;
			state.resultsFaults = checkResultsFaults(config.resultsFaults ?? {});
			state.calls = undefined;
			state.callsPaging = {};
			state.analyticsScope = config.analyticsScope !== false;
			state.faultsByRoute.clear();
			state.received = [];
			state.faults = [];
			state.faultsByName.clear();
			state.latencyByName.clear();
			state.acceptedTimes = [];
			state.latencyMs = config.latencyMs ?? 0;
			state.rateLimitPerMinute = config.rateLimitPerMinute ?? 0;
			state.rateLimitWindowMs = config.rateLimitWindowMs ?? 60_000;
			state.retryAfterSeconds = config.retryAfterSeconds;
			state.counters = { total: 0, accepted: 0, rejected: 0, rateLimited: 0 };
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Creates the stand-in and waits until it listens (createKoreStandIn(config), then listen()).
 * @param {object} config as for createKoreStandIn
 */
async function startKoreStandIn(config) {
	return createKoreStandIn(config).listen();
}

module.exports = { createKoreStandIn, startKoreStandIn, RATE_LIMIT_MESSAGE, ROUTE_NAMES, WEEKDAYS };
