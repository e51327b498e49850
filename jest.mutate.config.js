// Jest for `npm run mutate`: the unit tests and the engine tests (the node run through n8n's
// real engine against the stand-in). The throttle suite is left out: it paces real calls for
// ~45 s, too slow to repeat for every mutant; the limiter's logic is covered by its unit tests
// with an injected clock.
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/unit', '<rootDir>/test/engine'],
	testPathIgnorePatterns: ['/node_modules/', 'throttle\\.test\\.ts$'],
};
