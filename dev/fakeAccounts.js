'use strict';
// Fake, local-only Kore accounts for the stand-in, one per harness (local n8n, e2e, queue mode),
// so that their rate limits never mix. The stand-in accepts exactly the values it is started with.

/** The ids and secret of a fake account named `name`; `analyticsScope: false` is an app whose API
 * scope lacks SmartAssist Analytics (the stand-in then refuses call details with HTTP 401). */
function fakeAccount(name, clientSecret, { analyticsScope = true } = {}) {
	return {
		accountId: `${name}-account-0001`,
		botId: `st-${name}-bot-0001`,
		clientId: `cs-${name}-app-0001`,
		clientSecret,
		analyticsScope,
	};
}

/** The data of a client-credentials credential for `account` on the stand-in at `host`. */
function credentialData(account, host) {
	return {
		host,
		accountId: account.accountId,
		botId: account.botId,
		authMode: 'clientCredentials',
		clientId: account.clientId,
		clientSecret: account.clientSecret,
	};
}

module.exports = {
	DEMO_ACCOUNT: fakeAccount('demo', 'demo-local-secret-not-for-production'),
	E2E_ACCOUNT: fakeAccount('e2e', 'e2e-local-secret-Vb7Qw2Lx9Rt4'),
	QUEUE_ACCOUNT: fakeAccount('queue', 'queue-local-secret-Pq4Zr8Tn2Ws6'),
	/** Campaign Management only: call details are refused. */
	NO_ANALYTICS_ACCOUNT: fakeAccount('noanalytics', 'noanalytics-local-secret-Hs3Kd8Wq1Lm5', {
		analyticsScope: false,
	}),
	credentialData,
};
