import type { INodeProperties } from 'n8n-workflow';

/** Optional settings, shared by both operations unless noted. */
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
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'Europe/Berlin',
			description:
				"IANA timezone in which start and end are sent to Kore.ai (Schedule only). Leave empty to use the workflow's timezone.",
		},
	],
};
