import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import { loadConfig } from './config-file.js';
import { smtpConfig } from './smtp-config.js';

/** A configuration file path in a fresh folder, inside a git working tree or not. */
function configPath(inRepository: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vk-smtp-'));
  if (inRepository) mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'etc'));
  return join(dir, 'etc', 'veerkracht.config.json');
}

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('smtpConfig(fromFile, env, file, publicUrl)', () => {
  it('is null without smtp in the file or VEERKRACHT_SMTP_URL', () => {
    expect(smtpConfig({}, {}, null, null)).toBeNull();
    expect(smtpConfig({}, { VEERKRACHT_SMTP_URL: '' }, null, null)).toBeNull();
  });

  it('takes the URL from the environment over the file, the sender from the public URL by default', () => {
    const file = configPath(true);
    expect(
      smtpConfig(
        { smtp: 'smtp://mail.example.nl:25' },
        { VEERKRACHT_SMTP_URL: 'smtp://kaarten:geheim@smtp.example.nl:587' },
        file,
        'https://kaarten.example.nl',
      ),
    ).toEqual({
      url: 'smtp://kaarten:geheim@smtp.example.nl:587',
      from: 'Veerkracht <noreply@kaarten.example.nl>',
    });
    expect(
      smtpConfig(
        { smtp: { url: 'smtps://smtp.example.nl', from: 'Kaarten <kaarten@example.nl>' } },
        {},
        file,
        null,
      ),
    ).toEqual({ url: 'smtps://smtp.example.nl', from: 'Kaarten <kaarten@example.nl>' });
  });

  it('refuses a password in a configuration file inside a git repository, not outside one', () => {
    const inside = configPath(true);
    const message = code(() =>
      smtpConfig({ smtp: 'smtp://kaarten:geheim@smtp.example.nl:587' }, {}, inside, null),
    );
    expect(message).toContain('CONFIG_INVALID');
    expect(message).toContain('inside a git repository; give the URL in VEERKRACHT_SMTP_URL');
    expect(message).not.toContain('geheim');
    const outside = configPath(false);
    expect(smtpConfig({ smtp: 'smtp://kaarten:geheim@smtp.example.nl:587' }, {}, outside, null)?.from).toBe(
      'Veerkracht <noreply@smtp.example.nl>',
    );
  });

  it('names the key and what it expects for bad values, without repeating the URL', () => {
    const file = configPath(false);
    expect(code(() => smtpConfig({ smtp: 'http://smtp.example.nl' }, {}, file, null))).toBe(
      `CONFIG_INVALID: ${file}: smtp.url: expected an SMTP URL such as "smtp://user:password@smtp.example.nl:587" or "smtps://…:465"`,
    );
    expect(code(() => smtpConfig({}, { VEERKRACHT_SMTP_URL: 'smtp//x:geheim@' }, null, null))).toMatch(
      /^CONFIG_INVALID: VEERKRACHT_SMTP_URL: expected an SMTP URL/,
    );
    expect(code(() => smtpConfig({ smtp: { url: 'smtp://h', port: 25 } }, {}, file, null))).toBe(
      `CONFIG_INVALID: ${file}: smtp.port: unknown key (allowed: url, from)`,
    );
    expect(
      code(() => smtpConfig({ smtp: 'smtp://h' }, { VEERKRACHT_SMTP_FROM: 'geen adres' }, file, null)),
    ).toBe(
      'CONFIG_INVALID: VEERKRACHT_SMTP_FROM: expected a sender such as "Veerkracht <kaarten@example.nl>"',
    );
  });

  it('is read by loadConfig next to the engine settings (not taken for an unknown engine key)', () => {
    const file = configPath(false);
    writeFileSync(
      file,
      JSON.stringify({
        smtp: { url: 'smtps://kaarten:geheim@smtp.example.nl' },
        publicUrl: 'https://kaarten.example.nl',
      }),
    );
    expect(loadConfig(file, {}).deployment.smtp).toEqual({
      url: 'smtps://kaarten:geheim@smtp.example.nl',
      from: 'Veerkracht <noreply@kaarten.example.nl>',
    });
    expect(loadConfig(file, { VEERKRACHT_SMTP_URL: 'smtp://relay.example.nl:25' }).deployment.smtp?.url).toBe(
      'smtp://relay.example.nl:25',
    );
  });
});
