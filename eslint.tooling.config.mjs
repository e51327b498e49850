// ESLint for the JavaScript that is not the published node: dev/ (the stand-in and the
// harnesses), scripts/, test/e2e and the tooling files at the root (`npm run lint`, second half).
// They run under Node, not inside n8n, so n8n's community-node restrictions (no process, timers,
// child processes, extra imports) do not apply. All TypeScript, tests included, is linted by
// eslint.config.mjs, @n8n/node-cli's default, unchanged: a bare `npx n8n-node lint` passes, test
// and tooling files saying at their top which of n8n's node-code rules do not apply to them.
import js from '@eslint/js';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import globals from 'globals';

export default [
	...n8nConfig,
	{
		files: ['**/*.ts'],
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
	{
		files: ['**/*.js', '**/*.mjs'],
		...js.configs.recommended,
		languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
	},
	{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
	// .stryker-tmp: StrykerJS's sandbox copy of the repo while `npm run mutate` runs.
	{ ignores: ['dist/**', 'node_modules/**', '.stryker-tmp/**', 'reports/**', '.bench/**'] },
];
