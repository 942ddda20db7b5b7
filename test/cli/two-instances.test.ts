/**
 * Several instances on one PostgreSQL database (issue 13): two `veerkracht serve` processes (the
 * compiled CLI) on the same database serve the same answers; an import through the CLI is seen by
 * both within their check interval (the data version is read from the database, not kept in
 * process memory); a session made by logging in on one instance works on the other, and a share
 * link made on one opens — and, revoked on the other, stops opening — on both.
 */
import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../pipeline/source-fixtures.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { CLI, ensureCliBuilt, runCli, spawnCli } from './run-cli.js';

/** Resolves with the port the server prints (rejects if it exits first). */
function servingPort(child: ChildProcessWithoutNullStreams): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const m = /serving (.*) on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[2]));
    });
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
  });
}

async function json(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, body: await res.json() };
}

describe.skipIf(!hasPostgres)('two veerkracht serve processes on one PostgreSQL database', () => {
  let server: PostgresServer;
  let env: Record<string, string>;
  let dir: string;
  const instances: ChildProcessWithoutNullStreams[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'vk-two-'));
    env = {
      VEERKRACHT_DATABASE_URL: await server.createDatabase('shared'),
      VEERKRACHT_DB: join(dir, 'not-used.db'),
      VEERKRACHT_CONFIG: '',
      VEERKRACHT_PUBLIC_URL: '',
    };
    const seed = runCli(
      ['import', fixture('geo/heerlen-wijk20-codes_2019.geojson'), fixture('kwb/kwb2019_heerlen_wijk20.csv')],
      env,
      dir,
    );
    expect(seed.status, seed.stderr).toBe(0);
    ensureCliBuilt();
    const admin = spawnSync(
      process.execPath,
      [
        CLI,
        'users',
        'add',
        '--email',
        'beheer@example.nl',
        '--organisation',
        'Operator',
        '--role',
        'admin',
        '--password-stdin',
      ],
      { cwd: dir, env: { ...process.env, ...env }, input: 'a long operator password\n', encoding: 'utf8' },
    );
    expect(admin.status, admin.stderr).toBe(0);
    for (let i = 0; i < 2; i++) instances.push(spawnCli(['serve', '--port', '0'], env, dir));
    const [pa, pb] = await Promise.all(instances.map(servingPort));
    a = `http://127.0.0.1:${pa}`;
    b = `http://127.0.0.1:${pb}`;
  }, 240_000);

  afterAll(async () => {
    for (const child of instances) child.kill('SIGTERM');
    await Promise.all(
      instances.map(
        (c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve))),
      ),
    );
    await server?.stop();
  });

  it('serve the same answers', async () => {
    for (const path of [
      '/api/gemeenten',
      '/api/maps/definitions?area=GM0917',
      '/api/maps?area=GM0917&map=corporatiebezit',
    ]) {
      const [x, y] = await Promise.all([json(a, path), json(b, path)]);
      expect(x.status, path).toBe(200);
      expect(y, path).toEqual(x);
    }
    const map = (await json(a, '/api/maps?area=GM0917&map=corporatiebezit')).body as { features: unknown[] };
    expect(map.features.length).toBeGreaterThan(0);
  });

  it('both see an import through the CLI within their check interval (5 s)', async () => {
    const path = '/api/maps/definitions?area=GM0917';
    const before = (await json(a, path)).body;
    // KWB 2018 for the buurten of wijk 20: the maps gain a year
    const kwb2018 = join(dir, 'kwb2018_heerlen_wijk20.csv');
    const buurten = ['BU09172000', 'BU09172001', 'BU09172002', 'BU09172003', 'BU09172004'];
    writeFileSync(
      kwb2018,
      `gwb_code_10,regio,a_inw,p_wcorpw\nGM0917,Heerlen,86800,37\nWK091720,Wijk 20,5600,47\n${buurten.map((c, i) => `${c},b${i},${400 + i * 300},${40 + i * 5}`).join('\n')}\n`,
    );
    const imported = runCli(['import', kwb2018], env, dir);
    expect(imported.status, imported.stderr).toBe(0);
    const t0 = Date.now();
    const seen: Record<string, number> = {};
    while (Object.keys(seen).length < 2 && Date.now() - t0 < 15_000) {
      for (const [name, base] of [
        ['a', a],
        ['b', b],
      ] as const)
        if (
          seen[name] === undefined &&
          JSON.stringify((await json(base, path)).body) !== JSON.stringify(before)
        )
          seen[name] = Date.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(Object.keys(seen).sort(), 'both instances changed their answer').toEqual(['a', 'b']);
    expect(Math.max(seen['a']!, seen['b']!)).toBeLessThan(5000 + 3000); // the interval, plus the engine reload
    const [x, y] = await Promise.all([json(a, path), json(b, path)]);
    expect(y).toEqual(x);
  }, 60_000);

  it('a session made on one instance works on the other; a share link made on one is revoked on the other', async () => {
    const login = await fetch(`${a}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'beheer@example.nl', password: 'a long operator password' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^vk_session=/);
    const onB = await json(b, '/api/session', { headers: { Cookie: cookie } });
    expect(onB.body).toMatchObject({ kind: 'user', role: 'admin', organisation: { name: 'Operator' } });
    const csrf = (onB.body as { csrfToken: string }).csrfToken;
    expect(csrf).toBeTruthy();

    const made = await json(b, '/api/share-links', {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ area: 'GM0917', label: 'Overleg' }),
    });
    expect(made.status).toBe(201);
    const { id, token } = made.body as { id: string; token: string };
    const bearer = { headers: { Authorization: `Bearer ${token}` } };
    expect((await json(a, '/api/session', bearer)).body).toMatchObject({ kind: 'share-link' });
    const revoked = await fetch(`${a}/api/share-links/${id}`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    expect(revoked.status).toBeLessThan(300);
    expect((await json(b, '/api/maps/definitions?area=GM0917', bearer)).status).toBe(410);

    expect(
      (
        await fetch(`${b}/api/session`, {
          method: 'DELETE',
          headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
        })
      ).status,
    ).toBeLessThan(300);
    expect((await json(a, '/api/session', { headers: { Cookie: cookie } })).body).toMatchObject({
      kind: 'anonymous',
    });
  });
});
