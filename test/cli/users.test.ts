/**
 * `veerkracht users` through the compiled CLI: the first admin from standard input, an invited
 * member with a link, list, reset-link, disable — and the admin then logs in to the API.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { CLI, ensureCliBuilt, ROOT } from './run-cli.js';

describe('veerkracht users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-users-'));
  const env = {
    ...process.env,
    VEERKRACHT_DB: join(dir, 'store.db'),
    VEERKRACHT_CONFIG: '',
    VEERKRACHT_PUBLIC_URL: '',
  };
  const users = (args: string[], input?: string) => {
    ensureCliBuilt();
    const r = spawnSync(process.execPath, [CLI, 'users', ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      ...(input !== undefined ? { input } : {}),
      timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the first admin with a password from standard input, and an invited member', () => {
    const admin = users(
      [
        'add',
        '--email',
        'Beheer@Example.nl',
        '--organisation',
        'Aedes Operator',
        '--role',
        'admin',
        '--password-stdin',
      ],
      'a long operator password\n',
    );
    expect(admin.stderr).toBe('');
    expect(admin.status).toBe(0);
    expect(admin.stdout).toBe(
      "veerkracht: organisation 'Aedes Operator' created\nveerkracht: user beheer@example.nl (admin, Aedes Operator) added\n",
    );
    const member = users([
      'add',
      '--email',
      'lid@example.nl',
      '--organisation',
      'Woonstichting Noord',
      '--role',
      'member',
      '--name',
      'An Lid',
    ]);
    expect(member.status).toBe(0);
    expect(member.stdout).toMatch(
      /invitation link \(valid until \d{4}-\d\d-\d\dT[\d:.]+Z\): http:\/\/localhost:8080\/wachtwoord#[A-Za-z0-9_-]{43}\n$/,
    );
  });

  it('lists users, prints a reset link, disables and enables', () => {
    const list = users(['list']);
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      'beheer@example.nl\t-\tAedes Operator\tadmin\tactive\tnever',
      'lid@example.nl\tAn Lid\tWoonstichting Noord\tmember\tinvited\tnever',
    ]);
    const reset = users([
      'reset-link',
      '--email',
      'beheer@example.nl',
      '--base-url',
      'https://kaarten.example.nl',
    ]);
    expect(reset.stdout).toMatch(
      /^reset link for beheer@example.nl \(valid until .+\): https:\/\/kaarten\.example\.nl\/wachtwoord#[A-Za-z0-9_-]{43}\n$/,
    );
    expect(users(['disable', '--email', 'lid@example.nl']).status).toBe(0);
    expect(users(['list', '--organisation', 'woonstichting noord']).stdout).toContain('\tdisabled\t');
    expect(users(['enable', '--email', 'lid@example.nl']).status).toBe(0);
  });

  it('refuses a short password, an unknown role and an unknown user with their codes', () => {
    const short = users(
      ['add', '--email', 'x@example.nl', '--organisation', 'X', '--role', 'member', '--password-stdin'],
      'short\n',
    );
    expect(short.status).toBe(64);
    expect(short.stderr).toContain('error USAGE: a password has at least 12 characters');
    const role = users(['add', '--email', 'y@example.nl', '--organisation', 'X', '--role', 'root']);
    expect(role.status).toBe(64);
    const unknown = users(['disable', '--email', 'nobody@example.nl']);
    expect(unknown.status).toBe(66);
    expect(unknown.stderr).toContain('error NOT_FOUND: no user nobody@example.nl');
  });

  it('the admin it made logs in to the API', async () => {
    const store = openSqliteStore({ path: env.VEERKRACHT_DB });
    try {
      const app = createApp(store, { webRoot: '/nonexistent', access: 'members' });
      const res = await app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'beheer@example.nl', password: 'a long operator password' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        kind: 'user',
        role: 'admin',
        organisation: { name: 'Aedes Operator' },
      });
    } finally {
      await store.close();
    }
  });
});
