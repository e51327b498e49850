import type { INodeProperties } from 'n8n-workflow';

import { KORE_TIMEZONE_DEFAULT } from '../dates';

/**
 * Optional settings. Rate limit, concurrency, retries and timeout apply to the whole run; their
 * defaults here are the ones the node uses (actions/executionSettings reads them from here).
 */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to return the exact request that would be sent (token redacted) instead of calling Kore.ai',
		},
		{
			displayName: 'Kore Timezone',
			name: 'koreTimezone',
			type: 'string',
			default: KORE_TIMEZONE_DEFAULT,
			placeholder: KORE_TIMEZONE_DEFAULT,
			description:
				'IANA timezone Kore.ai reads the sent start and end in (Schedule only). Kore.ai documents UTC; change it only if your Kore.ai deployment says otherwise.',
		},
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
			description:
				'How many calls may be in flight at once (the rate limit decides when each starts). Output order always follows input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			description:
				'How often to retry a call that hit the rate limit, a gateway error (502/503/504), a timeout or a dropped connection. Other errors are never retried.',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				"Kore.ai allows 60 campaign API calls per minute per account; the node spaces its calls to stay within this. 0 = no limit (on-premises hosts without one).",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
			description: 'How long to wait for Kore.ai to answer one call',
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'Europe/Berlin',
			description:
				"IANA timezone in which a start or end without an offset (e.g. 2027-03-01 09:00) is meant (Schedule only). Leave empty to use the workflow's timezone. Values are converted to UTC before they are sent.",
		},
	],
};
