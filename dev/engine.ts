/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-usable-as-tool, @typescript-eslint/no-require-imports -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
/**
 * Runs workflows through n8n's real execution engine, in-process: n8n-core's WorkflowExecute with
 * n8n-workflow's Workflow, n8n-core's real HTTP helpers (axios underneath), the credential's own
 * `authenticate`, real expression evaluation, and n8n's handling of "On Error" settings
 * (continue, error output). Only what lives outside the engine in a full n8n is provided here:
 * the registry of node types, the store of decrypted credentials, and the lifecycle hooks.
 *
 * A workflow is Rows → Kore Campaign Schedule: "Rows" is a tiny node of this file that emits the
 * test's input items, so the Kore node receives them through the engine's own connections.
 */
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	PollTriggerExecutor,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IHttpRequestOptions,
	INodeParameters,
	INodeTypeDescription,
	IWorkflowSettings,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { KoreAiApi } from '../credentials/KoreAiApi.credentials';
import { KoreCampaignSchedule } from '../nodes/KoreCampaign/KoreCampaignSchedule.node';
import { KoreCampaignTrigger } from '../nodes/KoreCampaign/KoreCampaignTrigger.node';

/**
 * n8n-core's own dependency-injection container (its copy of @n8n/di, which may differ from the
 * one at the top of node_modules): the one its services are registered in.
 */
const { Container } = require(
	require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }),
) as { Container: { get<T>(type: new (...args: never[]) => T): T } };

export const KORE_NODE_NAME = 'Kore Campaign Schedule';
export const KORE_NODE_TYPE = 'n8n-nodes-kore-campaign.koreCampaignSchedule';
export const TRIGGER_NODE_NAME = 'Kore Campaign Trigger';
export const TRIGGER_NODE_TYPE = 'n8n-nodes-kore-campaign.koreCampaignTrigger';
const ROWS_NODE_TYPE = 'test.rows';

/** Emits the items given in its `rows` parameter: the Kore node's upstream node. */
class RowsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rows',
		name: 'rows',
		group: ['input'],
		version: 1,
		description: 'Test rows',
		defaults: { name: 'Rows' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [ROWS.get(this.getWorkflow().id ?? '') ?? []];
	}
}

