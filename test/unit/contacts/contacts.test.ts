import {
	contactListNameOf,
	contactOf,
	listDescriptionOf,
	phoneNumberOf,
} from '../../../nodes/KoreCampaign/contacts/contacts';
import { InputError } from '../../../nodes/KoreCampaign/errors/errors';
import { thrown } from '../../helpers/thrown';

describe('phoneNumberOf', () => {
	it.each([
		['+14155550123', '+14155550123'],
		['+1 (415) 555-0123', '+14155550123'],
		['  +49.30.123 4567 ', '+49301234567'],
		['+44 [0]20 7946 0958', '+4402079460958'],
		['+12345678', '+12345678'],
		['+123456789012345', '+123456789012345'],
	])('%j is sent as %j', (given, sent) => expect(phoneNumberOf(given)).toBe(sent));

	it.each([
		// UK and Germany: the "(0)" trunk prefix right after the country code is dropped.
		['+44 (0)20 7946 0958', '+442079460958'],
		['+44(0)20 7946 0958', '+442079460958'],
		['+44 (0) 20-7946-0958', '+442079460958'],
		['+49 (0) 30 1234567', '+49301234567'],
		['+49(0)30.1234567', '+49301234567'],
		['+353 (0)1 234 5678', '+35312345678'],
		// Italy dials the 0 after the country code: a bare 0 is kept.
		['+39 06 1234 5678', '+390612345678'],
		['+39 (06) 1234 5678', '+390612345678'],
		// A "(0)" anywhere else, or a "[0]", is one more digit, as before.
		['+44 20 (0)7946 0958', '+4420079460958'],
		['+4420 (0)7946 0958', '+4420079460958'],
		['+44 (020) 7946 0958', '+4402079460958'],
		['+44 [0]20 7946 0958', '+4402079460958'],
		['+1 (415) 555-0123', '+14155550123'],
		['+49 30 1234567', '+49301234567'],
	])('trunk prefix: %j is sent as %j', (given, sent) => expect(phoneNumberOf(given)).toBe(sent));

	it.each([['+0123456789'], ['+0 20 7946 0958'], ['+(0)20 7946 0958'], ['  +044 20 7946 0958']])(
		'refuses %j: no country code starts with 0, naming the value',
		(given) => {
			const error = thrown(() => phoneNumberOf(given));
			expect(error).toBeInstanceOf(InputError);
			expect(error.field).toBe('phoneNumber');
			expect(error.message).toBe(
				`Phone Number: ${JSON.stringify(given)} is not a phone number Kore.ai can dial: no country code starts with 0. Put the country code right after the "+" (the UK number 020 7946 0958 is "+44 20 7946 0958"). Use the international (E.164) form: "+", the country code and the number, 8 to 15 digits in all, e.g. "+14155550123" or "+49 30 1234567" (spaces, dashes, dots and brackets are dropped, and so is a "(0)" right after the country code).`,
			);
		},
	);

	it.each([
		['4155550123'],
		['+1234567'],
		['+1234567890123456'],
		['+1 555 CALL'],
		['++14155550123'],
		['+1/415/5550123'],
		['00491511234567'],
		[4915112345678],
		[{ number: '+14155550123' }],
		[true],
	])('refuses %j, naming the value and what is accepted', (given) => {
		const error = thrown(() => phoneNumberOf(given));
		expect(error).toBeInstanceOf(InputError);
		expect(error.field).toBe('phoneNumber');
		expect(error.message).toMatch(
			/^Phone Number: .+ is not a phone number Kore.ai can dial\. Use the international \(E\.164\) form: "\+", the country code and the number, 8 to 15 digits in all/,
		);
	});

	it.each([[''], ['   '], [undefined], [null]])('an empty %j says it is empty', (given) =>
		expect(thrown(() => phoneNumberOf(given)).message).toMatch(
			/^Phone Number is empty\. Use the international/,
		),
	);
});

describe('contactOf', () => {
	it('sends only the fields given; names and ids as text, numbers as their digits', () => {
		expect(contactOf({ phoneNumber: '+14155550123' })).toEqual({ phoneNumber: '+14155550123' });
		expect(
			contactOf({
				phoneNumber: '+14155550123',
				firstName: ' Ada ',
				lastName: '',
				uniqueId: 1234,
				timeZone: 'Asia/Kolkata',
				contactPriority: '2',
			}),
		).toEqual({
			phoneNumber: '+14155550123',
			firstName: 'Ada',
			uniqueId: '1234',
			timeZone: 'Asia/Kolkata',
			contactPriority: 2,
		});
		expect(
			contactOf({ phoneNumber: '+14155550123', timeZone: 'UTC', contactPriority: null }),
		).toEqual({ phoneNumber: '+14155550123', timeZone: 'UTC' });
	});
	it.each([
		[
			{ timeZone: 'EST5' },
			'additionalFields.timeZone',
			/^Time Zone: "EST5" is not a known IANA timezone\. .*or leave the field empty\.$/,
		],
		[
			{ contactPriority: 101 },
			'additionalFields.contactPriority',
			/^Contact Priority must be a whole number from 1 to 100; got 101\.$/,
		],
		[{ contactPriority: 1.5 }, 'additionalFields.contactPriority', /got 1\.5/],
		[
			{ lastName: ['x'] },
			'additionalFields.lastName',
			/^Last Name: got \["x"\]; use text or leave it empty\.$/,
		],
		[{ uniqueId: false }, 'additionalFields.uniqueId', /^Unique ID: got false/],
	])('refuses %j naming %s', (fields, field, message) => {
		const error = thrown(() => contactOf({ phoneNumber: '+14155550123', ...fields }));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});
});

describe('contact list names and descriptions', () => {
	it('trims names, takes a number as its digits, checks the length when asked', () => {
		expect(contactListNameOf('  Leads  ', 'Contact List', 'contactList')).toBe('Leads');
		expect(contactListNameOf(2027, 'Contact List', 'contactList')).toBe('2027');
		expect(contactListNameOf('x'.repeat(48), 'List Name', 'listName', 48)).toHaveLength(48);
		expect(
			thrown(() => contactListNameOf('x'.repeat(49), 'List Name', 'listName', 48)).message,
		).toBe(`List Name: "${'x'.repeat(49)}" has 49 characters; Kore.ai allows at most 48.`);
		expect(thrown(() => contactListNameOf(' ', 'Contact List', 'contactList')).message).toBe(
			'Contact List is empty: enter the exact name of the contact list as it appears in Kore.ai.',
		);
		expect(thrown(() => contactListNameOf({}, 'Contact List', 'contactList')).message).toBe(
			'Contact List got {}: enter the exact name of the contact list as it appears in Kore.ai.',
		);
	});
	it('a description is optional text of at most 256 characters', () => {
		expect(listDescriptionOf('')).toBeUndefined();
		expect(listDescriptionOf(undefined)).toBeUndefined();
		expect(listDescriptionOf(' From the sheet ')).toBe('From the sheet');
		expect(listDescriptionOf('d'.repeat(256))).toHaveLength(256);
		expect(thrown(() => listDescriptionOf('d'.repeat(257))).field).toBe('options.description');
	});
});
