// The one Jest config: `npx jest` (npm test, through scripts/test.sh) and `npx jest <file>` run it
// as it is; `npm run mutate` (stryker.config.mjs) loads it too and overrides only what a mutation
// run needs.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// test/tsconfig.json sets isolatedModules: each file is compiled on its own, without type
	// checking (npm test type-checks the tests once with `tsc -p test/tsconfig.json`).
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	// Engine tests mostly wait on HTTP: two workers on a two-core machine.
	maxWorkers: 2,
	setupFiles: ['<rootDir>/test/setup/luxonDefaultZone.ts', '<rootDir>/test/setup/quietN8nLog.ts'],
	testTimeout: 20000,
};
