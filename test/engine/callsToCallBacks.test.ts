/**
 * The chain users build: Call → Get Many, keep the calls whose disposition asks for a call-back,
 * Campaign → Schedule Call-Back from their ids. What one operation outputs the other accepts.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../dev/engine';
import { clientCredentials } from '../../dev/fixtures';
import { useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn({
	campaigns: [{ name: 'Renewals | Voice', type: 'voice', status: 'Active', contacts: 4 }],
	calls: [{ from: '2027-01-04T00:00:00Z', days: 2, count: 60 }],
});

it('the calls asking for a call-back are called back by the ids Get Many outputs: each once, none refused', async () => {
	const calls = await runNode({
		parameters: {
			resource: 'call',
			operation: 'getMany',
			startDate: '2027-01-04T00:00:00Z',
			endDate: '2027-01-06T00:00:00Z',
			returnAll: true,
			options: { requestsPerMinute: 0 },
		},
		credentials: clientCredentials(kore),
	});
	expect(calls).toHaveLength(60);
	const wanted: INodeExecutionData[] = calls
		.filter((c) => (c.json.dispositions as string[]).includes('Call Back Later'))
		.map((c) => ({ json: c.json }));
	// One call-back per dialing-list entry: the latest call of each entry.
	const byEntry = new Map<string, INodeExecutionData>();
	for (const item of wanted) byEntry.set(item.json.campaignDialingListId as string, item);
	const input = [...byEntry.values()];
	expect(input.length).toBeGreaterThan(0);

	const out = await runNode({
		items: input,
		parameters: {
			resource: 'campaign',
			operation: 'scheduleCallback',
			campaignInstanceId: '={{ $json.campaignInstanceId }}',
			campaignDialingListId: '={{ $json.campaignDialingListId }}',
			callAt: '2031-03-01T09:00:00Z',
			options: { requestsPerMinute: 0 },
		},
		credentials: clientCredentials(kore),
	});
	expect(out.map((o) => (o.json as IDataObject).status)).toEqual(input.map(() => 'success'));
	expect(kore.callBacks).toEqual(
		input.map((i) => ({
			campaignInstanceId: i.json.campaignInstanceId,
			campaignDialingListId: i.json.campaignDialingListId,
			timeToContact: '2031-03-01T09:00:00Z',
		})),
	);
});
