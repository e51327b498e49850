import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../transport/isPlainObject';

/** The fields of the item, in this order; every other field of `contactData` follows them. */
export const ITEM_FIELDS = [
	'campaignName',
	'campaignId',
	'dialingId',
	'phoneNumber',
	'firstName',
	'lastName',
] as const;

export type PreCallRead = { ok: true; item: IDataObject } | { ok: false; message: string };

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const present = (value: unknown) =>
	(typeof value === 'string' && value.trim() !== '') || typeof value === 'number';

/**
 * Kore's request `{CampaignName, CampaignId, DialingId, contactData{…}}` read into the one item
 * the workflow starts with. A field Kore leaves out is an empty string, so IF conditions on it
 * never fail on a missing value.
 */
export function readPreCallRequest(body: unknown): PreCallRead {
	if (!isPlainObject(body))
		return {
			ok: false,
			message:
				'The request body must be a JSON object: {"CampaignName", "CampaignId", "DialingId", "contactData": {…}}',
		};
	const missing = [
		present(body.CampaignId) ? undefined : 'CampaignId',
		isPlainObject(body.contactData) ? undefined : 'contactData',
	].filter((name) => name !== undefined);
	if (missing.length > 0)
		return {
			ok: false,
			message: `The request has no ${missing.join(' and no ')}: this URL answers Kore.ai's pre-call contact check, which always sends them`,
		};
	const contact = body.contactData as IDataObject;
	const item: IDataObject = {
		campaignName: text(body.CampaignName),
		campaignId: text(body.CampaignId),
		dialingId: text(body.DialingId),
		phoneNumber: text(contact.phoneNumber),
		firstName: text(contact.firstName),
		lastName: text(contact.lastName),
	};
	for (const [name, value] of Object.entries(contact)) if (!(name in item)) item[name] = value;
	return { ok: true, item };
}
