// Jest for `npm run mutate`, part 1 (stryker.config.json): the unit tests of the pure modules.
// ts-jest compiles each file on its own (isolatedModules, no type check): a test worker that
// StrykerJS restarts after a timed-out mutant is then up in seconds, not half a minute.
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/unit'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.mutate.json' }] },
};
