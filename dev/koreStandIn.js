'use strict';
// A stand-in for Kore.ai's Campaign Management API, for tests, the e2e suite and `npm start`.
// It listens on 127.0.0.1 only, checks every request the way ../../shared/kore-api.md
// describes (JWT signature and claims, auth/accountId/iid headers, path, query, body shape),
// answers like Kore, records what it received, and can be told to misbehave.
//
// Plain CommonJS so that jest, the e2e runner and the demo scripts can all load it as it is.

const http = require('node:http');
const { createHmac, randomUUID, timingSafeEqual } = require('node:crypto');

const { campaignRecord, DEFAULT_CAMPAIGNS, listCampaigns } = require('./standInCampaigns');

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const KORE_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const RATE_LIMIT_MESSAGE =
	"You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";

const SCHEDULE_PATH = /^\/campaign\/api\/v2\/public\/([^/]+)\/campaign\/schedule$/;
const LIST_PATH = /^\/campaign\/api\/v2\/public\/([^/]+)\/campaign\/getAllCampaignDetails$/;

class Rejection extends Error {
	constructor(status, body) {
		super(typeof body === 'object' ? JSON.stringify(body) : String(body));
		this.status = status;
		this.body = body;
	}
}

const authError = (msg, code = 401) => new Rejection(401, { errors: [{ msg, code }] });
const badRequest = (message) => new Rejection(400, { status: 'failure', message });

function sameKeys(object, keys) {
	const actual = Object.keys(object).sort();
	return actual.length === keys.length && [...keys].sort().every((k, i) => k === actual[i]);
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
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
 * Starts the stand-in.
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
 * @param {string} [config.timezone] zone for "end must be in the future" (default UTC)
 */
async function startKoreStandIn(config) {
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
	};
	const sockets = new Set();
	const catalogue = (config.campaigns ?? DEFAULT_CAMPAIGNS).map(campaignRecord);

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

	function verifyCommon(req, streamId) {
		const claims = verifyToken(req.headers.auth);
		if (req.headers.authorization !== undefined)
			throw badRequest('unexpected Authorization header: Kore uses "auth"');
		if (!state.accounts.has(req.headers.accountid)) throw authError('Invalid accountId', 401);
		if (req.headers.iid !== config.botId)
			throw badRequest(`iid header "${req.headers.iid}" does not match the bot`);
		if (streamId !== req.headers.iid)
			throw badRequest('streamId in the path must equal the iid header');
		if (!/^application\/json/i.test(req.headers['content-type'] ?? ''))
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

	function handle(req, rawBody, url) {
		const scheduleMatch = SCHEDULE_PATH.exec(url.pathname);
		const listMatch = LIST_PATH.exec(url.pathname);
		if (req.method !== 'POST' || (!scheduleMatch && !listMatch)) {
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
		const streamId = decodeURIComponent((scheduleMatch ?? listMatch)[1]);
		const claims = verifyCommon(req, streamId);
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
		if (listMatch) {
			if (
				!sameKeys(Object.fromEntries(url.searchParams), ['accountId']) ||
				url.searchParams.get('accountId') !== req.headers.accountid
			) {
				throw badRequest('query must be exactly accountId=<your account id>');
			}
			const { answer, error } = listCampaigns(catalogue, body);
			if (error !== undefined) throw badRequest(error);
			return { status: 200, body: answer, claims };
		}
		const query = Object.fromEntries(url.searchParams);
		if (
			!sameKeys(query, ['enableSchedule', 'campaignName']) ||
			url.searchParams.getAll('campaignName').length !== 1
		) {
			throw badRequest('query must be exactly enableSchedule and campaignName');
		}
		const name = query.campaignName;
		if (name === '') throw badRequest('campaignName is required');
		if (config.campaigns && !catalogue.some((c) => c.record.name === name)) {
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

	function takeFault(url) {
		const name = url.searchParams.get('campaignName');
		if (name !== null && state.faultsByName.has(name)) {
			const queue = state.faultsByName.get(name);
			const fault = queue.shift();
			if (queue.length === 0) state.faultsByName.delete(name);
			return fault;
		}
		return state.faults.shift();
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url, 'http://127.0.0.1');
			const record = {
				method: req.method,
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

			const fault = takeFault(url);
			if (fault) {
				record.fault = fault.kind ?? fault.status;
				state.counters.rejected++;
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

			let answer;
			try {
				answer = handle(req, rawBody, url);
			} catch (error) {
				if (!(error instanceof Rejection)) throw error;
				answer = { status: error.status, body: error.body };
			}
			record.claims = answer.claims;
			record.status = answer.status;
			record.response = answer.body;
			if (answer.status === 200 && answer.body.status === 'success') state.counters.accepted++;
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
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port ?? 0, '127.0.0.1', resolve);
	});
	const { port } = server.address();

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		/** Every request received, in order. */
		get received() {
			return state.received;
		},
		/** Requests to the list endpoint only. */
		get listCalls() {
			return state.received.filter((r) => LIST_PATH.test(r.path));
		},
		/** The campaigns it lists: { channel, record } with Kore's record. */
		get campaigns() {
			return catalogue;
		},
		/** Requests to the schedule endpoint only. */
		get scheduleCalls() {
			return state.received.filter((r) => SCHEDULE_PATH.test(r.path));
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
		reset() {
			this.newAccount();
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

module.exports = { startKoreStandIn, RATE_LIMIT_MESSAGE, WEEKDAYS };
