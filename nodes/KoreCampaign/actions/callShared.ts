import type { IDataObject } from 'n8n-workflow';

import { errorForItem, isNodeError } from '../errors/errors';
import type { ItemContext } from '../run/runContext';

/**
 * Items of one run that make the same call (`key`) share it: the first item sends it, every item
 * gets its outcome with `callSentByItem`, or its failure as its own error. `what` names the
 * target in that error ("campaign", "contact list").
 */
export async function sharedCall(
	run: ItemContext,
	key: string,
	what: string,
	send: () => Promise<IDataObject>,
): Promise<IDataObject[]> {
	const { memo, itemIndex } = run;
	const call = memo.once(key, () => ({ sentBy: itemIndex, json: send() }));
	try {
		return [{ ...(await call.json), callSentByItem: call.sentBy }];
	} catch (error) {
		throw call.sentBy === itemIndex ? error : sharedFailure(run, error, call.sentBy, what);
	}
}

/** The failure of a call an item shares with the item that sent it, as this item's own error. */
function sharedFailure(
	{ ctx, itemIndex }: ItemContext,
	error: unknown,
	sentBy: number,
	what: string,
): unknown {
	const own = errorForItem(ctx, error, itemIndex);
	if (isNodeError(own))
		own.description = `Item ${sentBy} names the same ${what}, and this item shares its call: no second call was sent. ${own.description ?? ''}`;
	return own;
}
