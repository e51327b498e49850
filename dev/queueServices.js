'use strict';
// Redis and PostgreSQL for n8n's queue mode, from Debian's packages, started as plain processes:
// loopback only, free ports, throw-away data folders, no system service manager. Installed with
// apt-get when missing (CI runs as root, as this does). Every process started here is stopped by
// the returned stop(), which the caller runs in a `finally`.

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const PG_BIN = '/usr/lib/postgresql/15/bin';

function log(message) {
	console.log(`  [queue services] ${message}`);
}

/** A port nothing listens on right now (the kernel's pick on 127.0.0.1). */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Installs Debian's redis-server and postgresql-15 if their programs are missing. */
function ensureInstalled() {
	const missing = [];
	if (spawnSync('which', ['redis-server']).status !== 0) missing.push('redis-server');
	if (!fs.existsSync(path.join(PG_BIN, 'postgres'))) missing.push('postgresql-15');
	if (missing.length === 0) return;
	log(`installing ${missing.join(', ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		stdio: 'ignore',
		env,
	});
}

/** Polls `ready()` every 200 ms, at most `timeoutMs`. */
async function waitFor(what, ready, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (let attempt = 0; Date.now() < deadline && attempt < 1000; attempt++) {
		if (ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM, then SIGKILL after 10 s, and waits for the process to end. */
async function stopProcess(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const closed = new Promise((resolve) => child.once('close', resolve));
	child.kill('SIGTERM');
	const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await closed;
	clearTimeout(killer);
}

async function startRedis(dir) {
	const port = await freePort();
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: 'ignore' },
	);
	await waitFor(
		'Redis',
		() =>
			spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'])
				.stdout?.toString()
				.trim() === 'PONG',
	);
	return { port, child };
}

async function startPostgres(dir) {
	const port = await freePort();
	const data = path.join(dir, 'pgdata');
	fs.mkdirSync(data, { recursive: true });
	// PostgreSQL refuses to run as root: its files and process belong to the postgres user.
	execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	execFileSync(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			path.join(PG_BIN, 'initdb'),
			'-D',
			data,
			'--auth=trust',
			'-U',
			'postgres',
			'--no-sync',
		],
		{ stdio: 'ignore' },
	);
	const child = spawn(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			path.join(PG_BIN, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-h',
			'127.0.0.1',
			'-c',
			'fsync=off',
		],
		{
			stdio: 'ignore',
		},
	);
	await waitFor(
		'PostgreSQL',
		() =>
			spawnSync(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status ===
			0,
	);
	execFileSync(
		'psql',
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'],
		{ stdio: 'ignore' },
	);
	return { port, child };
}

/**
 * Starts Redis and PostgreSQL; returns their ports, the environment n8n's queue mode needs to
 * use them, and stop().
 */
async function startQueueServices() {
	ensureInstalled();
	// Under /tmp and readable by the postgres user.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-queue-'));
	fs.chmodSync(dir, 0o755);
	const started = [];
	const stop = async () => {
		for (const child of started.reverse()) await stopProcess(child);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const redis = await startRedis(dir);
		started.push(redis.child);
		const postgres = await startPostgres(dir);
		started.push(postgres.child);
		log(`Redis on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${postgres.port}`);
		return {
			stop,
			env: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
			},
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueServices, freePort, stopProcess, waitFor };