/** Input items per workflow id: items may hold values JSON cannot carry (NaN, objects). */
const ROWS = new Map<string, INodeExecutionData[]>();

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { koreAiApi: new KoreAiApi() };

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType>;

	constructor(extra: Record<string, INodeType | IVersionedNodeType> = {}) {
		this.types = {
			[KORE_NODE_TYPE]: new KoreCampaignSchedule(),
			[TRIGGER_NODE_TYPE]: new KoreCampaignTrigger(),
			[ROWS_NODE_TYPE]: new RowsNode(),
			...extra,
		};
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (type === undefined) throw new Error(`unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * The credential store: hands out decrypted credentials and runs the credential type's own
 * `authenticate`, as n8n's CredentialsHelper does for a credential with a custom authenticate.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type?.authenticate !== 'function')
			throw new Error(`no authenticate for ${typeName}`);
		return await type.authenticate({ ...credentials }, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the Kore node');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (data === undefined) throw new Error(`no ${type} credential in this test`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export interface WorkflowSpec {
	/**
	 * The Kore node's parameters, as set in the editor. A function gives each item its own:
	 * those that differ between items become what a user would write, an expression reading
	 * the item (`{{ $json.koreParams.<name> }}`), and each item carries its values.
	 */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	credentials: ICredentialDataDecryptedObject;
	/** Input items (default: one empty item). */
	items?: INodeExecutionData[];
	/** Settings → On Error: "Continue" (regular output). */
	continueOnFail?: boolean;
	/** Settings → On Error as n8n names it; overrides `continueOnFail`. */
	onError?: INode['onError'];
	/** The workflow's timezone setting (default UTC). */
	timezone?: string;
	/** Node version (default: the node's default version). */
	typeVersion?: number;
	/** When this settles, the execution is stopped the way n8n's Stop button does it. */
	stopWhen?: Promise<unknown>;
	/** Settings → Retry On Fail with Max Tries (n8n allows 2–5); Wait Between Tries is 0. */
	maxTries?: number;
}

export interface WorkflowResult {
	run: IRun;
	/** The Kore node's outputs: `[output][item]`; output 1 is the error output when enabled. */
	outputs: INodeExecutionData[][];
	/** The Kore node's error, when it failed the workflow. */
	error?: Error;
	/** When the node under test returned (or threw): after a Stop, n8n does not wait for it. */
	nodeSettled: Promise<number>;
	/** The execution's cancel signal as the node saw it (to count listeners left on it). */
	cancelSignal?: AbortSignal;
}

let executions = 0;

/** An n8n instance address for the URLs the engine derives; nothing listens there. */
const INSTANCE = 'http://127.0.0.1:5678';

function sameValue(a: unknown, b: unknown): boolean {
	return (
		Object.is(a, b) ||
		(typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b))
	);
}

/** The node's parameters, plus items carrying their own values where parameters vary per item. */
function nodeParameters(
	spec: WorkflowSpec,
	items: INodeExecutionData[],
): { parameters: IDataObject; items: INodeExecutionData[] } {
	if (typeof spec.parameters !== 'function') return { parameters: spec.parameters, items };
	const perItem = items.map((_, i) => (spec.parameters as (i: number) => IDataObject)(i));
	const names = [...new Set(perItem.flatMap((p) => Object.keys(p)))];
	const parameters: IDataObject = {};
	const varying = names.filter((name) =>
		perItem.some((p) => !sameValue(p[name], perItem[0][name])),
	);
	for (const name of names) {
		if (!varying.includes(name)) {
			if (perItem[0][name] !== undefined) parameters[name] = perItem[0][name];
		} else parameters[name] = `={{ $json.koreParams[${JSON.stringify(name)}] }}`;
	}
	const withValues = items.map((item, i) => ({
		...item,
		json: {
			...item.json,
			koreParams: Object.fromEntries(varying.map((name) => [name, perItem[i][name]])),
		},
	}));
	return { parameters, items: withValues };
}

/** What n8n hands the engine besides the workflow: the credential store, hooks, instance URLs. */
function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
	executionId?: string,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		executionId,
		credentialsHelper: new TestCredentialsHelper({ koreAiApi: credentials }),
		currentNodeExecutionIndex: 0,
		// Where n8n would serve these; the Kore node uses none of them, the engine builds $resumeUrl & co.
		restApiUrl: `${INSTANCE}/rest`,
		instanceBaseUrl: `${INSTANCE}/`,
		formBaseUrl: `${INSTANCE}/form`,
		formWaitingBaseUrl: `${INSTANCE}/form-waiting`,
		formTestBaseUrl: `${INSTANCE}/form-test`,
		webhookBaseUrl: `${INSTANCE}/webhook`,
		webhookWaitingBaseUrl: `${INSTANCE}/webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE}/webhook-test`,
		mcpBaseUrl: `${INSTANCE}/mcp`,
		mcpTestBaseUrl: `${INSTANCE}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Another node to run after Rows in place of the Kore node (the benchmark's HTTP Request node). */
export interface OtherNode {
	type: string;
	nodeType: INodeType | IVersionedNodeType;
	typeVersion: number;
	parameters: INodeParameters;
}

/**
 * Runs Rows → one node (Kore Campaign Schedule unless `other` is given) through n8n's
 * WorkflowExecute and returns that node's outputs.
 */
export async function runWorkflow(spec: WorkflowSpec, other?: OtherNode): Promise<WorkflowResult> {
	const id = `kore-test-${++executions}`;
	const given = spec.items ?? [{ json: {} }];
	const { parameters, items } = nodeParameters(spec, given);
	ROWS.set(id, items);
	const kore = new KoreCampaignSchedule();
	const name = other ? 'Node under test' : KORE_NODE_NAME;
	// Note when the node's execute() settles: after a Stop, n8n finishes the run without it.
	const tested = other?.nodeType ?? kore;
	let settle: (at: number) => void = () => undefined;
	const nodeSettled = new Promise<number>((resolve) => (settle = resolve));
	let cancelSignal: AbortSignal | undefined;
	if ('execute' in tested && typeof tested.execute === 'function') {
		const execute = tested.execute;
		tested.execute = async function (this: IExecuteFunctions) {
			cancelSignal = this.getExecutionCancelSignal();
			try {
				return await execute.call(this);
			} finally {
				settle(Date.now());
			}
		};
	}
	const nodes: INode[] = [
		{
			id: 'rows',
			name: 'Rows',
			type: ROWS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'kore',
			name,
			type: other?.type ?? KORE_NODE_TYPE,
			typeVersion:
				other?.typeVersion ??
				spec.typeVersion ??
				kore.description.defaultVersion ??
				(kore.description.version as number),
			position: [200, 0],
			parameters: other?.parameters ?? (parameters as INodeParameters),
			...(other ? {} : { credentials: { koreAiApi: { id: 'kore-cred', name: 'Kore.ai API' } } }),
			...(spec.maxTries !== undefined
				? { retryOnFail: true, maxTries: spec.maxTries, waitBetweenTries: 0 }
				: {}),
			...(spec.onError
				? { onError: spec.onError }
				: spec.continueOnFail
					? { onError: 'continueRegularOutput' as const }
					: {}),
		},
	];
	const settings: IWorkflowSettings = { executionOrder: 'v1', timezone: spec.timezone ?? 'UTC' };
	const workflow = new Workflow({
		id,
		name: id,
		nodes,
		connections: { Rows: { main: [[{ node: name, type: NodeConnectionTypes.Main, index: 0 }]] } },
		active: false,
		nodeTypes: new TestNodeTypes(
			other ? { [other.type]: other.nodeType } : { [KORE_NODE_TYPE]: kore },
		),
		settings,
	});

	const hooks = new ExecutionLifecycleHooks('manual', id, {
		id,
		name: id,
		nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	});
	let finish: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const additionalData = additionalDataFor(spec.credentials, hooks, id);

	try {
		// As in n8n, the run's promise is cancelable; Stop cancels it, which aborts the execution's
		// signal and finishes the run at once.
		const execution = new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: workflow.getNode('Rows') ?? undefined,
		});
		void spec.stopWhen?.then(() => execution.cancel());
		const run = await Promise.race([finished, execution]);
		const taskData = run.data.resultData.runData[name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map(
			(output: INodeExecutionData[] | null) => output ?? [],
		);
		return {
			run,
			outputs,
			nodeSettled,
			cancelSignal,
			...(taskData?.error ? { error: taskData.error } : {}),
		};
	} finally {
		ROWS.delete(id);
	}
}

/**
 * Runs the workflow and returns the Kore node's first output, or throws the error with which the
 * node failed the workflow (the way `n8n execute` reports it).
 */
export async function runNode(spec: WorkflowSpec): Promise<INodeExecutionData[]> {
	const { outputs, error, run } = await runWorkflow(spec);
	if (error) throw error;
	if (run.data.resultData.error) throw run.data.resultData.error;
	return outputs[0] ?? [];
}

/**
 * n8n-core's LoadOptionsContext for the Kore node, as the editor's REST API builds it: real HTTP
 * helpers and the credential's own authenticate. The picker runs in it; tests of the Kore client
 * open one in it too.
 */
export function editorContext(credentials: ICredentialDataDecryptedObject): LoadOptionsContext {
	const kore = new KoreCampaignSchedule();
	const node: INode = {
		id: 'kore',
		name: KORE_NODE_NAME,
		type: KORE_NODE_TYPE,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: { operation: 'schedule', campaignName: { __rl: true, mode: 'list', value: '' } },
		credentials: { koreAiApi: { id: 'kore-cred', name: 'Kore.ai API' } },
	};
	const workflow = new Workflow({
		id: `kore-list-${++executions}`,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [KORE_NODE_TYPE]: kore }),
		settings: { executionOrder: 'v1', timezone: 'UTC' },
	});
	return new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'parameters.campaignName',
	);
}

