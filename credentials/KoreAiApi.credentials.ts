import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	authToken,
	CREDENTIAL_TYPE,
	DEFAULT_HOST,
	KORE_HOSTS,
	koreHeaders,
	readConnection,
} from '../nodes/KoreCampaign/transport/connection';

/** Kore.ai API credential: where the bot lives (host, account, bot) and how to authenticate (an
 * HS256 JWT signed per request from the app's client ID and secret, or a pasted JWT). */
export class KoreAiApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Kore.ai API';

	icon: Icon = {
		light: 'file:../icons/kore.svg',
		dark: 'file:../icons/kore.dark.svg',
	};

	documentationUrl = 'https://github.com/kore-campaign/n8n-nodes-kore-campaign#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: DEFAULT_HOST,
			required: true,
			placeholder: DEFAULT_HOST,
			description: `Your Kore.ai environment URL. Cloud regions: ${KORE_HOSTS.map(
				(h) => `${h.region} ${h.url}`,
			).join(', ')}. On-premises installs use their own origin.`,
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description:
				"The ID of the Kore.ai account that owns the bot (sent as the accountId header). Kore's API reference calls it the Account ID; your Kore.ai account administrator (Admin Console) can give it to you.",
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'st-00000000-0000-0000-0000-000000000000',
			description:
				"The bot's ID, also called Stream ID, from the bot's App Settings page (starts with st-)",
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			default: 'clientCredentials',
			options: [
				{
					name: 'Client ID and Secret',
					value: 'clientCredentials',
					description: 'n8n signs a short-lived token (HS256 JWT) for every request',
				},
				{
					name: 'Pre-Generated JWT',
					value: 'jwt',
					description: "Send a token generated with Kore.ai's JWT tool, unchanged",
				},
			],
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'cs-00000000-0000-0000-0000-000000000000',
			description:
				"Client ID of the app created in the bot's App Settings > Dev Tools and mapped to an API scope that includes Campaign Management",
			displayOptions: { show: { authMode: ['clientCredentials'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The app's Client Secret, used to sign each request's token",
			displayOptions: { show: { authMode: ['clientCredentials'] } },
		},
		// A pasted JWT is a bearer credential: anyone holding it can call Kore.ai as the app.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'JWT',
			name: 'jwt',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A token signed with HS256 for your app (claim appId = Client ID). It is sent as-is; once it expires, requests fail until you paste a new one.',
			displayOptions: { show: { authMode: ['jwt'] } },
		},
	];

	/** Adds Kore's headers to every request: `auth` (the JWT), `accountId` and `iid` (bot id). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const connection = readConnection(credentials);
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				...koreHeaders(connection, authToken(credentials)),
			},
		};
	}

	/** Lists at most one voice campaign: read-only, proves host, ids, scope and signature. */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{ $credentials.host.trim().replace(/\\/+$/, "") }}',
			url: '=/campaign/api/v2/public/{{ encodeURIComponent($credentials.botId.trim()) }}/campaign/getAllCampaignDetails',
			qs: { accountId: '={{ $credentials.accountId.trim() }}' },
			body: { limit: 1, skip: 0, page: 1, type: 'voice' },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'failure',
					message:
						'Kore.ai answered with status "failure": check the Account ID and Bot ID, and that the app\'s API scope includes Campaign Management and is published.',
				},
			},
		],
	};
}
