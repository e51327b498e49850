import type { IDataObject } from 'n8n-workflow';

/** One call to Kore.ai, as an operation describes it. */
export interface KoreRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Absolute URL, built by endpoints.ts. */
	url: string;
	/** JSON body; undefined sends none. */
	body?: IDataObject | IDataObject[];
	/** Whether Kore.ai doing it twice changes nothing (a schedule replaces the last one; reads). */
	repeatable: boolean;
	/** What makes two calls the same intent, for n8n's Retry On Fail, when the body alone would not:
	 * a call-back's time read from `$now` moves between tries. Default: the body. */
	intent?: string;
	/** The input items the call answers for, when more than the one it is sent for (a batch). */
	items?: number[];
	/** Names the call at the start of its failure message, e.g. `Voice campaigns, page 3`. */
	label?: string;
	/** The operation's own advice for the failures it knows best; generic advice otherwise. */
	hints?: RequestHints;
}

export interface RequestHints {
	/** HTTP 400 or a `failure` status: what the user should check in what they gave. */
	rejected?: string;
	/** HTTP 404: what may not exist. */
	notFound?: string;
	/** After a call that may have reached Kore.ai without its answer reaching the node (a timeout, a
	 * dropped connection, a gateway error): what may have happened and what to check before running
	 * the item again. */
	maybeDone?: string;
}
