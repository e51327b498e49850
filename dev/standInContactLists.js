'use strict';
// The stand-in's contact lists, as Kore's API pages describe them: create one
// (createContactList), list them all (getAllListDetails, no paging), read a list's contacts
// (getAllContacts), read or delete one list, and add contacts to a list by its NAME (v1.1
// addContacts). The store keeps its lists between calls until the stand-in is reset; each function
// answers one call or returns { error, status } with Kore-like wording.

const MAPPING = {
	firstName: 'firstName',
	lastName: 'lastName',
	phoneNumber: 'phoneNumber',
	timeZone: 'timeZone',
	uniqueId: 'uniqueId',
	contactPriority: 'contactPriority',
};
const CONTACT_FIELDS = Object.keys(MAPPING);
/** E.164 as the stand-in checks it: a "+" then 8 to 15 digits. */
const E164 = /^\+\d{8,15}$/;
const EPOCH = Date.UTC(2026, 0, 1);

/**
 * The default lists: one in use by the first default voice campaign, one empty and unused.
 * A spec: { name, description?, allowDuplicates?, contacts?: number | object[], usedBy?: names }.
 */
const DEFAULT_CONTACT_LISTS = [
	{
		name: 'Spring Leads',
		description: 'Leads for the spring promotion (stand-in)',
		contacts: 3,
		usedBy: ['Spring Promo 1 | Voice'],
	},
	{ name: 'Renewals', description: 'Customers up for renewal (stand-in)', allowDuplicates: true },
];

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const listId = (n) => `cl-${String(n).padStart(6, '0')}-standin`;

/**
 * A store of contact lists built from `specs`; `nowIso()` gives the time for what changes later
 * (a configured list's dates are fixed, derived from its place, so answers repeat run to run).
 */
