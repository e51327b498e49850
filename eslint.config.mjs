// n8n's own verification lint, exactly as @n8n/node-cli configures it for community packages:
// eslint-plugin-n8n-nodes-base (nodes, credentials, package.json rules) plus
// @n8n/eslint-plugin-community-nodes (no restricted globals/imports, credential test, icons…).
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		// Tests and dev scripts run under Node, not inside n8n: the community-node runtime
		// restrictions (no process, no timers, no extra imports) do not apply to them, and their
		// fixtures hold fake, local-only secrets on purpose.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'dev/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			// The engine harness defines a tiny test-only node type; it is never published.
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'no-console': 'off',
		},
	},
	// .stryker-tmp: StrykerJS's sandbox copy of the repo while `npm run mutate` runs.
	{ ignores: ['dist/**', 'node_modules/**', '.stryker-tmp/**', 'reports/**', '**/*.js', '**/*.mjs'] },
];
