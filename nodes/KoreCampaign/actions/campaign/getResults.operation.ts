import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError, withOutputs } from '../../errors/errors';
import { dryRunJson } from '../../run/output';
import { readItemOptions, wholeNumber } from '../../run/parameters';
import type { KoreConnection } from '../../transport/connection';
import { enc, v2Url } from '../../transport/endpoints';
import type { KoreRequest } from '../../transport/request';
import {
	campaignNameField,
	dryRunOption,
	optionsCollection,
	runSettingOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { defineOperation } from '../operation';
import type { CampaignRef, CampaignTarget } from '../../campaigns/campaignTarget';
import { describeTarget, findCampaign, readCampaignRef } from '../../campaigns/campaignTarget';
import { isPlainObject } from '../../transport/isPlainObject';

/** A voice campaign's per-contact results (Kore's page sends no accountId here). */
export const contactResultsUrl = (c: KoreConnection, campaignId: string) =>
	v2Url(c, `${enc(campaignId)}/status`, 'view=contacts');

const RESOURCE = 'campaign';
const OPERATION = 'getResults';

/** Contacts per call: the most Kore's page allows (`limit` 1–100). */
export const RESULTS_PAGE_SIZE = 100;
/** Largest Limit without Return All. */
const MAX_LIMIT = 10_000;
/** No walk reads more pages than this (100,000 contacts): every loop is bounded. */
export const MAX_RESULT_PAGES = 1_000;

const description: INodeProperties[] = [
	...campaignNameField(OPERATION, { byId: true }),
	...returnAllAndLimit(RESOURCE, OPERATION, MAX_LIMIT),
	optionsCollection(RESOURCE, OPERATION, [dryRunOption, ...runSettingOptions]),
];

/** One Get Contact Results item, read: which campaign, how many contacts, or only describe. */
interface ResultsItem {
	ref: CampaignRef;
	/** Undefined: all of them. */
	limit?: number;
	dryRun: boolean;
}

/** The call for one page of a voice campaign's per-contact results (a read, safe to repeat). */
export function resultsRequest(
	connection: KoreConnection,
	target: CampaignTarget,
	page: number,
	pageSize: number,
): KoreRequest {
	return {
		method: 'POST',
		url: contactResultsUrl(connection, target.id),
		body: { page, limit: pageSize },
		repeatable: true,
		label: `Contact results of ${describeTarget(target)}, page ${page}`,
	};
}

/** One page of Kore's results, with its counts when it gives them. */
export interface ResultsPage {
	results: Array<Record<string, unknown>>;
	totalPages?: number;
	totalResults?: number;
}

/** Kore's results page (`data.results`, `data.totalPages`, `data.totalResults`), or undefined when
 * it is not one. */
export function readResultsPage(answer: Record<string, unknown>): ResultsPage | undefined {
	const data = answer.data;
	if (!isPlainObject(data) || !Array.isArray(data.results) || !data.results.every(isPlainObject))
		return undefined;
	const totalPages = Number.isInteger(data.totalPages) ? (data.totalPages as number) : undefined;
	const totalResults =
		Number.isInteger(data.totalResults) && (data.totalResults as number) >= 0
			? (data.totalResults as number)
			: undefined;
	return {
		results: data.results,
		...(totalPages !== undefined ? { totalPages } : {}),
		...(totalResults !== undefined ? { totalResults } : {}),
	};
}

/** The larger of two counts, either of which may be missing. */
function largest(a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** One contact's result as the node outputs it: the campaign, then Kore's fields. */
export function contactResultJson(
	record: Record<string, unknown>,
	target: CampaignTarget,
): IDataObject {
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	return {
		campaignId: target.id,
		campaignName: target.name,
		phoneNumber: text(record.phoneNumber),
		uniqueId: text(record.uniqueId),
		dialerOutcome: text(record.dialerOutcome),
		attempts: typeof record.numberOfAttemptsSoFar === 'number' ? record.numberOfAttemptsSoFar : 0,
		botOutboundStatus: text(record.botOutboundStatus),
		botOutboundStatusDetail: text(record.botOutboundStatusDetail),
		agentDispositionCodes: Array.isArray(record.agentDispositionCodes)
			? (record.agentDispositionCodes as IDataObject[])
			: [],
		botSessionId: text(record.botSessionId),
	};
}

/** Get Contact Results: a voice campaign's per-contact outcomes, one output item per contact, read
 * page by page (`page` from 1, up to 100 per call). */
export const getResults = defineOperation<ResultsItem>({
	resource: RESOURCE,
	option: {
		name: 'Get Contact Results',
		value: OPERATION,
		description: "Get each contact's call outcome in a voice campaign, one item per contact",
		action: 'Get contact results of a campaign',
	},
	description,
	prepare({ read, itemIndex, workflowTimezone }) {
		const returnAll = read('returnAll', itemIndex, false) === true;
		return {
			ref: readCampaignRef(read, itemIndex),
			limit: returnAll
				? undefined
				: wholeNumber(read('limit', itemIndex, 50), 'Limit', 'limit', MAX_LIMIT),
			dryRun: readItemOptions(read, itemIndex, workflowTimezone).dryRun,
		};
	},
	// A failure after some pages keeps what was read.
	async execute(run, item) {
		const { ctx, client, itemIndex } = run;
		const target = await findCampaign(run, item.ref);
		if (target.channel !== 'voice') {
			throw new NodeOperationError(
				ctx.getNode(),
				`${JSON.stringify(target.name)} is an SMS campaign: Kore.ai offers per-contact results for voice campaigns only.`,
				{
					itemIndex,
					description: "Choose a voice campaign, or use Get for the SMS campaign's status.",
				},
			);
		}
		const wanted = item.limit ?? Number.POSITIVE_INFINITY;
		const pageSize = Math.min(RESULTS_PAGE_SIZE, wanted);
		if (item.dryRun) {
			const summary = { operation: OPERATION, id: target.id, name: target.name, type: 'voice' };
			return [dryRunJson(summary, resultsRequest(client.connection, target, 1, pageSize), client)];
		}
		const contacts: IDataObject[] = [];
		const seen = new Set<string>();
		// Kore's counts, the largest any page gave.
		let totalPages: number | undefined;
		let totalResults: number | undefined;
		for (let page = 1; contacts.length < wanted; page++) {
			if (page > MAX_RESULT_PAGES) {
				throw withOutputs(
					new InputError(
						`Kore.ai has more than ${contacts.length} contact results for the ${describeTarget(target)}; the node stops there.`,
						'returnAll',
						'Set a Limit to read fewer contacts.',
					),
					contacts,
				);
			}
			const request = resultsRequest(client.connection, target, page, pageSize);
			let read: ResultsPage | undefined;
			try {
				const answer = await client.send(request, itemIndex);
				read = readResultsPage(answer);
				if (read === undefined)
					throw client.unreadable(request, 'contact results (data.results)', answer, itemIndex);
			} catch (error) {
				throw withOutputs(error as Error, contacts);
			}
			totalPages = largest(totalPages, read.totalPages);
			totalResults = largest(totalResults, read.totalResults);
			for (const record of read.results) {
				if (contacts.length >= wanted) break;
				// A contact handed out on two pages comes out once.
				const id = record.uniqueId;
				if (typeof id === 'string' && id !== '') {
					if (seen.has(id)) continue;
					seen.add(id);
				}
				contacts.push(contactResultJson(record, target));
			}
			// The last page: Kore's totalPages, even past an empty page; else a short or empty one.
			const last = totalPages !== undefined ? page >= totalPages : read.results.length < pageSize;
			if (last) break;
		}
		const expected = Math.min(wanted, totalResults ?? 0);
		if (contacts.length < expected) {
			throw withOutputs(
				new NodeOperationError(
					ctx.getNode(),
					`Contact results of ${describeTarget(target)}: read ${contacts.length} of ${expected}, as Kore.ai's pages ended before every contact it counts came back.`,
					{
						itemIndex,
						description:
							'The node returns the results whole or not at all. Run it again: the results of a campaign that is dialling can change while they are read. If it stays short, Kore.ai is not handing out every contact it counts; with Settings → On Error set to continue, the contacts that were read come out before this error.',
					},
				),
				contacts,
			);
		}
		return contacts;
	},
});
