/**
 * Call details, the pure part: windows Kore accepts, the narrowing plan, numResults read as a
 * total, Kore's times and one row as one item. Run under TZ=UTC, America/New_York and Asia/Kolkata
 * by scripts/test.sh: nothing here may depend on the process's zone.
 */
import {
	callItem,
	koreUtcText,
	MAX_WINDOW_ROWS,
	MAX_WINDOW_SECONDS,
	narrowWindow,
	pagesFor,
	partsFor,
	readKoreTime,
	spanWindows,
	totalOfFirstPage,
} from '../../../nodes/KoreCampaign/calls/callWindows';

const sec = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;

describe('spanWindows', () => {
	it('a span within 7 days is one window, both ends as given', () => {
		const from = sec('2027-01-04T00:00:00Z');
		expect(spanWindows(from, from + 7 * DAY)).toEqual([{ startSec: from, endSec: from + 7 * DAY }]);
	});

	it('30 days: windows of 7 days, each starting at the second the previous one ends', () => {
		const from = sec('2026-12-01T00:00:00Z');
		const windows = spanWindows(from, from + 30 * DAY);
		expect(windows.map((w) => [koreUtcText(w.startSec), koreUtcText(w.endSec)])).toEqual([
			['2026-12-01 00:00:00', '2026-12-08 00:00:00'],
			['2026-12-08 00:00:00', '2026-12-15 00:00:00'],
			['2026-12-15 00:00:00', '2026-12-22 00:00:00'],
			['2026-12-22 00:00:00', '2026-12-29 00:00:00'],
			['2026-12-29 00:00:00', '2026-12-31 00:00:00'],
		]);
		expect(windows.every((w) => w.endSec - w.startSec <= MAX_WINDOW_SECONDS)).toBe(true);
	});

	it('an end before the start: no window', () => {
		expect(spanWindows(10, 9)).toEqual([]);
	});
});

describe('narrowing', () => {
	const week = { startSec: sec('2027-01-04T00:00:00Z'), endSec: sec('2027-01-11T00:00:00Z') };

	it('a window of 10,000 is cut in parts of about 900 (12), covering it without gaps', () => {
		const parts = narrowWindow(week, partsFor(week, 10_000));
		expect(parts).toHaveLength(12);
		expect(parts[0].startSec).toBe(week.startSec);
		expect(parts[parts.length - 1].endSec).toBe(week.endSec);
		for (let i = 1; i < parts.length; i++) expect(parts[i].startSec).toBe(parts[i - 1].endSec);
	});

	it('a window just over the cap is halved; a one-second window cannot be cut', () => {
		expect(partsFor(week, MAX_WINDOW_ROWS + 1)).toBe(2);
		expect(narrowWindow(week, 2)).toEqual([
			{ startSec: week.startSec, endSec: week.startSec + 3.5 * DAY },
			{ startSec: week.startSec + 3.5 * DAY, endSec: week.endSec },
		]);
		expect(narrowWindow({ startSec: 5, endSec: 6 }, 2)).toEqual([{ startSec: 5, endSec: 6 }]);
		expect(narrowWindow({ startSec: 5, endSec: 5 }, 2)).toEqual([{ startSec: 5, endSec: 5 }]);
	});

	it('numResults is a total unless it cannot be one', () => {
		expect(totalOfFirstPage(2500, 100)).toBe(2500);
		expect(totalOfFirstPage(42, 42)).toBe(42);
		// A full page saying its own size may be a page count.
		expect(totalOfFirstPage(100, 100)).toBeUndefined();
		expect(totalOfFirstPage(10, 100)).toBeUndefined();
		expect(totalOfFirstPage(undefined, 100)).toBeUndefined();
		expect(totalOfFirstPage('2500', 100)).toBeUndefined();
		expect(pagesFor(1100)).toBe(11);
		expect(pagesFor(1)).toBe(1);
	});
});

describe('times', () => {
	it('sends seconds as UTC wall-clock text', () => {
		expect(koreUtcText(sec('2027-01-04T05:06:07Z'))).toBe('2027-01-04 05:06:07');
	});

	it('reads ISO with an offset, Kore text as UTC, epoch milliseconds; else nothing', () => {
		expect(readKoreTime('2027-01-04T05:06:07.000Z')).toBe(Date.parse('2027-01-04T05:06:07Z'));
		expect(readKoreTime('2027-01-04T10:36:07+05:30')).toBe(Date.parse('2027-01-04T05:06:07Z'));
		expect(readKoreTime('2027-01-04 05:06:07')).toBe(Date.parse('2027-01-04T05:06:07Z'));
		expect(readKoreTime('2027-01-04T05:06:07')).toBe(Date.parse('2027-01-04T05:06:07Z'));
		expect(readKoreTime(1_799_000_000_000)).toBe(1_799_000_000_000);
		expect(readKoreTime('yesterday')).toBeUndefined();
		expect(readKoreTime(null)).toBeUndefined();
		expect(readKoreTime('')).toBeUndefined();
	});
});

describe('callItem', () => {
	it('maps a row to exactly the item fields', () => {
		expect(
			callItem({
				conversationId: 'c-1',
				sessionId: 's-1',
				channel: 'voice',
				Direction: 'Outbound',
				finalStatus: 'Completed',
				dispositions: ['Call Back Later'],
				dispositionRemarks: ['after 5pm'],
				sessionStartTime: '2027-01-04 09:00:00',
				sessionEndTime: '2027-01-04T09:01:00Z',
				customerinfo: { phoneNumber: '+15550000001' },
				campaigninfo: {
					campaignName: 'Spring',
					campaignId: 'cd-1',
					campaignInstanceId: 'cid-1',
					campaignDialingListId: 'cdl-1',
					attempt: 2,
					contactStatus: 'completed',
				},
			}),
		).toEqual({
			conversationId: 'c-1',
			sessionId: 's-1',
			channel: 'voice',
			direction: 'outbound',
			startedAt: '2027-01-04T09:00:00.000Z',
			endedAt: '2027-01-04T09:01:00.000Z',
			phoneNumber: '+15550000001',
			campaignId: 'cd-1',
			campaignName: 'Spring',
			campaignInstanceId: 'cid-1',
			campaignDialingListId: 'cdl-1',
			attempt: 2,
			contactStatus: 'completed',
			dispositions: ['Call Back Later'],
			dispositionRemarks: ['after 5pm'],
			finalStatus: 'Completed',
		});
	});

	it('a row without campaign or customer info: empty texts, no attempt, no end', () => {
		expect(callItem({ conversationId: 'c-2', sessionEndTime: null })).toMatchObject({
			campaignId: '',
			phoneNumber: '',
			attempt: null,
			endedAt: null,
			dispositions: [],
		});
	});
});