/**
 * Asks the Kore node's campaign picker (From List) for a page, as n8n's editor does through its
 * REST API: the node's `listSearch` method called on n8n-core's LoadOptionsContext.
 */
export async function searchCampaignList(
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const kore = new KoreCampaignSchedule();
	return await kore.methods.listSearch.searchCampaigns.call(
		editorContext(credentials),
		filter,
		paginationToken,
	);
}

export interface TriggerSpec {
	/** The trigger's parameters, as set in the editor. */
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	/** The workflow's static data as n8n loads it from its database (default: none yet). */
	staticData?: IDataObject;
}

/** What one poll of an active trigger did. */
export interface PollOutcome {
	/** What n8n would start the workflow with; undefined when the poll emitted nothing. */
	emitted?: INodeExecutionData[];
	/** The poll's error, as n8n records it (a failed execution; the next poll runs as usual). */
	error?: Error;
}

function copyOf<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * An active Kore Campaign Trigger, polled through n8n-core's own machinery: its PollContext (the
 * node's static data is the workflow's, an ObservableObject) and its PollTriggerExecutor, which
 * calls `poll()`, emits what it returns and turns a failure into an error report — or, for the
 * activation's test poll, throws it (an activation fails on it). The static data lives in memory
 * across polls of one activation and is "saved to the database" as n8n saves it: when a poll
 * emits. `restart()` starts a new activation from what was saved, as n8n does after a restart.
 */
