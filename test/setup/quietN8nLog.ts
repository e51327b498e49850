/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
// n8n logs every node error (the same message the error carries, which the tests check). In
// tests that is noise: n8n's logger reads its level from here when n8n-core first creates it.
process.env.N8N_LOG_LEVEL = 'silent';
