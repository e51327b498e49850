import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHmac } from 'node:crypto';

import { KoreAiApi } from '../../../credentials/KoreAiApi.credentials';
import {
	authToken,
	koreHeaders,
	normaliseHost,
	readAuth,
	readConnection,
} from '../../../nodes/KoreCampaign/transport/connection';
import { signKoreJwt } from '../../../nodes/KoreCampaign/transport/jwt';
import { clientCredentials, KORE } from '../../../dev/fixtures';
import { thrown } from '../../helpers/thrown';

describe('normaliseHost', () => {
	it.each([
		['https://platform.kore.ai', 'https://platform.kore.ai'],
		['https://eu-platform.kore.ai///', 'https://eu-platform.kore.ai'],
		['  https://platform.kore.ai/\n', 'https://platform.kore.ai'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['https://kore.corp.example/xo/', 'https://kore.corp.example/xo'],
	])('%j -> %j', (raw, host) => expect(normaliseHost(raw)).toBe(host));

	it.each([
		['', /Host is empty/],
		['platform.kore.ai', /is not a URL/],
		['ftp://platform.kore.ai', /must start with https:\/\//],
		['https://user:pw@platform.kore.ai', /user name or password/],
		['https://platform.kore.ai/?a=1', /query/],
		['https://platform.kore.ai/#x', /fragment/],
	])('rejects %j', (raw, message) => expect(() => normaliseHost(raw)).toThrow(message));
});

describe('readConnection / readAuth', () => {
	it('trims pasted values', () => {
		const c = readConnection(
			clientCredentials('https://platform.kore.ai/', { botId: ` ${KORE.botId}\n` }),
		);
		expect(c).toEqual({
			host: 'https://platform.kore.ai',
			accountId: KORE.accountId,
			botId: KORE.botId,
			authMode: 'clientCredentials',
		});
	});
	it('names the empty field and where to find it', () => {
		expect(() => readConnection(clientCredentials('https://x.test', { accountId: '' }))).toThrow(
			/Account ID is empty/,
		);
		expect(() => readConnection(clientCredentials('https://x.test', { botId: '  ' }))).toThrow(
			/Bot ID is empty.*App Settings/,
		);
		expect(() => readAuth(clientCredentials('https://x.test', { clientId: '' }))).toThrow(
			/Client ID is empty.*Dev Tools/,
		);
	});
	it('rejects header-bound values with line breaks, quoting secrets never', () => {
		expect(() =>
			readConnection(clientCredentials('https://x.test', { accountId: 'a\r\nX-Evil: 1' })),
		).toThrow(/Account ID contains a line break/);
		let message = '';
		try {
			readAuth(clientCredentials('https://x.test', { clientSecret: 'top\nsecret' }));
		} catch (e) {
			message = (e as Error).message;
		}
		expect(message).toMatch(/Client Secret contains a line break/);
		expect(message).not.toContain('top');
	});
	it('in JWT mode needs only a well-formed token', () => {
		const jwt = signKoreJwt('x', 'y');
		expect(readAuth({ authMode: 'jwt', jwt: ` ${jwt} ` })).toEqual({ authMode: 'jwt', token: jwt });
		expect(() => readAuth({ authMode: 'jwt', jwt: '' })).toThrow(/JWT field is empty/);
	});
});

describe('KoreAiApi.authenticate', () => {
	const credential = new KoreAiApi();

	it('adds auth, accountId, iid and Content-Type, keeping other options', async () => {
		const out = await credential.authenticate(clientCredentials('https://platform.kore.ai'), {
			url: 'https://platform.kore.ai/x',
			method: 'POST',
			headers: { 'x-other': '1' },
		});
		expect(out.url).toBe('https://platform.kore.ai/x');
		expect(out.headers).toEqual({
			'x-other': '1',
			auth: expect.any(String),
			accountId: KORE.accountId,
			iid: KORE.botId,
			'Content-Type': 'application/json',
		});
		const [h, p, s] = String(out.headers?.auth).split('.');
		expect(createHmac('sha256', KORE.clientSecret).update(`${h}.${p}`).digest('base64url')).toBe(s);
	});

	it('signs a new token for every request', async () => {
		const creds = clientCredentials('https://platform.kore.ai');
		const a = await credential.authenticate(creds, { url: '/' });
		const b = await credential.authenticate(creds, { url: '/' });
		expect(a.headers?.auth).not.toBe(b.headers?.auth);
	});

	it('sends a pasted JWT unchanged', async () => {
		const jwt = signKoreJwt(KORE.clientId, KORE.clientSecret);
		const out = await credential.authenticate(
			{ ...clientCredentials('https://platform.kore.ai'), authMode: 'jwt', jwt },
			{ url: '/' },
		);
		expect(out.headers?.auth).toBe(jwt);
	});

	it('has a read-only credential test against the list endpoint', () => {
		expect(credential.test.request).toMatchObject({
			method: 'POST',
			qs: { accountId: expect.any(String) },
		});
		expect(String(credential.test.request.url)).toContain('/campaign/getAllCampaignDetails');
	});

	it('exposes the documented field names', () => {
		expect(credential.properties.map((p) => p.name)).toEqual([
			'host',
			'accountId',
			'botId',
			'authMode',
			'clientId',
			'clientSecret',
			'jwt',
		]);
		const secretFields = credential.properties
			.filter((p) => p.typeOptions?.password)
			.map((p) => p.name);
		expect(secretFields).toEqual(['clientSecret', 'jwt']);
	});
});

describe('koreHeaders', () => {
	it('puts the token in "auth", not Authorization', () => {
		const headers = koreHeaders(
			readConnection(clientCredentials('https://x.test')),
			authToken(clientCredentials('https://x.test')),
		);
		expect(Object.keys(headers)).toEqual(['auth', 'accountId', 'iid', 'Content-Type']);
	});
});

/** Every credential refusal, exactly: its message and the field it names. */
describe('credential checks, exactly', () => {
	const base = {
		host: 'https://h.test',
		accountId: 'a',
		botId: 'st-1',
		clientId: 'cs',
		clientSecret: 's',
	};
	const ACCEPTED =
		'Use your Kore.ai environment URL, for example https://platform.kore.ai (or your on-premises origin).';
	const refusal = (f: () => unknown) => {
		const error = thrown(f);
		expect(error.name).toBe('KoreCredentialError');
		return { message: error.message, field: error.field };
	};
	it.each([
		[
			{ botId: '..' },
			'botId',
			`The credential's Bot ID ".." is not a bot ID. Find it on the bot's App Settings page (the Bot ID, also called Stream ID, starts with st-).`,
		],
		[
			{ botId: '.' },
			'botId',
			`The credential's Bot ID "." is not a bot ID. Find it on the bot's App Settings page (the Bot ID, also called Stream ID, starts with st-).`,
		],
		[
			{ host: 'https://x\ty.test' },
			'host',
			`The credential's Host contains a line break or another control character. ${ACCEPTED}`,
		],
		[
			{ host: 'https://u:p@h.test' },
			'host',
			`The credential's Host must not contain a user name or password (user:password@). ${ACCEPTED}`,
		],
		[
			{ host: 'https://:p@h.test' },
			'host',
			`The credential's Host must not contain a user name or password (user:password@). ${ACCEPTED}`,
		],
		[
			{ host: 'https://u@h.test' },
			'host',
			`The credential's Host must not contain a user name or password (user:password@). ${ACCEPTED}`,
		],
		[
			{ host: 'https://h.test/?' },
			'host',
			`The credential's Host must not contain a query (?…) or fragment (#…). ${ACCEPTED}`,
		],
		[
			{ host: 'https://h.test/?a=1' },
			'host',
			`The credential's Host must not contain a query (?…) or fragment (#…). ${ACCEPTED}`,
		],
		[
			{ host: 'https://h.test/#x' },
			'host',
			`The credential's Host must not contain a query (?…) or fragment (#…). ${ACCEPTED}`,
		],
		[
			{ host: 'ftp://h.test' },
			'host',
			`The credential's Host must start with https:// (or http:// for a local install), not ftp://. ${ACCEPTED}`,
		],
		[{ host: 'nope' }, 'host', `The credential's Host "nope" is not a URL. ${ACCEPTED}`],
		[{ host: 5 }, 'host', `The credential's Host is empty. ${ACCEPTED}`],
		[
			{ accountId: null },
			'accountId',
			`The credential's Account ID is empty. Enter the Kore.ai account ID the campaigns belong to (sent as the accountId header).`,
		],
		[
			{ accountId: 'a\nb' },
			'accountId',
			`The credential's Account ID contains a line break or another control character ("a\\nb"). Copy the value again without the extra characters.`,
		],
	])('readConnection refuses %j (%s)', (over, field, message) => {
		expect(
			refusal(() => readConnection({ ...base, ...over } as ICredentialDataDecryptedObject)),
		).toEqual({ field, message });
	});
	it.each([
		[
			{ clientSecret: 's\nx' },
			'clientSecret',
			`The credential's Client Secret contains a line break or another control character. Copy the value again without the extra characters.`,
		],
		[
			{ clientSecret: undefined },
			'clientSecret',
			`The credential's Client Secret is empty. Find it next to the Client ID in the bot's App Settings > Dev Tools.`,
		],
		[
			{ authMode: 'jwt', jwt: '  ' },
			'jwt',
			'The JWT field is empty. Paste a token generated for your Kore.ai app, or switch Authentication to "Client ID and Secret" to let n8n sign one per request.',
		],
		[
			{ authMode: 'jwt', jwt: 42 },
			'jwt',
			'The JWT field is empty. Paste a token generated for your Kore.ai app, or switch Authentication to "Client ID and Secret" to let n8n sign one per request.',
		],
	])('readAuth refuses %j (%s)', (over, field, message) => {
		expect(refusal(() => readAuth({ ...base, ...over } as ICredentialDataDecryptedObject))).toEqual(
			{ field, message },
		);
	});
	it('reads numbers as text, keeps a path prefix, and names the mode', () => {
		expect(readConnection({ ...base, accountId: 123, host: 'https://h.test:8443/kore//' })).toEqual(
			{
				host: 'https://h.test:8443/kore',
				accountId: '123',
				botId: 'st-1',
				authMode: 'clientCredentials',
			},
		);
		expect(readConnection({ ...base, authMode: 'jwt' }).authMode).toBe('jwt');
		// Only a bot ID of nothing but dots is refused (it would change the URL path).
		for (const botId of ['st-..1', 'st-1..', '..st-1'])
			expect(readConnection({ ...base, botId }).botId).toBe(botId);
		expect(readAuth({ ...base, clientId: ' cs-1 ' })).toEqual({
			authMode: 'clientCredentials',
			clientId: 'cs-1',
			clientSecret: 's',
		});
		const token = signKoreJwt('cs', 's');
		expect(readAuth({ authMode: 'jwt', jwt: ` ${token}\n` })).toEqual({ authMode: 'jwt', token });
	});
});
