/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup/luxonDefaultZone.ts', '<rootDir>/test/setup/quietN8nLog.ts'],
	testTimeout: 20000,
};
