import type { IDataObject } from 'n8n-workflow';

import { checkTimezone } from '../dates/dates';
import { InputError, showValue } from '../errors/errors';
import type { CampaignChannel } from './campaignList';

/** A new campaign's values as Create reads and checks them, and the body Kore's create takes
 * (its "Create Voice Campaign Agentless Mode v2" and "Create SMS Campaign Without Template v2"
 * pages). Pure: nothing here calls Kore. */

export const MAX_CAMPAIGN_NAME = 48;
export const MAX_CAMPAIGN_DESCRIPTION = 256;

/** Kore's weekday codes in week order, with the names a row may give. */
export const CALLING_DAYS = [
	{ code: 'MO', name: 'Monday' },
	{ code: 'TU', name: 'Tuesday' },
	{ code: 'WE', name: 'Wednesday' },
	{ code: 'TH', name: 'Thursday' },
	{ code: 'FR', name: 'Friday' },
	{ code: 'SA', name: 'Saturday' },
	{ code: 'SU', name: 'Sunday' },
] as const;
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR'];

export const DIALING_ORDERS = ['FIFO', 'LIFO'] as const;
export const MACHINE_DETECTION = ['no', 'detect', 'disconnect'] as const;

/** The voice dialing settings: label, Kore's range and the node's default. */
export const DIALING_NUMBERS = {
	maxAttemptsPerRecord: { label: 'Max Attempts per Contact', min: 1, max: 100, default: 3 },
	retryPeriod: { label: 'Retry Period (Minutes)', min: 1, max: 1440, default: 10 },
	maxRingTime: { label: 'Max Ring Time (Seconds)', min: 5, max: 120, default: 30 },
	priority: { label: 'Priority', min: 1, max: 5, default: 3 },
} as const;

/** E.164: "+", then 8 to 15 digits, no leading 0. */
const E164 = /^\+[1-9]\d{7,14}$/;
const READABILITY = /[\s\-.()]/g;

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The campaign's name: text up to 48 characters. */
export function newCampaignNameOf(value: unknown): string {
	const name = textOf(value) ?? '';
	if (name === '')
		throw new InputError(
			`Name ${isBlank(value) ? 'is empty' : `got ${showValue(value)}`}: enter the new campaign's name.`,
			'name',
		);
	if (name.length > MAX_CAMPAIGN_NAME)
		throw new InputError(
			`Name: ${showValue(name)} has ${name.length} characters; Kore.ai allows at most ${MAX_CAMPAIGN_NAME}.`,
			'name',
		);
	return name;
}

export function channelOf(value: unknown): CampaignChannel {
	if (value === 'voice' || value === 'sms') return value;
	throw new InputError(
		`Campaign Type: ${showValue(value)} is not "voice" or "sms".`,
		'campaignType',
	);
}

/** List names from the picker (an array) or an expression (an array or comma-separated text). */
export function listNamesOf(value: unknown, label: string, field: string): string[] {
	const parts = Array.isArray(value)
		? value.map((v) => textOf(v))
		: typeof value === 'string'
			? value.split(',').map((v) => v.trim())
			: isBlank(value)
				? []
				: [undefined];
	if (parts.some((p) => p === undefined))
		throw new InputError(
			`${label}: got ${showValue(value)}; give list names as a list or as comma-separated text.`,
			field,
		);
	const names = [...new Set(parts.filter((p): p is string => p !== undefined && p !== ''))];
	if (names.length === 0)
		throw new InputError(
			`${label} is empty: pick at least one contact list the campaign calls or texts.`,
			field,
		);
	return names;
}

/** The caller ID in E.164 (spaces, dashes, dots and brackets dropped). */
export function callerIdOf(value: unknown): string {
	const number = textOf(value)?.replace(READABILITY, '') ?? '';
	if (!E164.test(number))
		throw new InputError(
			`Caller ID: ${showValue(value)} is not an E.164 phone number: "+", the country code and the number, 8 to 15 digits, e.g. "+14155550123".`,
			'callerId',
		);
	return number;
}

/** Calling days as Kore's codes in week order: from the picker (codes) or an expression (an array
 * or comma-separated text of codes or names: "MO", "Mon", "Monday"). */
