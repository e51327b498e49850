import { readPreCallRequest } from '../../../nodes/KoreCampaign/preCall/preCallRequest';

const SAMPLE = {
	CampaignName: 'Spring Promo | Voice',
	CampaignId: 'cd-671b3bd0',
	DialingId: 'cdl-5f0e1d2c',
	contactData: {
		phoneNumber: '+14155550101',
		firstName: 'Ada',
		lastName: 'Lovelace',
		crmId: 'L-1001',
		timeZone: 'America/Los_Angeles',
	},
};

describe("Kore's pre-call request as the workflow's item", () => {
	it('the six named fields first, then every other field of contactData', () => {
		const read = readPreCallRequest(SAMPLE);
		expect(read).toEqual({
			ok: true,
			item: {
				campaignName: 'Spring Promo | Voice',
				campaignId: 'cd-671b3bd0',
				dialingId: 'cdl-5f0e1d2c',
				phoneNumber: '+14155550101',
				firstName: 'Ada',
				lastName: 'Lovelace',
				crmId: 'L-1001',
				timeZone: 'America/Los_Angeles',
			},
		});
		expect(Object.keys(read.ok ? read.item : {}).slice(0, 6)).toEqual([
			'campaignName',
			'campaignId',
			'dialingId',
			'phoneNumber',
			'firstName',
			'lastName',
		]);
	});

	it('a field Kore leaves out is an empty string; a contact field cannot replace a campaign field', () => {
		const read = readPreCallRequest({
			CampaignId: 42,
			contactData: { phoneNumber: 14155550101, campaignId: 'forged' },
		});
		expect(read).toEqual({
			ok: true,
			item: {
				campaignName: '',
				campaignId: '42',
				dialingId: '',
				phoneNumber: '14155550101',
				firstName: '',
				lastName: '',
			},
		});
	});

	it.each([
		[{ ...SAMPLE, CampaignId: undefined }, 'no CampaignId'],
		[{ ...SAMPLE, CampaignId: ' ' }, 'no CampaignId'],
		[{ ...SAMPLE, contactData: undefined }, 'no contactData'],
		[{ ...SAMPLE, contactData: [] }, 'no contactData'],
		[{ CampaignName: 'x' }, 'no CampaignId and no contactData'],
	])('refused: %j (%s)', (body, said) => {
		const read = readPreCallRequest(body);
		expect(read.ok).toBe(false);
		expect(read.ok ? '' : read.message).toContain(said);
	});

	it.each([[[]], ['text'], [null], [undefined]])(
		'a body that is not a JSON object (%j) is refused',
		(body) => {
			const read = readPreCallRequest(body);
			expect(read.ok ? '' : read.message).toMatch(/must be a JSON object/);
		},
	);
});
