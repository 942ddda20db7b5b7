/**
 * A real PostgreSQL server for tests: Debian's server binaries (/usr/lib/postgresql/<v>/bin, or
 * the folder named by VEERKRACHT_PG_BIN), `initdb` + `pg_ctl` into a temporary folder, listening
 * on a free loopback port only, trust authentication, stopped (and the folder removed) by `stop()`.
 * PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user that the
 * Debian package creates, and the binaries run through `runuser -u postgres`.
 *
 * Missing binaries: `hasPostgres` is false and the suites that need it skip with one line saying
 * why — except on CI (CI set), where a missing server is a failure (`startPostgres` throws).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function findBinDir(): string | undefined {
  const configured = process.env['VEERKRACHT_PG_BIN'];
  if (configured) return existsSync(join(configured, 'initdb')) ? configured : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const binDir = findBinDir();
const onCi = Boolean(process.env['CI']);

/** True when the server binaries are here, or on CI (where their absence must fail, not skip). */
export const hasPostgres = binDir !== undefined || onCi;
if (!hasPostgres) {
  process.stdout.write(
    'PostgreSQL tests skipped: no initdb in /usr/lib/postgresql/*/bin (apt-get install postgresql, or set VEERKRACHT_PG_BIN)\n',
  );
}

export interface PostgresServer {
  /** postgres://…@127.0.0.1:<port>/postgres */
  readonly adminUrl: string;
  readonly port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /**
   * Every row of every table of a database, as one stable text (to compare states). Sequence
   * positions are left out: PostgreSQL never rolls a sequence back, by design.
   */
  dump(url: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary, as the `postgres` user when we are root. */
function runBin(name: string, args: readonly string[]): string {
  const bin = join(binDir!, name);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0)
    throw new Error(`${name} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

let counter = 0;

/** Starts a fresh server; call `stop()` at the end (afterAll). */
export async function startPostgres(): Promise<PostgresServer> {
  if (!binDir)
    throw new Error(
      'PostgreSQL server binaries missing (initdb): apt-get install postgresql (required on CI)',
    );
  const dir = mkdtempSync(join(tmpdir(), 'veerkracht-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const data = join(dir, 'data');
  runBin('initdb', [
    '-D',
    data,
    '-U',
    'veerkracht',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
    // As the benchmark's reference cluster: a fresh store's first import writes its values
    // without WAL (pg-value-rows.ts, truncateWhenEmpty), so the kill -9 test covers that path.
    '-c wal_level=minimal',
    '-c max_wal_senders=0',
  ].join(' ');
  runBin('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://veerkracht@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    port,
    async createDatabase(name = `t${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://veerkracht@127.0.0.1:${port}/${name}`;
    },
    dump(url: string) {
      const psql = join(binDir, 'pg_dump');
      return execFileSync(psql, ['--data-only', '--inserts', '--rows-per-insert=1', url], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
        .split('\n')
        .filter((l) => l.startsWith('INSERT'))
        .sort()
        .join('\n');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        runBin('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
