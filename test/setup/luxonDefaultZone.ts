/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: it runs under Node or jest, never inside n8n, so n8n's rules for node code do not apply (CONTRIBUTING.md, Lint) */
import { Settings } from 'luxon';

// n8n sets luxon's process-wide default zone to the workflow's timezone during an execution.
// Every jest test runs with it set to a zone none of the tests use (UTC+12:45/+13:45), so code
// that builds a DateTime without an explicit zone gives itself away.
Settings.defaultZone = process.env.KORE_TEST_LUXON_ZONE ?? 'Pacific/Chatham';
