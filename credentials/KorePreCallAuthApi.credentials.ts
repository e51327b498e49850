import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/** The static header a Kore.ai campaign sends with each pre-call check; requests without it are
 * refused. The same two fields as n8n's Header Auth. */
export class KorePreCallAuthApi implements ICredentialType {
	name = 'korePreCallAuthApi';

	displayName = 'Kore Pre-Call Check Header API';

	icon: Icon = {
		light: 'file:../icons/kore.svg',
		dark: 'file:../icons/kore.dark.svg',
	};

	documentationUrl = 'https://github.com/kore-campaign/n8n-nodes-kore-campaign#kore-pre-call-check';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'X-Kore-Pre-Call-Key',
			description: "The header's name, as entered in the Kore.ai campaign's pre-call API headers",
		},
		// The value is the shared secret Kore.ai proves itself with.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Header Value',
			name: 'value',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random value, the same as in the Kore.ai campaign; anyone who knows it can ask this workflow about contacts',
		},
	];
}
