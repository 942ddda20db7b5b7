/**
 * `veerkracht users add` and `users reset-link` with an SMTP server (VEERKRACHT_SMTP_URL): the
 * compiled CLI mails the link to the user and says so; without the variable it only prints it.
 * The SMTP server runs in this process, so the CLI runs as an asynchronous child.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessage, startSmtp } from '../server/smtp-test-server.js';
import { spawnCli } from './run-cli.js';

async function users(args: string[], env: Record<string, string>) {
  const child = spawnCli(['users', ...args], env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: string) => (stdout += d));
  child.stderr.on('data', (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, stdout, stderr };
}

describe('veerkracht users with VEERKRACHT_SMTP_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-mail-'));
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    smtp = await startSmtp('beheer', 'smtp-wachtwoord');
    env = {
      VEERKRACHT_DB: join(dir, 'store.db'),
      VEERKRACHT_CONFIG: '',
      VEERKRACHT_PUBLIC_URL: 'https://kaarten.example.nl',
      VEERKRACHT_SMTP_URL: `smtp://beheer:smtp-wachtwoord@127.0.0.1:${smtp.port}`,
      VEERKRACHT_SMTP_FROM: 'Veerkracht <kaarten@example.nl>',
    };
  });
  afterAll(async () => {
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mails the invitation of a new user and a reset link, and prints both links too', async () => {
    const add = await users(
      [
        'add',
        '--email',
        'lid@woonstichting.example',
        '--organisation',
        'Woonstichting Zuid',
        '--role',
        'member',
      ],
      env,
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const invitation = add.stdout.match(/invitation link \(valid until [^)]+\): (\S+)/)![1]!;
    expect(invitation).toMatch(/^https:\/\/kaarten\.example\.nl\/wachtwoord#[A-Za-z0-9_-]{43}$/);
    expect(add.stdout).toContain(`mailed to lid@woonstichting.example through smtp://127.0.0.1:${smtp.port}`);
    expect(add.stdout).not.toContain('smtp-wachtwoord');
    const first = readMessage(smtp.received.at(-1)!.raw);
    expect(smtp.received.at(-1)!.to).toEqual(['lid@woonstichting.example']);
    expect(first.headers['subject']).toBe('Uitnodiging voor de veerkrachtkaarten (Woonstichting Zuid)');
    expect(first.text.split(/\r?\n/)).toContain(invitation);

    const reset = await users(['reset-link', '--email', 'lid@woonstichting.example'], env);
    expect(reset.status).toBe(0);
    const url = reset.stdout.match(/link for lid@woonstichting\.example \(valid until [^)]+\): (\S+)/)![1]!;
    expect(url).not.toBe(invitation);
    const second = readMessage(smtp.received.at(-1)!.raw);
    expect(smtp.received).toHaveLength(2);
    expect(second.text.split(/\r?\n/)).toContain(url);
    expect(smtp.logins).toEqual(['beheer:smtp-wachtwoord', 'beheer:smtp-wachtwoord']);
  });

  it('prints the link only, and sends nothing, without VEERKRACHT_SMTP_URL', async () => {
    const before = smtp.received.length;
    const reset = await users(['reset-link', '--email', 'lid@woonstichting.example'], {
      ...env,
      VEERKRACHT_SMTP_URL: '',
    });
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/link for lid@woonstichting\.example .*wachtwoord#[A-Za-z0-9_-]{43}\n$/);
    expect(reset.stdout).not.toContain('mailed');
    expect(smtp.received.length).toBe(before);
  });
});
