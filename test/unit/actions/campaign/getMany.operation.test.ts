import { getMany } from '../../../../nodes/KoreCampaign/actions/campaign/getMany.operation';
import { readConnection } from '../../../../nodes/KoreCampaign/transport/connection';
import { clientCredentials } from '../../../../dev/fixtures';
import { thrown } from '../../../helpers/thrown';

const connection = readConnection(clientCredentials('https://platform.kore.ai/'));

/** Get Many's check of one item, with the parameters n8n would give. */
function prepare(parameters: Record<string, unknown>) {
	return getMany.prepare({
		read: (name, _item, fallback) => (name in parameters ? parameters[name] : fallback),
		itemIndex: 0,
		nowMs: 0,
		connection,
		workflowTimezone: 'UTC',
	});
}

describe('Get Many: reading an item', () => {
	it.each([
		[{}, { channels: ['voice', 'sms'], limit: 50, statuses: [] }],
		[
			{ campaignType: 'sms', returnAll: true, filters: { status: ['Ready', 'paused'] } },
			{ channels: ['sms'], limit: undefined, statuses: ['Ready', 'Paused'] },
		],
		[
			{ campaignType: 'voice', limit: '7', filters: { status: ' ready , ACTIVE' } },
			{ channels: ['voice'], limit: 7, statuses: ['Ready', 'Active'] },
		],
		[
			{ filters: { status: [' Stopped '] } },
			{ channels: ['voice', 'sms'], limit: 50, statuses: ['Stopped'] },
		],
		[{ filters: { status: '  ' } }, { channels: ['voice', 'sms'], limit: 50, statuses: [] }],
		[{ filters: null }, { channels: ['voice', 'sms'], limit: 50, statuses: [] }],
	])('%j reads as %j', (parameters, expected) =>
		expect(prepare(parameters)).toStrictEqual(expected),
	);

	it.each([
		[
			{ campaignType: 'email' },
			'campaignType',
			'Campaign Type: "email" is not supported; use "all", "voice" or "sms".',
		],
		[{ limit: 0 }, 'limit', 'Limit must be a whole number from 1 to 10000; got 0.'],
		[
			{ filters: { status: [5] } },
			'filters.status',
			'Filters → Status: 5 is not a Kore.ai campaign status. Use any of Active, Completed, Ready, Paused, Preparing, Stopped, Scheduled, Rescheduled.',
		],
		[
			{ filters: { status: 'Ready,Done' } },
			'filters.status',
			'Filters → Status: "Done" is not a Kore.ai campaign status. Use any of Active, Completed, Ready, Paused, Preparing, Stopped, Scheduled, Rescheduled.',
		],
	])('%j is refused on %s', (parameters, field, message) => {
		const error = thrown(() => prepare(parameters));
		expect([error.field, error.message]).toEqual([field, message]);
	});
});