export class ActiveTrigger {
	/** The static data as n8n's database holds it. */
	saved: IDataObject;
	private workflow!: Workflow;
	private pollFunctions!: PollContext;
	private executePoll!: (testingTrigger?: boolean) => Promise<void>;
	private emitted: INodeExecutionData[] | undefined;
	private reported: Error | undefined;

	constructor(private readonly spec: TriggerSpec) {
		this.saved = copyOf(spec.staticData ?? {});
		this.load();
	}

	/** The node's static data as the running n8n holds it (not necessarily saved). */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.workflow.getNode(TRIGGER_NODE_NAME) as INode);
	}

	/** Whether the static data changed since n8n last saved it (n8n's own flag). */
	get unsaved(): boolean {
		return this.workflow.staticData.__dataChanged === true;
	}

	/** A fresh activation from the saved static data: what n8n does when it starts again. */
	restart(): void {
		this.load();
	}

	/** The activation's test poll: its error is thrown (the activation fails). */
	async activate(): Promise<PollOutcome> {
		return await this.run(true);
	}

	/** A scheduled poll: its error is reported, not thrown. */
	async poll(): Promise<PollOutcome> {
		return await this.run(false);
	}

	private load(): void {
		const node: INode = {
			id: 'kore-trigger',
			name: TRIGGER_NODE_NAME,
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				...this.spec.parameters,
			} as INodeParameters,
			credentials: { koreAiApi: { id: 'kore-cred', name: 'Kore.ai API' } },
		};
		this.workflow = new Workflow({
			id: `kore-trigger-${++executions}`,
			name: 'Kore trigger',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes(),
			staticData: copyOf(this.saved),
			settings: { executionOrder: 'v1', timezone: 'UTC' },
		});
		const active = this.workflow.getNode(TRIGGER_NODE_NAME) as INode;
		// As n8n's TriggerExecutionContextFactory: one PollContext per activation, whose emit saves
		// the static data and starts an execution, and whose emitError records a failed one.
		this.pollFunctions = new PollContext(
			this.workflow,
			active,
			additionalDataFor(this.spec.credentials),
			'trigger',
			'activate',
			(data: INodeExecutionData[][]) => {
				if (this.workflow.staticData.__dataChanged === true) {
					this.saved = copyOf(this.workflow.staticData);
					this.workflow.staticData.__dataChanged = false;
				}
				this.emitted = data[0] ?? [];
			},
			(error: Error) => {
				this.reported = error;
			},
		);
		this.executePoll = Container.get(PollTriggerExecutor).create(
			this.workflow,
			active,
			this.pollFunctions,
			() => true,
		);
	}

	private async run(testing: boolean): Promise<PollOutcome> {
		this.emitted = undefined;
		this.reported = undefined;
		await this.executePoll(testing);
		return {
			...(this.emitted !== undefined ? { emitted: this.emitted } : {}),
			...(this.reported !== undefined ? { error: this.reported } : {}),
		};
	}
}

/**
 * "Fetch Test Event" in the editor: the trigger run as a manual execution through n8n-core's
 * WorkflowExecute (which polls it in a manual PollContext). Returns what it output and the
 * workflow's static data afterwards, or throws the error it failed with as n8n records it (a
 * plain copy: name, message, description).
 */
export async function fetchTestEvent(
	spec: TriggerSpec,
): Promise<{ items: INodeExecutionData[]; staticData: IDataObject }> {
	const node: INode = {
		id: 'kore-trigger',
		name: TRIGGER_NODE_NAME,
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: spec.parameters as INodeParameters,
		credentials: { koreAiApi: { id: 'kore-cred', name: 'Kore.ai API' } },
	};
	const settings: IWorkflowSettings = { executionOrder: 'v1', timezone: 'UTC' };
	const workflow = new Workflow({
		id: `kore-trigger-${++executions}`,
		name: 'Kore trigger',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
		staticData: copyOf(spec.staticData ?? {}),
		settings,
	});
	const hooks = new ExecutionLifecycleHooks('manual', workflow.id, {
		id: workflow.id,
		name: workflow.name ?? workflow.id,
		nodes: [node],
		connections: {},
		active: false,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	});
	const run = await new WorkflowExecute(additionalDataFor(spec.credentials, hooks), 'manual').run({
		workflow,
		startNode: workflow.getNode(TRIGGER_NODE_NAME) ?? undefined,
	});
	const task = run.data.resultData.runData[TRIGGER_NODE_NAME]?.[0];
	if (task?.error) throw task.error;
	if (run.data.resultData.error) throw run.data.resultData.error;
	return { items: task?.data?.main?.[0] ?? [], staticData: copyOf(workflow.staticData) };
}
