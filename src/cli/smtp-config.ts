/**
 * The optional SMTP server of a deployment (`smtp` in the configuration file, VEERKRACHT_SMTP_URL
 * and VEERKRACHT_SMTP_FROM over it), with which invitation and reset links are mailed
 * (src/service/members/mail.ts). In the file either a URL or `{ "url": …, "from": … }`.
 *
 * The URL may carry the SMTP account's password. Secrets stay out of the repository: a password in
 * a configuration file that lies inside a git working tree is refused (CONFIG_INVALID) — give it in
 * VEERKRACHT_SMTP_URL, or keep the file outside the repository. Messages never repeat the URL.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../core/app-error.js';
import type { SmtpSettings } from '../service/members/mail.js';

/** True when `file` lies inside a git working tree (a `.git` in its folder or any folder above). */
export function isInGitWorkTree(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

function parseSmtpUrl(raw: unknown, where: string): URL {
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '')
    throw new AppError(
      'CONFIG_INVALID',
      `${where}: expected an SMTP URL such as "smtp://user:password@smtp.example.nl:587" or "smtps://…:465"`,
    );
  return url;
}

/** The SMTP settings, or null when none are configured. */
export function smtpConfig(
  fromFile: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file: string | null,
  publicUrl: string | null,
): SmtpSettings | null {
  const inFile = fromFile['smtp'];
  const where = `${file ?? 'configuration'}: smtp`;
  let fileUrl: unknown;
  let fileFrom: unknown;
  if (typeof inFile === 'string') fileUrl = inFile;
  else if (inFile !== undefined && inFile !== null) {
    if (typeof inFile !== 'object' || Array.isArray(inFile))
      throw new AppError('CONFIG_INVALID', `${where}: expected a URL or an object { "url", "from" }`);
    const extra = Object.keys(inFile).filter((k) => k !== 'url' && k !== 'from');
    if (extra.length)
      throw new AppError('CONFIG_INVALID', `${where}.${extra[0]}: unknown key (allowed: url, from)`);
    ({ url: fileUrl, from: fileFrom } = inFile as { url?: unknown; from?: unknown });
  }
  const envUrl = env['VEERKRACHT_SMTP_URL'];
  const fromEnv = envUrl !== undefined && envUrl !== '';
  if (!fromEnv && fileUrl === undefined) return null;
  const url = parseSmtpUrl(fromEnv ? envUrl : fileUrl, fromEnv ? 'VEERKRACHT_SMTP_URL' : `${where}.url`);
  if (!fromEnv && url.password !== '' && file !== null && isInGitWorkTree(file))
    throw new AppError(
      'CONFIG_INVALID',
      `${where}: the SMTP password is in ${file}, which lies inside a git repository; give the URL in VEERKRACHT_SMTP_URL instead, or keep the configuration file outside the repository`,
    );
  const envFrom = env['VEERKRACHT_SMTP_FROM'];
  const from =
    envFrom !== undefined && envFrom !== ''
      ? envFrom
      : (fileFrom ?? `Veerkracht <noreply@${publicUrl ? new URL(publicUrl).hostname : url.hostname}>`);
  if (typeof from !== 'string' || !/^[^\r\n@]*@[^\r\n@]+$/.test(from.replace(/^.*<|>$/g, '')))
    throw new AppError(
      'CONFIG_INVALID',
      `${envFrom ? 'VEERKRACHT_SMTP_FROM' : `${where}.from`}: expected a sender such as "Veerkracht <kaarten@example.nl>"`,
    );
  return { url: url.href, from };
}
