/**
 * The bad-input matrix: every way a credential or an item can be wrong. Each case must fail
 * with a message naming the field, the value received (never a secret) and what is accepted,
 * with itemIndex set — and nothing may reach the (stand-in) server for it.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/KoreCampaign/actions/operations';
import { signKoreJwt } from '../../nodes/KoreCampaign/transport/jwt';
import { runNode } from '../../dev/engine';
import { clientCredentials, KORE, WINDOW } from '../../dev/fixtures';
import { runNodeExpectingError, useKoreStandIn } from '../helpers/standIn';

const kore = useKoreStandIn();

/**
 * Every case points at the stand-in, so "nothing reached the server" is a real check: a node that
 * sent the request anyway would be seen there. `STANDIN` in a credential value is its address.
 */
const STANDIN = '{stand-in}';
/** Its host and port only. */
const STANDIN_HOST = '{stand-in-host}';
const atStandIn = (credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject =>
	Object.fromEntries(
		Object.entries(credentials).map(([k, v]) => [
			k,
			typeof v === 'string'
				? v.split(STANDIN).join(kore.url).split(STANDIN_HOST).join(new URL(kore.url).host)
				: v,
		]),
	);
const expiredJwt = signKoreJwt(KORE.clientId, KORE.clientSecret, Date.now() - 3_600_000);

interface Case {
	name: string;
	credentials?: ICredentialDataDecryptedObject;
	params?: IDataObject;
	/** The message must match this. */
	message: RegExp;
	/** Text that must not appear (a secret). */
	secret?: string;
}

const SCHEDULE: IDataObject = {
	operation: 'schedule',
	campaignName: 'Matrix',
	...WINDOW,
	options: { requestsPerMinute: 0 },
};
const cred = (over: ICredentialDataDecryptedObject) => ({
	credentials: { ...clientCredentials(STANDIN), ...over },
});
const jwtCred = (jwt: string) => cred({ authMode: 'jwt', jwt, clientId: '', clientSecret: '' });
const item = (over: IDataObject) => ({ params: { ...SCHEDULE, ...over } });
const weekly = (over: IDataObject) =>
	item({ recurrence: 'weekly', onceEveryNweeks: 1, whichDays: ['Mon'], ...over });
const ACCEPTED_DATE = /Accepted: "2027-01-27 18:30:00"/;

const CASES: Case[] = [
	// Credential: host
	{
		name: 'host empty',
		...cred({ host: '' }),
		message:
			/Host is empty\. Use your Kore\.ai environment URL, for example https:\/\/platform\.kore\.ai/,
	},
	{ name: 'host blank', ...cred({ host: '   ' }), message: /Host is empty/ },
	{
		name: 'host without scheme',
		...cred({ host: 'platform.kore.ai' }),
		message: /Host "platform\.kore\.ai" is not a URL\. Use your Kore\.ai environment URL/,
	},
	{
		name: 'host with spaces',
		...cred({ host: 'https://platform kore.ai' }),
		message: /Host "https:\/\/platform kore\.ai" is not a URL/,
	},
	{
		name: 'host ftp scheme',
		...cred({ host: 'ftp://platform.kore.ai' }),
		message: /Host must start with https:\/\/ .*not ftp:\/\//,
	},
	{
		name: 'host javascript scheme',
		...cred({ host: 'javascript:alert(1)' }),
		message: /Host must start with https:\/\/.*not javascript:/,
	},
	{ name: 'host file scheme', ...cred({ host: 'file:///etc/passwd' }), message: /not file:/ },
	{
		name: 'host with user info',
		...cred({ host: `http://admin:hunter2@${STANDIN_HOST}` }),
		message: /Host must not contain a user name or password/,
		secret: 'hunter2',
	},
	{
		name: 'host with query',
		...cred({ host: `${STANDIN}/?tenant=1` }),
		message: /Host must not contain a query \(\?…\) or fragment/,
	},
	{
		name: 'host with fragment',
		...cred({ host: `${STANDIN}/#/bots` }),
		message: /must not contain a query \(\?…\) or fragment \(#…\)/,
	},
	{
		name: 'host with a line break inside',
		...cred({ host: `${STANDIN}\r\nX-Evil: 1` }),
		message: /Host contains a line break or another control character/,
	},
	// Credential: ids and secrets
	{
		name: 'account id empty',
		...cred({ accountId: '' }),
		message: /Account ID is empty\. Enter the Kore\.ai account ID/,
	},
	{
		name: 'bot id empty',
		...cred({ botId: '' }),
		message: /Bot ID is empty\. Find it on the bot's App Settings page/,
	},
	{ name: 'bot id ".."', ...cred({ botId: '..' }), message: /Bot ID "\.\." is not a bot ID/ },
	{
		name: 'client id empty',
		...cred({ clientId: '' }),
		message: /Client ID is empty\. Find it in the bot's App Settings > Dev Tools/,
	},
	{
		name: 'client secret empty',
		...cred({ clientSecret: '' }),
		message: /Client Secret is empty\. Find it next to the Client ID/,
	},
	{
		name: 'account id with CR/LF',
		...cred({ accountId: 'acc\r\nX-Injected: yes' }),
		message:
			/Account ID contains a line break or another control character \("acc\\r\\nX-Injected: yes"\)/,
	},
	{
		name: 'bot id with a control character',
		...cred({ botId: 'st-\u0007bell' }),
		message: /Bot ID contains a line break or another control character/,
	},
	{
		name: 'client id with LF',
		...cred({ clientId: 'cs-1\nX: y' }),
		message: /Client ID contains a line break/,
	},
	{
		name: 'client secret with CR',
		...cred({ clientSecret: 'very\rsecret-value' }),
		message:
			/Client Secret contains a line break or another control character\. Copy the value again/,
		secret: 'secret-value',
	},
	{
		name: 'client secret with DEL',
		...cred({ clientSecret: 'abc\u007fdef-secret' }),
		message: /Client Secret contains a line break/,
		secret: 'def-secret',
	},
	// Credential: pasted JWT
	{
		name: 'jwt mode, empty token',
		...jwtCred(''),
		message: /The JWT field is empty\. Paste a token generated for your Kore\.ai app/,
	},
	{
		name: 'jwt mode, not a token',
		...jwtCred('not-a-jwt-token'),
		message: /does not hold a JSON Web Token \(expected three parts/,
		secret: 'not-a-jwt-token',
	},
	{
		name: 'jwt mode, "Bearer" prefix',
		...jwtCred('Bearer aaa.bbb.ccc'),
		message: /without "Bearer" or quotes/,
		secret: 'aaa.bbb.ccc',
	},
	{
		name: 'jwt mode, payload not JSON',
		...jwtCred(`eyJhbGciOiJIUzI1NiJ9.${Buffer.from('nope').toString('base64url')}.sig`),
		message: /its middle part is not a JSON object/,
	},
	{
		name: 'jwt mode, expired token',
		...jwtCred(expiredJwt),
		message: /The pasted JWT expired at .*Generate a new one/,
		secret: expiredJwt,
	},
	// Item: campaign name
	{
		name: 'campaign name empty (from an expression)',
		...item({ campaignName: '={{ "" }}' }),
		message: /Campaign Name is empty: enter the exact name of the Voice or SMS campaign/,
	},
	{
		name: 'campaign name whitespace',
		...item({ campaignName: ' \t ' }),
		message: /Campaign Name is empty/,
	},
	{
		name: 'campaign name an object (an expression)',
		...item({ campaignName: '={{ { name: "x" } }}' }),
		message: /Campaign Name got \{"name":"x"\}: enter the exact name/,
	},
	// Item: dates
	{
		name: 'start empty (from an expression)',
		...item({ startDateTime: '={{ "" }}' }),
		message: /Start Date & Time is empty: a date and time is required\. Accepted:/,
	},
	{
		name: 'start 2027-02-30',
		...item({ startDateTime: '2027-02-30 10:00:00' }),
		message: /Start Date & Time: "2027-02-30 10:00:00" is not a real date and time .*Accepted:/,
	},
	{
		name: 'start 25:00',
		...item({ startDateTime: '2031-01-27 25:00:00' }),
		message: /"2031-01-27 25:00:00" is not a real date/,
	},
	{
		name: 'start 27/01/2027',
		...item({ startDateTime: '27/01/2027' }),
		message: /Start Date & Time: could not read "27\/01\/2027" as a date and time\. Accepted:/,
	},
	{
		name: 'start "tomorrow"',
		...item({ startDateTime: 'tomorrow' }),
		message: /could not read "tomorrow"/,
	},
	{
		name: 'start a US date',
		...item({ startDateTime: '01/27/2031 10:00 AM' }),
		message: /could not read "01\/27\/2031 10:00 AM"/,
	},
	{
		name: 'start a number (epoch ms)',
		...item({ startDateTime: 1958292000000 }),
		message: /Start Date & Time got 1958292000000: a date and time is required/,
	},
	{
		name: 'start an object',
		...item({ startDateTime: { date: '2031-01-27' } }),
		message: /Start Date & Time got \{"date":"2031-01-27"\}/,
	},
	{
		name: 'end an array',
		...item({ endDateTime: ['2031-02-27'] }),
		message: /End Date & Time got \["2031-02-27"\]/,
	},
	{
		name: 'end before start',
		...item({ endDateTime: '2031-01-01 00:00:00' }),
		message:
			/End Date & Time \(2031-01-01T00:00:00\+00:00\) must be after Start Date & Time \(2031-01-27T18:29:00\+00:00\)\./,
	},
	{
		name: 'end equal to start',
		...item({ endDateTime: WINDOW.startDateTime }),
		message: /must be after Start Date & Time/,
	},
	{
		name: 'end in the past',
		...item({ startDateTime: '2020-01-01 00:00:00', endDateTime: '2020-02-01 00:00:00' }),
		message: /End Date & Time \(2020-02-01T00:00:00\+00:00\) is already in the past/,
	},
	{
		name: 'start in a DST gap',
		...item({
			startDateTime: '2031-03-09 02:30:00',
			options: { requestsPerMinute: 0, timezone: 'America/New_York' },
		}),
		message:
			/Start Date & Time: 2031-03-09 02:30:00 does not exist in America\/New_York; .*for example 2031-03-09 01:30:00 or 2031-03-09 03:30:00\./,
	},
	{
		name: 'unknown timezone',
		...item({ options: { requestsPerMinute: 0, timezone: 'Mars/Olympus' } }),
		message:
			/Timezone: "Mars\/Olympus" is not a known IANA timezone\. Use a name such as "Europe\/Berlin"/,
	},
	{
		name: 'timezone abbreviation',
		...item({ options: { requestsPerMinute: 0, timezone: 'IST+1' } }),
		message: /Timezone: "IST\+1" is not a known IANA timezone/,
	},
	// Item: recurrence
	{
		name: 'every N days = 0',
		...item({ onceEveryNdays: 0 }),
		message:
			/Every N Days must be a whole number from 1 to 365 \(1 = every time, 2 = every other, \.\.\.\); got 0\./,
	},
	{
		name: 'every N days negative',
		...item({ onceEveryNdays: -2 }),
		message: /Every N Days .*got -2\./,
	},
	{ name: 'every N days = 1.5', ...item({ onceEveryNdays: 1.5 }), message: /got 1\.5\./ },
	{
		name: 'every N days huge',
		...item({ onceEveryNdays: 1e12 }),
		message: /from 1 to 365.*got 1000000000000\./,
	},
	{ name: 'every N days NaN', ...item({ onceEveryNdays: NaN }), message: /got NaN\./ },
	{ name: 'every N days "2.5" text', ...item({ onceEveryNdays: '2.5' }), message: /got "2\.5"\./ },
	{
		name: 'every N weeks = 0',
		...weekly({ onceEveryNweeks: 0 }),
		message: /Every N Weeks must be a whole number from 1 to 52.*got 0\./,
	},
	{
		name: 'every N weeks = 53',
		...weekly({ onceEveryNweeks: 53 }),
		message: /Every N Weeks .*got 53\./,
	},
	{
		name: 'no weekday (from an expression)',
		...weekly({ whichDays: '={{ [] }}' }),
		message:
			/Days of the Week: no day chosen\. Choose one or more of Mon, Tue, Wed, Thu, Fri, Sat, Sun\./,
	},
	{ name: 'no weekday (empty text)', ...weekly({ whichDays: '' }), message: /no day chosen/ },
	{
		name: 'unknown weekday',
		...weekly({ whichDays: ['Mon', 'Funday'] }),
		message: /Days of the Week: "Funday" is not a weekday\. Choose one or more of Mon/,
	},
	{
		name: 'weekday as a number',
		...weekly({ whichDays: [1] }),
		message: /Days of the Week: 1 is not a weekday/,
	},
	{
		name: 'unknown recurrence',
		...item({ recurrence: 'monthly' }),
		message: /Recurrence: "monthly" is not supported; use "daily" or "weekly"\./,
	},
	// Run-wide options
	{
		name: 'operation unknown (a workflow from elsewhere)',
		...item({ operation: 'pause' }),
		message: new RegExp(
			`^Operation: "pause" is not supported for "campaign"; use one of ${OPERATIONS.filter(
				(o) => o.resource === 'campaign',
			)
				.map((o) => `"${o.option.value}"`)
				.join(', ')}`,
		),
	},
	{
		name: 'resource unknown (a workflow from elsewhere)',
		...item({ resource: 'contact' }),
		message:
			/^Resource: "contact" is not supported; use one of "campaign", "contactList", "call"\.$/,
	},
	{
		name: 'timeout not a whole number',
		...item({ options: { timeout: '={{ 2.5 }}' } }),
		message: /^Timeout \(Seconds\) must be a whole number from 1 to 600; got 2\.5\.$/,
	},
	{
		name: 'max retries above the range',
		...item({ options: { maxRetries: 11 } }),
		message: /^Max Retries must be a whole number from 0 to 10; got 11\.$/,
	},
	{
		name: 'max concurrency 0',
		...item({ options: { maxConcurrency: 0 } }),
		message: /Max Concurrency must be a whole number from 1 to 50; got 0\./,
	},
	{
		name: 'requests per minute negative',
		...item({ options: { requestsPerMinute: -5 } }),
		message: /Requests per Minute must be a whole number from 0 to 100000; got -5\./,
	},
	{
		name: 'timeout 0',
		...item({ options: { requestsPerMinute: 0, timeout: 0 } }),
		message: /Timeout \(Seconds\) must be a whole number from 1 to 600; got 0\./,
	},
];

describe(`bad input: ${CASES.length} cases, each refused before anything is sent`, () => {
	it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const failure = await runNodeExpectingError({
			parameters: c.params ?? SCHEDULE,
			credentials: atStandIn(c.credentials ?? clientCredentials(STANDIN)),
		});
		expect(failure.name).toBe('NodeOperationError');
		expect(failure.message).toMatch(c.message);
		expect(failure.context.itemIndex).toBe(0);
		// A date that cannot be read lists the forms that can.
		if (/could not read|a date and time is required|not a real date/.test(failure.message)) {
			expect(failure.message).toMatch(ACCEPTED_DATE);
		}
		expect(failure.description).toBeTruthy();
		// The generic advice names the parameter at fault.
		if (failure.description?.startsWith('Fix the'))
			expect(failure.description).toMatch(
				/^Fix the "[a-zA-Z]+(\.[a-zA-Z]+)?" parameter for this item/,
			);
		const everything = `${failure.message} ${failure.description} ${JSON.stringify(failure)}`;
		expect(everything).not.toContain(KORE.clientSecret);
		if (c.secret) expect(everything).not.toContain(c.secret);
		expect(kore.received).toHaveLength(0);
	});
});

describe('the table can fail', () => {
	it('the same credential and item, made valid, do reach the stand-in', async () => {
		const out = await runNode({
			parameters: SCHEDULE,
			credentials: atStandIn(clientCredentials(STANDIN)),
		});
		expect(out[0].json.status).toBe('success');
		expect(kore.received).toHaveLength(1);
	});

	it.each([
		['Campaign Name', { campaignName: '' }],
		['Start Date & Time', { startDateTime: '' }],
	])(
		'an empty required field typed in: n8n itself refuses to run the workflow (%s), nothing is sent',
		async (_label, over) => {
			const error = await runNodeExpectingError({
				parameters: { ...SCHEDULE, ...over },
				credentials: atStandIn(clientCredentials(STANDIN)),
			});
			expect(error.name).toBe('WorkflowHasIssuesError');
			expect(kore.received).toHaveLength(0);
		},
	);
});

describe('lenient input that is accepted on purpose (and what is sent)', () => {
	it.each([
		[
			'N as whole-number text "2"',
			item({ onceEveryNdays: '2' }),
			{ recurrenceObject: { recurType: 'Daily', dailyDetails: { onceEveryNdays: 2 } } },
		],
		[
			'weekdays repeated, in any order and case',
			weekly({ whichDays: ['fri', 'Mon', 'FRI', 'monday'] }),
			{
				recurrenceObject: {
					recurType: 'Weekly',
					weeklyDetails: { onceEveryNweeks: 1, whichDays: ['Mon', 'Fri'] },
				},
			},
		],
		[
			'recurrence " Weekly " from an expression (any case, spaces around)',
			weekly({ recurrence: '={{ " Weekly " }}', onceEveryNweeks: 2, whichDays: ['Tue'] }),
			{
				recurrenceObject: {
					recurType: 'Weekly',
					weeklyDetails: { onceEveryNweeks: 2, whichDays: ['Tue'] },
				},
			},
		],
		[
			'weekdays as text',
			weekly({ whichDays: 'Sun, Wed' }),
			{
				recurrenceObject: {
					recurType: 'Weekly',
					weeklyDetails: { onceEveryNweeks: 1, whichDays: ['Wed', 'Sun'] },
				},
			},
		],
		[
			"dates in Kore's own format",
			item({ startDateTime: '2031-01-27 18:29:00' }),
			{ startDateTime: '2031-01-27 18:29:00' },
		],
		[
			'a date without a time (midnight)',
			item({ endDateTime: '2031-02-27' }),
			{ endDateTime: '2031-02-27 00:00:00' },
		],
	])('%s', async (_name, c, expected) => {
		const out = await runNode({ parameters: c.params, credentials: clientCredentials(kore) });
		expect(out[0].json.status).toBe('success');
		expect(kore.scheduleCalls[0].body).toMatchObject(expected);
	});

	it('a campaign name with spaces around is sent trimmed', async () => {
		await runNode({
			parameters: { ...SCHEDULE, campaignName: '  Spring | Voice \n' },
			credentials: clientCredentials(kore),
		});
		expect(kore.scheduleCalls[0].query.campaignName).toBe('Spring | Voice');
	});
});
