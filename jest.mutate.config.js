// Jest for `npm run mutate`: the unit tests of the pure modules only (fast, nothing built or packed).
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/unit'] };
