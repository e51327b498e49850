import {
	ANSWER_WAIT_SECONDS,
	answerFromItem,
	answerFromN8n,
	REASONS,
} from '../../../nodes/KoreCampaign/preCall/preCallAnswer';

const skipped = (reason: string) => ({ contactHandling: { handle: 'SKIP', reason } });

describe('the workflow answer item as Kore answer', () => {
	it('CALL, with every other field passed to Kore as extra data', () => {
		expect(answerFromItem({ handle: 'CALL', greetingName: 'Ada', tier: { level: 2 } })).toEqual({
			contactHandling: { handle: 'CALL' },
			greetingName: 'Ada',
			tier: { level: 2 },
		});
	});

	it('SKIP with its reason', () => {
		expect(answerFromItem({ handle: 'SKIP', reason: 'On the do-not-call list' })).toEqual(
			skipped('On the do-not-call list'),
		);
	});

	it.each(['call', 'Call', ' CALL '])(
		'a handle in any case or with spaces (%j) counts',
		(handle) => {
			expect(answerFromItem({ handle, reason: 'fresh lead' })).toEqual({
				contactHandling: { handle: 'CALL', reason: 'fresh lead' },
			});
		},
	);

	it("Kore's own shape is read as well", () => {
		expect(
			answerFromItem({ contactHandling: { handle: 'skip', reason: 'closed deal' }, crm: 'x' }),
		).toEqual({ contactHandling: { handle: 'SKIP', reason: 'closed deal' }, crm: 'x' });
	});

	it('a reason that is not text is sent as JSON text; an empty one is left out', () => {
		expect(answerFromItem({ handle: 'SKIP', reason: { code: 7 } })).toEqual(skipped('{"code":7}'));
		expect(answerFromItem({ handle: 'CALL', reason: '' })).toEqual({
			contactHandling: { handle: 'CALL' },
		});
	});

	it.each([{}, { handle: '' }, { handle: null }, { greetingName: 'Ada' }])(
		'no handle (%j) is a SKIP that says so, with no extra fields',
		(item) => {
			expect(answerFromItem(item)).toEqual(skipped(REASONS.noHandle));
		},
	);

	it.each(['YES', 'maybe', 1, true])('an unknown handle (%j) is a SKIP naming it', (handle) => {
		const answer = answerFromItem({ handle, greetingName: 'Ada' });
		expect(answer).toEqual(skipped(REASONS.unknownHandle(handle)));
		expect(answer.contactHandling.reason).toContain(JSON.stringify(handle));
	});

	it.each([[[]], ['CALL'], [null], [42]])(
		'an answer that is not an object (%j) is a SKIP',
		(item) => {
			expect(answerFromItem(item)).toEqual(skipped(REASONS.notJson));
		},
	);
});

describe("what n8n was about to send, as Kore's answer", () => {
	it("the workflow's item, as n8n sends it (200, JSON)", () => {
		expect(answerFromN8n(200, '{"handle":"call","note":"x"}')).toEqual({
			contactHandling: { handle: 'CALL' },
			note: 'x',
		});
	});

	it("n8n's answer to a failed workflow (500 Error in workflow) is a SKIP naming it", () => {
		const answer = answerFromN8n(500, '{"message":"Error in workflow"}');
		expect(answer).toEqual(skipped(REASONS.failed(500, 'Error in workflow')));
		expect(answer.contactHandling.reason).toContain('HTTP 500: Error in workflow');
	});

	it('a failure even when the body says CALL is a SKIP', () => {
		expect(answerFromN8n(500, '{"handle":"CALL"}').contactHandling.handle).toBe('SKIP');
		expect(answerFromN8n(404, 'Not Found').contactHandling.reason).toContain('HTTP 404: Not Found');
	});

	it('an empty answer (the workflow ended without answering) is a SKIP', () => {
		expect(answerFromN8n(200, '')).toEqual(skipped(REASONS.noAnswer));
	});

	it("n8n's message when the last node returned nothing is a SKIP: no handle", () => {
		expect(
			answerFromN8n(
				200,
				'{"message":"Workflow executed successfully but the last node did not return any data"}',
			),
		).toEqual(skipped(REASONS.noHandle));
	});

	it('text that is not JSON is a SKIP', () => {
		expect(answerFromN8n(200, 'CALL')).toEqual(skipped(REASONS.notJson));
	});

	it('the timeout reason names the wait', () => {
		expect(REASONS.noAnswerInTime).toContain(`${ANSWER_WAIT_SECONDS} s`);
	});
});