function createContactListStore(specs, nowIso) {
	const lists = [];
	let made = 0;
	let contactsMade = 0;

	function contactRecord(fields, at) {
		contactsMade++;
		return {
			_id: `cc-${String(contactsMade).padStart(6, '0')}-standin`,
			...fields,
			createdAt: at,
			updatedAt: at,
		};
	}

	function addList(spec, at) {
		made++;
		const list = {
			_id: listId(made),
			name: spec.name,
			description: spec.description ?? '',
			status: 'Ready',
			source: spec.source ?? 'passiveApi',
			allowDuplicates: spec.allowDuplicates ?? false,
			listType: 'call',
			usedBy: [...(spec.usedBy ?? [])],
			contacts: [],
			createdAt: at,
			updatedAt: at,
		};
		const given =
			typeof spec.contacts === 'number'
				? Array.from({ length: spec.contacts }, (_, i) => ({
						phoneNumber: `+1444${String(made).padStart(2, '0')}${String(i).padStart(5, '0')}`,
						firstName: `Contact ${i + 1}`,
					}))
				: (spec.contacts ?? []);
		for (const fields of given) list.contacts.push(contactRecord(fields, at));
		lists.push(list);
		return list;
	}

	specs.forEach((spec, i) =>
		addList(
			typeof spec === 'string' ? { name: spec } : spec,
			new Date(EPOCH + i * 60_000).toISOString(),
		),
	);

	const byName = (name) => lists.find((l) => l.name === name);
	const byId = (id) => lists.find((l) => l._id === id);

	return {
		lists,
		byId,
		/** A list by id or name. */
		find: (idOrName) => byId(idOrName) ?? byName(idOrName),

		/** createContactList. */
		create(body) {
			if (!isPlainObject(body)) return { error: 'body must be a JSON object' };
			const allowed = ['name', 'description', 'source', 'allowDuplicates'];
			const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
			if (unknown.length > 0) return { error: `unknown field(s): ${unknown.join(', ')}` };
			const { name, description, source, allowDuplicates } = body;
			if (typeof name !== 'string' || name.trim() === '' || name.length > 48)
				return { error: 'name is required, at most 48 characters' };
			if (
				description !== undefined &&
				(typeof description !== 'string' || description.length > 256)
			)
				return { error: 'description must be text of at most 256 characters' };
			if (source !== 'passiveApi') return { error: 'source must be "passiveApi"' };
			if (typeof allowDuplicates !== 'boolean')
				return { error: 'allowDuplicates must be true or false' };
			// Kore's page does not say what a second list of the same name gets; the stand-in refuses
			// it (exact, case-sensitive match), since addContacts finds a list by name alone.
			if (byName(name) !== undefined)
				return { error: `Contact list ${name} already exists`, status: 400 };
			const list = addList({ name, description, source, allowDuplicates }, nowIso());
			return {
				answer: {
					status: 'success',
					message: `Contact list ${name} created successfully`,
					data: {
						_id: list._id,
						name: list.name,
						description: list.description,
						status: list.status,
						totalRecordCount: 0,
						mapping: { ...MAPPING },
						listType: list.listType,
						campaignInUse: [],
						source: list.source,
						allowDuplicates: list.allowDuplicates,
					},
				},
			};
		},

		/** getAllListDetails; `campaignsUsing(list)` gives [{ id, name }] of campaigns using it. */
		listAll(campaignsUsing) {
			return {
				answer: {
					status: 'success',
					message: 'Contact lists fetched successfully',
					data: lists.map((l) => {
						const campaignInUse = campaignsUsing(l);
						return {
							_id: l._id,
							name: l.name,
							description: l.description,
							totalRecordCount: l.contacts.length,
							status: l.status,
							isListInUse: campaignInUse.length > 0,
							campaignInUse,
							source: l.source,
							updatedAt: l.updatedAt,
						};
					}),
				},
			};
		},

		/**
		 * getAllContacts. Kore documents no paging parameters for it; the stand-in takes the
		 * answer's own names as optional query parameters, `skip` (default 0) and `limit` (1–100;
		 * without it every contact from `skip` on). `paging` misbehaves as a server may: `cap`
		 * answers at most that many whatever `limit` asks (0 = none), `overlap` starts every page
		 * after the first that many contacts early (so they come out twice).
		 */
		contactsOf(id, query = {}, paging = {}) {
			const list = byId(id);
			if (list === undefined) return { error: `Contact list ${id} not found`, status: 404 };
			const whole = (v) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : NaN);
			const skip = whole(query.skip) ?? 0;
			const asked = whole(query.limit);
			if (Number.isNaN(skip)) return { error: 'skip must be a whole number' };
			if (asked !== undefined && !(asked >= 1 && asked <= 100))
				return { error: 'limit must be a whole number from 1 to 100' };
			const total = list.contacts.length;
			const start = skip > 0 ? Math.max(0, skip - (paging.overlap ?? 0)) : 0;
			let size = asked ?? total;
			if (paging.cap > 0) size = Math.min(size, paging.cap);
			const results = list.contacts.slice(start, start + size).map((c) => ({ ...c }));
			const limit = asked ?? total;
			return {
				answer: {
					status: 'success',
					message: 'Contacts fetched successfully',
					data: {
						results,
						skip,
						limit,
						hasMore: start + results.length < total,
						totalPages: total === 0 ? 0 : Math.ceil(total / Math.max(1, limit)),
						totalResults: total,
					},
				},
			};
		},

		/**
		 * GET of one list. Kore's page shows only {status:"success", …}; the stand-in answers the
		 * list as createContactList does, with its count, its campaigns (`campaignsUsing(list)`:
		 * [{ id, name }]) and dates.
		 */
		getList(id, campaignsUsing) {
			const list = byId(id);
			if (list === undefined) return { error: `Contact list ${id} not found`, status: 404 };
			const campaignInUse = campaignsUsing(list);
			return {
				answer: {
					status: 'success',
					message: 'Contact list fetched successfully',
					data: {
						_id: list._id,
						name: list.name,
						description: list.description,
						status: list.status,
						totalRecordCount: list.contacts.length,
						mapping: { ...MAPPING },
						listType: list.listType,
						isListInUse: campaignInUse.length > 0,
						campaignInUse,
						source: list.source,
						allowDuplicates: list.allowDuplicates,
						createdAt: list.createdAt,
						updatedAt: list.updatedAt,
					},
				},
			};
		},

		/**
		 * DELETE of one list: an unknown id is 404 (so a second delete changes nothing). Kore's
		 * page does not say what deleting a list a campaign uses answers; the stand-in refuses it
		 * (400), naming the campaigns.
		 */
		remove(id, campaignsUsing) {
			const list = byId(id);
			if (list === undefined) return { error: `Contact list ${id} not found`, status: 404 };
			const using = campaignsUsing(list);
			if (using.length > 0)
				return {
					error: `Contact list ${list.name} is in use by campaign(s) ${using.map((c) => c.name).join(', ')}`,
				};
			lists.splice(lists.indexOf(list), 1);
			return {
				answer: { status: 'success', message: `Contact list ${list.name} deleted successfully` },
			};
		},

		/**
		 * addContacts (v1.1, by list name). Kore adds asynchronously ("in progress"); the stand-in
		 * adds at once, so a read right after shows the contacts. Skips a phone number the list
		 * already has (or that came earlier in the same call) unless the list allows duplicates.
		 */
		addContacts(body) {
			if (!isPlainObject(body)) return { error: 'body must be a JSON object' };
			const keys = Object.keys(body).sort();
			if (keys.length !== 2 || keys[0] !== 'contact_list_name' || keys[1] !== 'data')
				return { error: 'body must have exactly contact_list_name and data' };
			const { contact_list_name: name, data } = body;
			if (typeof name !== 'string' || name === '')
				return { error: 'contact_list_name is required' };
			if (!Array.isArray(data) || data.length === 0)
				return { error: 'data must be a non-empty array of contacts' };
			for (const [i, contact] of data.entries()) {
				if (!isPlainObject(contact)) return { error: `data[${i}] must be an object` };
				const unknown = Object.keys(contact).filter((k) => !CONTACT_FIELDS.includes(k));
				if (unknown.length > 0)
					return { error: `data[${i}]: unknown field(s): ${unknown.join(', ')}` };
				if (typeof contact.phoneNumber !== 'string' || !E164.test(contact.phoneNumber))
					return { error: `data[${i}].phoneNumber must be E.164: "+" and 8 to 15 digits` };
				for (const key of ['firstName', 'lastName', 'uniqueId', 'timeZone']) {
					if (contact[key] !== undefined && typeof contact[key] !== 'string')
						return { error: `data[${i}].${key} must be text` };
				}
				const priority = contact.contactPriority;
				if (priority !== undefined && typeof priority !== 'string' && typeof priority !== 'number')
					return { error: `data[${i}].contactPriority must be a number or text` };
			}
			const list = byName(name);
			if (list === undefined) return { error: `Contact list ${name} not found`, status: 404 };
			const at = nowIso();
			const seen = new Set(list.contacts.map((c) => c.phoneNumber));
			let added = 0;
			for (const contact of data) {
				if (!list.allowDuplicates && seen.has(contact.phoneNumber)) continue;
				seen.add(contact.phoneNumber);
				list.contacts.push(contactRecord({ ...contact }, at));
				added++;
			}
			if (added > 0) list.updatedAt = at;
			// Kore's answer has no `status` field at all.
			return { answer: { message: 'Adding contacts to public list is in progress' }, added };
		},
	};
}

module.exports = { DEFAULT_CONTACT_LISTS, E164, createContactListStore };
