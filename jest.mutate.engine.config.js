// Jest for `npm run mutate`, part 2 (stryker.engine.config.json): the engine tests (the node in
// n8n's real engine against the stand-in) and the unit tests. The throttle suite is left out: it
// paces real calls for ~45 s, too slow to repeat for every mutant; what it covers (the limiter)
// is mutated in part 1 against its unit tests with an injected clock.
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/unit', '<rootDir>/test/engine'],
	testPathIgnorePatterns: ['/node_modules/', 'throttle\\.test\\.ts$'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.mutate.json' }] },
};
