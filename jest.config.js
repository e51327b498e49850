// The one Jest config: `npx jest` (npm test, through scripts/test.sh) and `npx jest <file>` run it
// as it is; `npm run mutate` (stryker.config.mjs) loads it too and overrides only what a mutation
// run needs.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// ts-jest type-checks every file it compiles, with test/tsconfig.json (tsconfig.json is the
	// package's build: no jest types).
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup/luxonDefaultZone.ts', '<rootDir>/test/setup/quietN8nLog.ts'],
	testTimeout: 20000,
};