export function callingDaysOf(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').filter((v) => v.trim() !== '')
			: [];
	const codes = new Set<string>();
	for (const part of parts) {
		const text = typeof part === 'string' ? part.trim().toLowerCase() : '';
		// "MO", "Mon", "monday": a start of the day's name, two letters at least.
		const day = CALLING_DAYS.find((d) => text.length >= 2 && d.name.toLowerCase().startsWith(text));
		if (day === undefined)
			throw new InputError(
				`Calling Days: ${showValue(typeof part === 'string' ? part.trim() : part)} is not a weekday; use Monday … Sunday (or MO … SU).`,
				'callingDays',
			);
		codes.add(day.code);
	}
	if (codes.size === 0)
		throw new InputError('Calling Days is empty: pick the days Kore.ai may call.', 'callingDays');
	return CALLING_DAYS.map((d) => d.code).filter((code) => codes.has(code));
}

/** A time of day as minutes after midnight: "09:00", "18:30" or "9:00 AM". */
export function timeOfDay(value: unknown, label: string, field: string): number {
	const text = textOf(value) ?? '';
	const m = /^(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?$/i.exec(text);
	const hour = m ? Number(m[1]) : NaN;
	const minute = m ? Number(m[2]) : NaN;
	const half = m?.[3]?.toLowerCase();
	const valid =
		m !== null && minute < 60 && (half === undefined ? hour < 24 : hour >= 1 && hour <= 12);
	if (!valid)
		throw new InputError(
			`${label}: ${showValue(value)} is not a time of day; use 24-hour "HH:mm" such as "09:00" or "18:30" (or "9:00 AM").`,
			field,
		);
	return ((half === undefined ? hour : hour % 12) + (half === 'p' ? 12 : 0)) * 60 + minute;
}

/** Minutes after midnight in Kore's form, "9:00 AM". */
export function koreTimeText(minutes: number): string {
	const hour = Math.floor(minutes / 60);
	const minute = String(minutes % 60).padStart(2, '0');
	return `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** A whole number in one of DIALING_NUMBERS' ranges; blank: its default. */
export function dialingNumber(value: unknown, name: keyof typeof DIALING_NUMBERS): number {
	const { label, min, max, default: fallback } = DIALING_NUMBERS[name];
	if (isBlank(value)) return fallback;
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
		throw new InputError(
			`${label} must be a whole number from ${min} to ${max}; got ${showValue(value)}.`,
			`options.${name}`,
		);
	return n;
}

/** One of a few values; blank: the first. */
export function choiceOf<T extends string>(
	value: unknown,
	choices: readonly T[],
	label: string,
	field: string,
): T {
	if (isBlank(value)) return choices[0];
	const found = choices.find((c) => c === value);
	if (found === undefined)
		throw new InputError(
			`${label}: ${showValue(value)} is not one of ${choices.map((c) => `"${c}"`).join(', ')}.`,
			field,
		);
	return found;
}

/** The campaign's values, checked: what the body is built from. */
export interface NewCampaign {
	name: string;
	channel: CampaignChannel;
	description: string;
	contactLists: string[];
	/** Required for voice; optional for SMS. */
	dncList?: string;
	callerId: string;
	days: string[];
	startMinutes: number;
	endMinutes: number;
	timezone: string;
	priority: number;
	/** Voice only. */
	experienceFlowName?: string;
	maxAttemptsPerRecord: number;
	retryPeriod: number;
	maxRingTime: number;
	dialingOrder: (typeof DIALING_ORDERS)[number];
	machineDetection: (typeof MACHINE_DETECTION)[number];
	/** SMS only: the plain text. */
	message?: string;
}

/** What a row gives, as n8n resolved it. */
export interface NewCampaignFields {
	name: unknown;
	campaignType: unknown;
	contactLists: unknown;
	dncList: unknown;
	callerId: unknown;
	callingDays: unknown;
	callingStart: unknown;
	callingEnd: unknown;
	callingTimezone: unknown;
	experienceFlowName: unknown;
	message: unknown;
	options: IDataObject;
}

/** Reads and checks every value of a new campaign (the time zone defaulting to `workflowTimezone`);
 * throws an InputError naming the first field at fault. */
export function newCampaignOf(fields: NewCampaignFields, workflowTimezone: string): NewCampaign {
	const { options } = fields;
	const name = newCampaignNameOf(fields.name);
	const channel = channelOf(fields.campaignType);
	const description = isBlank(options.description) ? '' : (textOf(options.description) ?? '');
	if (!isBlank(options.description) && textOf(options.description) === undefined)
		throw new InputError(
			`Description: got ${showValue(options.description)}; use text.`,
			'options.description',
		);
	if (description.length > MAX_CAMPAIGN_DESCRIPTION)
		throw new InputError(
			`Description has ${description.length} characters; Kore.ai allows at most ${MAX_CAMPAIGN_DESCRIPTION}.`,
			'options.description',
		);
	const contactLists = listNamesOf(fields.contactLists, 'Contact Lists', 'contactLists');
	const dncList = textOf(fields.dncList) || undefined;
	if (channel === 'voice' && dncList === undefined)
		throw new InputError(
			'DNC List is empty: Kore.ai requires a Do Not Call list for a voice campaign; pick one (any contact list can serve).',
			'dncList',
		);
	const callerId = callerIdOf(fields.callerId);
	const days = callingDaysOf(fields.callingDays);
	const startMinutes = timeOfDay(fields.callingStart, 'Calling Start', 'callingStart');
	const endMinutes = timeOfDay(fields.callingEnd, 'Calling End', 'callingEnd');
	if (endMinutes <= startMinutes)
		throw new InputError(
			`Calling End (${koreTimeText(endMinutes)}) must be after Calling Start (${koreTimeText(startMinutes)}) on the same day.`,
			'callingEnd',
		);
	const timezone = isBlank(fields.callingTimezone)
		? workflowTimezone
		: checkTimezone(
				fields.callingTimezone,
				'callingTimezone',
				'Calling Timezone',
				"leave it empty to use the workflow's timezone",
			);
	const campaign: NewCampaign = {
		name,
		channel,
		description,
		contactLists,
		...(dncList !== undefined ? { dncList } : {}),
		callerId,
		days,
		startMinutes,
		endMinutes,
		timezone,
		priority: dialingNumber(options.priority, 'priority'),
		maxAttemptsPerRecord: dialingNumber(options.maxAttemptsPerRecord, 'maxAttemptsPerRecord'),
		retryPeriod: dialingNumber(options.retryPeriod, 'retryPeriod'),
		maxRingTime: dialingNumber(options.maxRingTime, 'maxRingTime'),
		dialingOrder: choiceOf(
			options.dialingOrder,
			DIALING_ORDERS,
			'Dialing Order',
			'options.dialingOrder',
		),
		machineDetection: choiceOf(
			options.machineDetection,
			MACHINE_DETECTION,
			'Machine Detection',
			'options.machineDetection',
		),
	};
	if (channel === 'voice') {
		const flow = textOf(fields.experienceFlowName) ?? '';
		if (flow === '')
			throw new InputError(
				'Experience Flow Name is empty: name the experience flow that runs each answered call.',
				'experienceFlowName',
			);
		campaign.experienceFlowName = flow;
	} else {
		const text = typeof fields.message === 'string' ? fields.message : textOf(fields.message);
		if (text === undefined || text.trim() === '')
			throw new InputError('Message is empty: enter the text each contact receives.', 'message');
		campaign.message = text;
	}
	return campaign;
}

/** The body of Kore's create call. */
export function createBody(c: NewCampaign): IDataObject {
	const dialingStrategy: IDataObject = {
		callerId: { phoneNumber: c.callerId },
		callingHours: {
			frequency: 'WEEKLY',
			timezone: c.timezone,
			days: c.days.map((day) => ({
				day,
				start: koreTimeText(c.startMinutes),
				end: koreTimeText(c.endMinutes),
			})),
		},
	};
	const body: IDataObject = {
		name: c.name,
		description: c.description,
		campaignType: c.channel,
		contactLists: [...c.contactLists],
		...(c.dncList !== undefined ? { dncLists: { name: c.dncList } } : {}),
		priority: String(c.priority),
		dialingStrategy,
		schedule: { isSchedulingEnabled: false },
	};
	if (c.channel === 'voice') {
		Object.assign(dialingStrategy, {
			dialingOrder: c.dialingOrder,
			maxAttemptsPerRecord: c.maxAttemptsPerRecord,
			defaultRetryPeriod: c.retryPeriod,
			maxRingTime: c.maxRingTime,
		});
		Object.assign(body, {
			dialingMode: 'Agentless',
			experienceFlowName: c.experienceFlowName,
			enableMachineDetect: c.machineDetection,
		});
	} else {
		Object.assign(body, {
			format: 'simple',
			// Kore takes the text base64-encoded (UTF-8).
			message: { message: Buffer.from(c.message ?? '', 'utf8').toString('base64') },
		});
	}
	return body;
}
