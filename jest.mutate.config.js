// Jest for `npm run mutate`, part 1 (stryker.config.json): the unit tests of the pure modules.
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/unit'] };
