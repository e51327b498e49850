import type { IExecuteFunctions } from 'n8n-workflow';

import type { KoreClient } from '../transport/client';
import type { ReadParameter } from './parameters';
import type { RunMemo } from './runMemo';

/** What one run of the node hands its operations: n8n's functions, the client, shared lookups, the parameter reader, Stop. */
export interface RunContext {
	ctx: IExecuteFunctions;
	client: KoreClient;
	/** Lookups the run's items share (a campaign's id by its name). */
	memo: RunMemo;
	read: ReadParameter;
	/** Aborted on n8n's Stop or (without Continue on Fail) the first failure. */
	stop: AbortSignal;
}

/** The run, as one item's work sees it. */
export interface ItemContext extends RunContext {
	itemIndex: number;
}
