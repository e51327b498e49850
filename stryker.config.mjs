// `npm run mutate`: StrykerJS over everything that is published (nodes/ and credentials/), judged
// by the unit and engine tests. Not part of `npm test`; why, how long it takes and what the
// incremental file is for: CONTRIBUTING.md, Mutation testing. Survivors: test/mutation/survivors.md.

// MUTATE_TESTS=<glob> (relative to the repository, e.g. 'test/unit/**/*.test.ts') judges by those
// tests alone: a lower bound on the score (a mutant some tests kill, the whole suite kills too),
// in minutes where the whole suite takes hours. Such a run keeps its own incremental file, never
// the committed one (CONTRIBUTING.md, Mutation testing).
const only = process.env.MUTATE_TESTS;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	// Every source file, found anew at each run; the *.node.json codex files are not code.
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	// From the dry run StrykerJS knows which tests reach each mutant and runs only those
	// (perTest), in only the test files that import the mutated file (findRelatedTests).
	coverageAnalysis: 'perTest',
	jest: {
		configFile: 'jest.config.js',
		enableFindRelatedTests: true,
		// Merged over jest.config.js for the mutation run only.
		config: {
			// The unit and engine tests. test/dev/ checks the stand-in itself; the throttle suite paces
			// real calls for ~45 s, too slow to repeat for every mutant (the limiter it covers is judged
			// by its unit tests, with an injected clock).
			testMatch: only ? [`<rootDir>/${only}`] : ['<rootDir>/test/{unit,engine}/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '/throttle\\.test\\.ts$'],
			// findRelatedTests follows imports only through files Jest has mapped: the engine tests
			// reach the node through dev/engine.ts.
			roots: ['<rootDir>/test', '<rootDir>/dev', '<rootDir>/nodes', '<rootDir>/credentials'],
			// Each file compiled on its own, without type checking: a worker StrykerJS restarts after
			// a timed-out mutant is up in ~14 s instead of ~50 s. An inline tsconfig is read over
			// tsconfig.json; a file compiled alone needs only its module and target options, which
			// test/tsconfig.json shares.
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
		},
	},
	// Build output the tests do not read: not copied into the sandbox.
	ignorePatterns: ['dist', '.bench'],
	concurrency: 2,
	ignoreStatic: true,
	incremental: true,
	// Under reports/ (not committed): a run reuses the last run's results on this machine.
	incrementalFile: only
		? 'reports/mutation/incremental-partial.json'
		: 'reports/mutation/incremental.json',
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	tempDirName: '.stryker-tmp',
	cleanTempDir: true,
	timeoutMS: 3000,
};
