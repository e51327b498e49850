import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { KoreAiApi } from '../../credentials/KoreAiApi.credentials';
import { KoreCampaignSchedule } from '../../nodes/KoreCampaignSchedule/KoreCampaignSchedule.node';
import { n8nLikeHttpRequest } from './n8nHttp';

export interface ContextSpec {
	/** Node parameters for every item, or per item. Missing ones take the description default. */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	credentials: ICredentialDataDecryptedObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
}

export interface FakeContext {
	ctx: IExecuteFunctions;
}

const node = new KoreCampaignSchedule();

function defaultOf(name: string): unknown {
	const props = node.description.properties.filter((p: INodeProperties) => p.name === name);
	return props.length > 0 ? props[0].default : undefined;
}

export const TEST_NODE: INode = {
	id: 'kore-node',
	name: 'Kore Campaign Schedule',
	type: 'n8n-nodes-kore-campaign.koreCampaignSchedule',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * An IExecuteFunctions for driving the node's execute() in tests. HTTP goes for real over the
 * network through the credential's own authenticate(), the way n8n's
 * httpRequestWithAuthentication does, and errors are wrapped in a NodeApiError as n8n does.
 */
export function makeContext(spec: ContextSpec): FakeContext {
	const credentialType = new KoreAiApi();
	const items = spec.items ?? [{ json: {} }];
	const paramsFor = (i: number) => (typeof spec.parameters === 'function' ? spec.parameters(i) : spec.parameters);

	const ctx = {
		getInputData: () => items,
		getNode: () => TEST_NODE,
		getTimezone: () => spec.timezone ?? 'UTC',
		continueOnFail: () => spec.continueOnFail ?? false,
		getCredentials: async (type: string) => {
			if (type !== 'koreAiApi') throw new Error(`unexpected credential type ${type}`);
			return { ...spec.credentials };
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			if (itemIndex < 0 || itemIndex >= items.length) throw new Error(`no item ${itemIndex}`);
			const params = paramsFor(itemIndex);
			if (name in params) return params[name];
			const d = defaultOf(name);
			return d !== undefined ? d : fallback;
		},
		helpers: {
			httpRequestWithAuthentication: async function (type: string, options: IHttpRequestOptions) {
				if (type !== 'koreAiApi') throw new Error(`unexpected credential type ${type}`);
				try {
					const authenticated = await credentialType.authenticate({ ...spec.credentials }, { ...options });
					return await n8nLikeHttpRequest(authenticated);
				} catch (error) {
					throw new NodeApiError(TEST_NODE, error as never);
				}
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx };
}

/** Runs the node's execute() with a fake context; returns its first output. */
export async function runNode(spec: ContextSpec): Promise<INodeExecutionData[]> {
	const { ctx } = makeContext(spec);
	const [out] = await node.execute.call(ctx);
	return out;
}
