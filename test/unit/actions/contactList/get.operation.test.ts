import { contactListDetailJson } from '../../../../nodes/KoreCampaign/actions/contactList/get.operation';

describe('contactListDetailJson: the output of Contact List → Get', () => {
	it('the list fields first, then what else Kore.ai returned', () => {
		expect(
			contactListDetailJson({
				_id: 'cl-1',
				name: 'Leads',
				status: 'Ready',
				totalRecordCount: 2,
				isListInUse: false,
				campaignInUse: [],
				listType: 'call',
			}),
		).toEqual({
			id: 'cl-1',
			name: 'Leads',
			description: '',
			status: 'Ready',
			totalRecordCount: 2,
			isListInUse: false,
			campaigns: [],
			listType: 'call',
		});
	});

	it('fills in what the GET leaves out from the list call, and says nothing of use when neither tells', () => {
		const listed = { _id: 'cl-1', campaignInUse: [{ id: 'cd-1', name: 'Spring' }] };
		expect(contactListDetailJson({ _id: 'cl-1', name: 'Leads' }, listed)).toMatchObject({
			isListInUse: true,
			campaigns: [{ id: 'cd-1', name: 'Spring' }],
		});
		const alone = contactListDetailJson({ _id: 'cl-1', name: 'Leads' });
		expect(alone).not.toHaveProperty('isListInUse');
		expect(alone).not.toHaveProperty('campaigns');
	});
});
