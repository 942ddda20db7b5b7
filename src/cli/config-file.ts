/**
 * The operator's engine configuration: a JSON file — the one named by `--config`, else by
 * VEERKRACHT_CONFIG, else `veerkracht.config.json` in the working directory when it exists —
 * validated at the edge with the engine's zod schema (docs/method.md, "Configuration").
 * Without a file the documented defaults apply. Keys starting with `$` (`$comment`, `$schema`)
 * are ignored; every other unknown key is refused. Besides the engine settings the file may name
 * the deployment's access mode (`access`: "public" | "members") and its public URL (`publicUrl`,
 * e.g. "https://kaarten.example.nl") and how many data editions keep their content (`editions`:
 * { "retain": 5 }); VEERKRACHT_ACCESS, VEERKRACHT_PUBLIC_URL and VEERKRACHT_EDITIONS_RETAIN override them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/app-error.js';
import {
  parseEngineConfig,
  type EngineConfig,
  type EngineConfigInput,
} from '../domain/engine/engine-config.js';
import type { SmtpSettings } from '../service/members/mail.js';
import { smtpConfig } from './smtp-config.js';

/** The file looked for in the working directory when neither --config nor VEERKRACHT_CONFIG is given. */
export const DEFAULT_CONFIG_FILE = 'veerkracht.config.json';

/** The deployment settings of issue 11 (members and partners). */
export interface DeploymentConfig {
  access: 'public' | 'members';
  /** Origin of the links the server makes (share links, invitations); null: the request's own. */
  publicUrl: string | null;
  /** How many data editions keep their content (`editions.retain`, VEERKRACHT_EDITIONS_RETAIN; default 5). */
  editionsRetain: number;
  /** The SMTP server invitation and reset links are mailed through (`smtp`, VEERKRACHT_SMTP_URL); null: none. */
  smtp: SmtpSettings | null;
}

/** Keys of the configuration file that are not engine settings. */
const DEPLOYMENT_KEYS = ['access', 'publicUrl', 'editions', 'smtp'] as const;

export interface LoadedConfig {
  /** The validated configuration, defaults filled in. */
  engine: EngineConfig;
  /** Access mode and public URL (file, then environment). */
  deployment: DeploymentConfig;
  /** The raw (partial) input it was validated from, for merging flags on top. */
  input: EngineConfigInput;
  /** The file it came from, null for the built-in defaults. */
  file: string | null;
}

/** Which file to read: --config, then VEERKRACHT_CONFIG, then ./veerkracht.config.json if present. */
export function configFilePath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string | null {
  const named = flag ?? env['VEERKRACHT_CONFIG'];
  if (named !== undefined && named !== '') {
    const path = resolve(cwd, named);
    if (!existsSync(path)) throw new AppError('FILE_NOT_FOUND', `configuration file ${path} does not exist`);
    return path;
  }
  const local = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(local) ? local : null;
}

/** Reads and validates the configuration; CONFIG_INVALID names the file, the key path and what was expected. */
export function loadConfig(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): LoadedConfig {
  const file = configFilePath(flag, env, cwd);
  if (!file)
    return { engine: parseEngineConfig({}), input: {}, file: null, deployment: deployment({}, env, null) };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('CONFIG_INVALID', `${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  let fromFile: Record<string, unknown> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const entries = Object.entries(raw).filter(([k]) => !k.startsWith('$'));
    fromFile = Object.fromEntries(
      entries.filter(([k]) => (DEPLOYMENT_KEYS as readonly string[]).includes(k)),
    );
    raw = Object.fromEntries(entries.filter(([k]) => !(DEPLOYMENT_KEYS as readonly string[]).includes(k)));
  }
  const engine = parseEngineConfig(raw, file);
  return { engine, input: raw as EngineConfigInput, file, deployment: deployment(fromFile, env, file) };
}

/** Access mode and public URL: the environment over the file over the defaults (public, none). */
export function deployment(
  fromFile: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file: string | null,
): DeploymentConfig {
  const where = (key: string, envName: string, fromEnv: boolean) =>
    fromEnv ? envName : `${file ?? 'configuration'}: ${key}`;
  const envAccess = env['VEERKRACHT_ACCESS'];
  const access = envAccess !== undefined && envAccess !== '' ? envAccess : (fromFile['access'] ?? 'public');
  if (access !== 'public' && access !== 'members')
    throw new AppError(
      'CONFIG_INVALID',
      `${where('access', 'VEERKRACHT_ACCESS', !!envAccess)}: expected "public" or "members", found ${JSON.stringify(access)}`,
    );
  const envUrl = env['VEERKRACHT_PUBLIC_URL'];
  const url = envUrl !== undefined && envUrl !== '' ? envUrl : (fromFile['publicUrl'] ?? null);
  if (url !== null && (typeof url !== 'string' || !/^https?:\/\/[^/\s]+\/?$/.test(url)))
    throw new AppError(
      'CONFIG_INVALID',
      `${where('publicUrl', 'VEERKRACHT_PUBLIC_URL', !!envUrl)}: expected a scheme and host such as "https://kaarten.example.nl", found ${JSON.stringify(url)}`,
    );
  const publicUrl = url === null ? null : url.replace(/\/$/, '');
  return {
    access,
    publicUrl,
    editionsRetain: editionsRetain(fromFile, env, file),
    smtp: smtpConfig(fromFile, env, file, publicUrl),
  };
}

/** `editions.retain` of the file, VEERKRACHT_EDITIONS_RETAIN over it: a whole number ≥ 1 (default 5). */
function editionsRetain(
  fromFile: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file: string | null,
): number {
  const fromEnv = env['VEERKRACHT_EDITIONS_RETAIN'];
  const editions = fromFile['editions'];
  if (
    editions !== undefined &&
    (editions === null || typeof editions !== 'object' || Array.isArray(editions))
  )
    throw new AppError(
      'CONFIG_INVALID',
      `${file ?? 'configuration'}: editions: expected an object such as { "retain": 5 }`,
    );
  const extra = Object.keys(editions ?? {}).filter((k) => k !== 'retain');
  if (extra.length)
    throw new AppError(
      'CONFIG_INVALID',
      `${file ?? 'configuration'}: editions.${extra[0]}: unknown key (allowed: retain)`,
    );
  const raw: unknown =
    fromEnv !== undefined && fromEnv !== ''
      ? Number(fromEnv)
      : ((editions as { retain?: unknown } | undefined)?.retain ?? 5);
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1)
    throw new AppError(
      'CONFIG_INVALID',
      `${fromEnv ? 'VEERKRACHT_EDITIONS_RETAIN' : `${file ?? 'configuration'}: editions.retain`}: expected a whole number of at least 1, found ${JSON.stringify(fromEnv || raw)}`,
    );
  return raw;
}

/**
 * Overrides on top of a loaded configuration (CLI flags), validated again as a whole;
 * `thresholds` is merged key by key. `where` names the flags in an error.
 */
export function withOverrides(
  config: LoadedConfig,
  overrides: EngineConfigInput,
  where: string,
): LoadedConfig {
  const input: EngineConfigInput = { ...config.input, ...overrides };
  if (overrides.thresholds) input.thresholds = { ...config.input.thresholds, ...overrides.thresholds };
  return { engine: parseEngineConfig(input, where), input, file: config.file, deployment: config.deployment };
}

/** A numeric flag value, or undefined when absent; USAGE when it is not a number. */
export function numberFlag(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n))
    throw new AppError('USAGE', `${flag} must be a number, got '${raw}'`);
  return n;
}
