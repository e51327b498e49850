/**
 * Campaign Delete (issue 34): finds the campaign by name or id, sends Kore's DELETE with its
 * channel, and is safe to repeat: rows of one run share one call, and a 404 on the retry of an
 * attempt whose answer was lost means that attempt deleted it.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, runWorkflow } from '../../dev/engine';
import { clientCredentials, KORE } from '../../dev/fixtures';
import { GONE_AFTER_LOST_ANSWER } from '../../nodes/KoreCampaign/actions/campaign/delete.operation';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const VOICE = { id: 'cd-000001-standin', name: 'Spring | Voice' };
const SMS = { id: 'sms-000002-standin', name: 'Renewal | SMS' };
const ACTIVE = { id: 'cd-000003-standin', name: 'Running | Voice' };

const kore = useKoreStandIn({
	campaigns: [
		{ name: VOICE.name, type: 'voice', status: 'Ready' },
		{ name: SMS.name, type: 'sms', status: 'Completed' },
		{ name: ACTIVE.name, type: 'voice', status: 'Active' },
	],
});

const credentials = () => clientCredentials(kore);
const remove = (campaign: IDataObject, options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'delete',
	campaignName: { __rl: true, ...campaign },
	options: { requestsPerMinute: 0, ...options },
});
type Call = { method: string; query: IDataObject; path: string };
const deleteCalls = (): Call[] => kore.deleteCalls;

describe('Campaign Delete', () => {
	it('by name: one DELETE with the campaign’s channel; outputs it as deleted, and Kore no longer has it', async () => {
		const out = await runNode({
			parameters: remove({ mode: 'name', value: SMS.name }),
			credentials: credentials(),
		});
		expect(deleteCalls()).toHaveLength(1);
		expect(deleteCalls()[0].path).toMatch(new RegExp(`/campaign/${SMS.id}$`));
		expect(deleteCalls()[0].query).toEqual({ accountId: kore.accountId, campaignType: 'sms' });
		expect(out.map((o) => o.json)).toEqual([
			{
				id: SMS.id,
				name: SMS.name,
				type: 'sms',
				deleted: true,
				message: `Campaign ${SMS.name} deleted successfully`,
				callSentByItem: 0,
			},
		]);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(kore.findCampaign(SMS.id)).toBeUndefined();
	});

	it('deleting twice changes nothing: two rows share one DELETE; a second run finds no campaign and sends none', async () => {
		const out = await runNode({
			items: [{ json: {} }, { json: {} }],
			parameters: remove({ mode: 'id', value: VOICE.id }),
			credentials: credentials(),
		});
		expect(deleteCalls()).toHaveLength(1);
		expect(deleteCalls()[0].query.campaignType).toBe('voice');
		expect(out.map((o) => [o.json.deleted, o.json.callSentByItem, o.pairedItem])).toEqual([
			[true, 0, { item: 0 }],
			[true, 0, { item: 1 }],
		]);
		const again = await runNodeExpectingError({
			parameters: remove({ mode: 'id', value: VOICE.id }),
			credentials: credentials(),
		});
		expect(again.message).toContain(`Campaign ${VOICE.id} not found`);
		expect(deleteCalls()).toHaveLength(1);
	});

	it('a 404 on the retry after an attempt whose answer was lost: output as deleted, saying so', async () => {
		kore.failRoute('delete', { kind: 'reset', apply: true });
		const out = await runNode({
			parameters: remove({ mode: 'name', value: VOICE.name }),
			credentials: credentials(),
		});
		expect(deleteCalls().map((c) => c.method)).toEqual(['DELETE', 'DELETE']);
		expect(kore.findCampaign(VOICE.id)).toBeUndefined();
		expect(out.map((o) => o.json)).toEqual([
			{
				id: VOICE.id,
				name: VOICE.name,
				type: 'voice',
				deleted: true,
				message: GONE_AFTER_LOST_ANSWER,
				callSentByItem: 0,
			},
		]);
	});

	it('a running campaign: Kore’s refusal passed on with the advice to stop it first (Continue on Fail: an error item)', async () => {
		const { outputs } = await runWorkflow({
			items: [{ json: {} }, { json: {} }],
			parameters: (i) => remove({ mode: 'name', value: i === 0 ? ACTIVE.name : SMS.name }),
			credentials: credentials(),
			continueOnFail: true,
		});
		const [refused, deleted] = outputs[0];
		const error = refused.json.error as IDataObject;
		expect(error.message).toBe(
			`Deleting voice campaign "${ACTIVE.name}": Kore.ai answered HTTP 400: Campaign ${ACTIVE.name} is Active and cannot be deleted; stop it first`,
		);
		expect(error.description).toContain('stop it first with the Stop operation');
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect(deleted.json).toMatchObject({ id: SMS.id, deleted: true });
		expect(kore.findCampaign(ACTIVE.id)).toBeDefined();
	});

	it('Dry Run: the DELETE as it would be sent, nothing deleted', async () => {
		const out = await runNode({
			parameters: remove({ mode: 'id', value: VOICE.id }, { dryRun: true }),
			credentials: credentials(),
		});
		expect(deleteCalls()).toHaveLength(0);
		expect(out[0].json).toMatchObject({
			dryRun: true,
			operation: 'delete',
			id: VOICE.id,
			type: 'voice',
			request: {
				method: 'DELETE',
				url: `${kore.url}/campaign/api/v2/public/${KORE.botId}/campaign/${VOICE.id}?accountId=${kore.accountId}&campaignType=voice`,
			},
		});
		expect(kore.findCampaign(VOICE.id)).toBeDefined();
	});
});
