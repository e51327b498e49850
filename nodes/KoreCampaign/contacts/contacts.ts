import { checkTimezone } from '../dates/dates';
import { InputError, showValue } from '../errors/errors';
import { wholeNumber } from '../run/parameters';

/** Contacts and contact-list names as Kore.ai takes them, checked before anything is sent. */

/** Longest list name and description Kore.ai's createContactList accepts. */
export const MAX_LIST_NAME = 48;
export const MAX_LIST_DESCRIPTION = 256;

/** Kore documents no range for a contact's priority; beyond 100 is surely a mistake. */
export const MAX_CONTACT_PRIORITY = 100;

/** E.164: "+", then the country code and number, 8 to 15 digits in all. */
const E164 = /^\+\d{8,15}$/;
/** What people put in phone numbers for readability: spaces, dashes, dots, brackets. */
const READABILITY = /[\s\-.()[\]]/g;
/** The trunk prefix UK/German numbers show: a "(0)" right after the leading "+" and 1–3 digits. */
const TRUNK_ZERO = /^(\+\d{1,3})\s*\(0\)/;

/** One contact as sent in addContacts' `data` (only the fields given). */
export interface Contact {
	phoneNumber: string;
	firstName?: string;
	lastName?: string;
	uniqueId?: string;
	timeZone?: string;
	contactPriority?: number;
}

/** One item's contact fields as n8n resolved them: anything an expression can produce. */
export interface ContactFields {
	phoneNumber: unknown;
	firstName?: unknown;
	lastName?: unknown;
	uniqueId?: unknown;
	timeZone?: unknown;
	contactPriority?: unknown;
}

/** Text a sheet cell may give as text or as a number; undefined for nothing. */
function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/** Nothing given: an expression over an empty cell gives "", null or undefined. */
function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** A phone number in E.164 form: a "(0)" right after the country code is dropped (`+44 (0)20 7946
 * 0958` is sent as `+442079460958`), then spaces, dashes, dots and brackets (`+1 (415) 555-0123`
 * is sent as `+14155550123`); what is left must be "+" and 8 to 15 digits, not starting "+0". */
export function phoneNumberOf(value: unknown): string {
	const accepted =
		'Use the international (E.164) form: "+", the country code and the number, 8 to 15 digits in all, e.g. "+14155550123" or "+49 30 1234567" (spaces, dashes, dots and brackets are dropped, and so is a "(0)" right after the country code).';
	if (isBlank(value)) throw new InputError(`Phone Number is empty. ${accepted}`, 'phoneNumber');
	const text = textOf(value);
	const number = text?.replace(TRUNK_ZERO, '$1').replace(READABILITY, '');
	if (number === undefined || !E164.test(number)) {
		throw new InputError(
			`Phone Number: ${showValue(value)} is not a phone number Kore.ai can dial. ${accepted}`,
			'phoneNumber',
		);
	}
	if (number.startsWith('+0')) {
		throw new InputError(
			`Phone Number: ${showValue(value)} is not a phone number Kore.ai can dial: no country code starts with 0. Put the country code right after the "+" (the UK number 020 7946 0958 is "+44 20 7946 0958"). ${accepted}`,
			'phoneNumber',
		);
	}
	return number;
}

/** An optional text field of a contact: text, or a number as its digits; blank leaves it out. */
function optionalText(value: unknown, label: string, field: string): string | undefined {
	if (isBlank(value)) return undefined;
	const text = textOf(value);
	if (text === undefined) {
		throw new InputError(`${label}: got ${showValue(value)}; use text or leave it empty.`, field);
	}
	return text;
}

/** Checks one item's contact and returns what is sent for it, or throws naming the field. */
export function contactOf(fields: ContactFields): Contact {
	const contact: Contact = { phoneNumber: phoneNumberOf(fields.phoneNumber) };
	const firstName = optionalText(fields.firstName, 'First Name', 'additionalFields.firstName');
	const lastName = optionalText(fields.lastName, 'Last Name', 'additionalFields.lastName');
	const uniqueId = optionalText(fields.uniqueId, 'Unique ID', 'additionalFields.uniqueId');
	if (firstName !== undefined) contact.firstName = firstName;
	if (lastName !== undefined) contact.lastName = lastName;
	if (uniqueId !== undefined) contact.uniqueId = uniqueId;
	if (!isBlank(fields.timeZone)) {
		contact.timeZone = checkTimezone(
			fields.timeZone,
			'additionalFields.timeZone',
			'Time Zone',
			'leave the field empty',
		);
	}
	if (!isBlank(fields.contactPriority)) {
		contact.contactPriority = wholeNumber(
			fields.contactPriority,
			'Contact Priority',
			'additionalFields.contactPriority',
			MAX_CONTACT_PRIORITY,
		);
	}
	return contact;
}

/** A contact list's name as given (text, or a number a sheet cell gave), surrounding spaces
 * dropped; `max` characters at most when given (creating a list). */
export function contactListNameOf(
	value: unknown,
	label: string,
	field: string,
	max?: number,
): string {
	const name = textOf(value) ?? '';
	if (name === '') {
		throw new InputError(
			`${label} ${isBlank(value) ? 'is empty' : `got ${showValue(value)}`}: enter the exact name of the contact list as it appears in Kore.ai.`,
			field,
		);
	}
	if (max !== undefined && name.length > max) {
		throw new InputError(
			`${label}: ${showValue(name)} has ${name.length} characters; Kore.ai allows at most ${max}.`,
			field,
		);
	}
	return name;
}

/** A list's description: text up to MAX_LIST_DESCRIPTION characters; blank is none. */
export function listDescriptionOf(value: unknown): string | undefined {
	const text = optionalText(value, 'Description', 'options.description');
	if (text !== undefined && text.length > MAX_LIST_DESCRIPTION) {
		throw new InputError(
			`Description has ${text.length} characters; Kore.ai allows at most ${MAX_LIST_DESCRIPTION}.`,
			'options.description',
		);
	}
	return text === '' ? undefined : text;
}
