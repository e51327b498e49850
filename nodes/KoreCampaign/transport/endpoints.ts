import type { KoreConnection } from './connection';

/** Each Kore.ai path is declared by the code that calls it; these build the shared parts. */
export const enc = encodeURIComponent;

/** `?accountId=…`, which most v2 paths carry besides the accountId header. */
export function accountQuery(connection: KoreConnection): string {
	return `accountId=${enc(connection.accountId)}`;
}

/** A v2 campaign path of the bot: `…/api/v2/public/{botId}/campaign/{path}?{query}` (an empty
 * path: the campaign collection itself, `…/campaign?{query}`). */
export function v2Url(
	connection: KoreConnection,
	path: string,
	query = accountQuery(connection),
): string {
	const base = `${connection.host}/campaign/api/v2/public/${enc(connection.botId)}/campaign`;
	return `${base}${path === '' ? '' : `/${path}`}${query === '' ? '' : `?${query}`}`;
}
