import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkPastedJwt, signKoreJwt } from './jwt';

/** The credential's type name, as the node asks for it. */
export const CREDENTIAL_TYPE = 'koreAiApi';

/** Kore.ai's SaaS environments, offered in the credential's description. */
export const KORE_HOSTS: ReadonlyArray<{ region: string; url: string }> = [
	{ region: 'US', url: 'https://platform.kore.ai' },
	{ region: 'EU (London)', url: 'https://eu-platform.kore.ai' },
	{ region: 'Germany (Frankfurt)', url: 'https://de-platform.kore.ai' },
	{ region: 'Australia', url: 'https://au-platform.kore.ai' },
	{ region: 'Japan', url: 'https://jp-platform.kore.ai' },
	{ region: 'India', url: 'https://ind-platform.kore.ai' },
	{ region: 'UAE', url: 'https://uae-platform.kore.ai' },
];

export const DEFAULT_HOST = KORE_HOSTS[0].url;

export type AuthMode = 'clientCredentials' | 'jwt';

/** The non-secret part of a Kore.ai credential, checked and normalised. */
export interface KoreConnection {
	/** Origin plus optional path prefix, without trailing slash, e.g. `https://platform.kore.ai`. */
	host: string;
	accountId: string;
	/** The bot id, which is also the stream id in paths and the `iid` header. */
	botId: string;
	authMode: AuthMode;
}

/** A credential value the user has to fix; its message never contains a secret. */
export class KoreCredentialError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'KoreCredentialError';
	}
}

// Control characters (C0 and DEL) would let a value break out of its HTTP header.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** The credential's text fields: their label, and where to find the value when it is missing. */
const TEXT_FIELDS = {
	accountId: {
		label: 'Account ID',
		whereToFind:
			'Enter the Kore.ai account ID the campaigns belong to (sent as the accountId header).',
	},
	botId: {
		label: 'Bot ID',
		whereToFind:
			"Find it on the bot's App Settings page (the Bot ID, also called Stream ID, starts with st-).",
	},
	clientId: {
		label: 'Client ID',
		whereToFind:
			"Find it in the bot's App Settings > Dev Tools: the Client ID of the app mapped to the Campaign Management scope (it starts with cs-).",
	},
	clientSecret: {
		label: 'Client Secret',
		whereToFind: "Find it next to the Client ID in the bot's App Settings > Dev Tools.",
	},
} as const;

/** Reads a text field, trims surrounding white space (a pasted value often carries a newline) and
 * rejects empty values and control characters inside the value. */
function requiredText(
	credentials: ICredentialDataDecryptedObject,
	field: keyof typeof TEXT_FIELDS,
	secret = false,
): string {
	const raw = credentials[field];
	const { label, whereToFind } = TEXT_FIELDS[field];
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') {
		throw new KoreCredentialError(`The credential's ${label} is empty. ${whereToFind}`, field);
	}
	if (CONTROL_CHARS.test(value)) {
		throw new KoreCredentialError(
			`The credential's ${label} contains a line break or another control character${
				secret ? '' : ` (${JSON.stringify(value)})`
			}. Copy the value again without the extra characters.`,
			field,
		);
	}
	return value;
}

/** The bot id goes into the URL path (encoded) and the `iid` header. */
function botIdOf(credentials: ICredentialDataDecryptedObject): string {
	const botId = requiredText(credentials, 'botId');
	if (/^\.+$/.test(botId)) {
		throw new KoreCredentialError(
			`The credential's Bot ID "${botId}" is not a bot ID. ${TEXT_FIELDS.botId.whereToFind}`,
			'botId',
		);
	}
	return botId;
}

/** Normalises the environment URL: http(s) only, no user name or password, no query or fragment. */
export function normaliseHost(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	const accepted = `Use your Kore.ai environment URL, for example ${DEFAULT_HOST} (or your on-premises origin).`;
	if (text === '')
		throw new KoreCredentialError(`The credential's Host is empty. ${accepted}`, 'host');
	if (CONTROL_CHARS.test(text)) {
		throw new KoreCredentialError(
			`The credential's Host contains a line break or another control character. ${accepted}`,
			'host',
		);
	}
	if (!URL.canParse(text)) {
		throw new KoreCredentialError(
			`The credential's Host "${text}" is not a URL. ${accepted}`,
			'host',
		);
	}
	const url = new URL(text);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new KoreCredentialError(
			`The credential's Host must start with https:// (or http:// for a local install), not ${url.protocol}//. ${accepted}`,
			'host',
		);
	}
	if (url.username !== '' || url.password !== '') {
		throw new KoreCredentialError(
			`The credential's Host must not contain a user name or password (user:password@). ${accepted}`,
			'host',
		);
	}
	// Tested on the text: the URL parser drops an empty query or fragment ("https://h/?").
	if (/[?#]/.test(text)) {
		throw new KoreCredentialError(
			`The credential's Host must not contain a query (?…) or fragment (#…). ${accepted}`,
			'host',
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Checks and normalises the non-secret fields of a Kore.ai API credential. */
export function readConnection(credentials: ICredentialDataDecryptedObject): KoreConnection {
	return {
		host: normaliseHost(credentials.host),
		accountId: requiredText(credentials, 'accountId'),
		botId: botIdOf(credentials),
		authMode: credentials.authMode === 'jwt' ? 'jwt' : 'clientCredentials',
	};
}

type AuthSettings =
	| { authMode: 'jwt'; token: string }
	| { authMode: 'clientCredentials'; clientId: string; clientSecret: string };

/** Checks the authentication fields of the chosen mode without signing anything. */
export function readAuth(
	credentials: ICredentialDataDecryptedObject,
	nowMs = Date.now(),
): AuthSettings {
	if (credentials.authMode === 'jwt') {
		const token = typeof credentials.jwt === 'string' ? credentials.jwt.trim() : '';
		const problem = checkPastedJwt(token, nowMs);
		if (problem !== undefined) throw new KoreCredentialError(problem, 'jwt');
		return { authMode: 'jwt', token };
	}
	return {
		authMode: 'clientCredentials',
		clientId: requiredText(credentials, 'clientId'),
		clientSecret: requiredText(credentials, 'clientSecret', true),
	};
}

/** The value of the `auth` header: a freshly signed token in client-credentials mode, the pasted
 * token (unchanged) in JWT mode. */
export function authToken(credentials: ICredentialDataDecryptedObject, nowMs = Date.now()): string {
	const auth = readAuth(credentials, nowMs);
	return auth.authMode === 'jwt'
		? auth.token
		: signKoreJwt(auth.clientId, auth.clientSecret, nowMs);
}

/** The headers every Kore.ai campaign call carries. */
export function koreHeaders(connection: KoreConnection, token: string): Record<string, string> {
	return {
		auth: token,
		accountId: connection.accountId,
		iid: connection.botId,
		'Content-Type': 'application/json',
	};
}
