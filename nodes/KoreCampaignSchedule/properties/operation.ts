import type { INodeProperties } from 'n8n-workflow';

/** What to do with the campaign's recurring schedule. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'schedule',
	options: [
		{
			name: 'Schedule',
			value: 'schedule',
			description: 'Enable a Daily or Weekly recurring schedule for the campaign',
			action: 'Schedule a campaign',
		},
		{
			name: 'Disable Schedule',
			value: 'disableSchedule',
			description: "Turn off the campaign's recurring schedule",
			action: 'Disable a campaign schedule',
		},
	],
};
