// n8n logs every node error (the same message the error carries, which the tests check). In
// tests that is noise: n8n's logger reads its level from here when n8n-core first creates it.
process.env.N8N_LOG_LEVEL = 'silent';
