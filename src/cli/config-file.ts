/**
 * The operator's engine configuration: a JSON file — the one named by `--config`, else by
 * VEERKRACHT_CONFIG, else `veerkracht.config.json` in the working directory when it exists —
 * validated at the edge with the engine's zod schema (docs/method.md, "Configuration").
 * Without a file the documented defaults apply. Keys starting with `$` (`$comment`, `$schema`)
 * are ignored; every other unknown key is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/app-error.js';
import {
  parseEngineConfig,
  type EngineConfig,
  type EngineConfigInput,
} from '../domain/engine/engine-config.js';

/** The file looked for in the working directory when neither --config nor VEERKRACHT_CONFIG is given. */
export const DEFAULT_CONFIG_FILE = 'veerkracht.config.json';

export interface LoadedConfig {
  /** The validated configuration, defaults filled in. */
  engine: EngineConfig;
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
  if (!file) return { engine: parseEngineConfig({}), input: {}, file: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('CONFIG_INVALID', `${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$')));
  }
  const engine = parseEngineConfig(raw, file);
  return { engine, input: raw as EngineConfigInput, file };
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
  return { engine: parseEngineConfig(input, where), input, file: config.file };
}

/** A numeric flag value, or undefined when absent; USAGE when it is not a number. */
export function numberFlag(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n))
    throw new AppError('USAGE', `${flag} must be a number, got '${raw}'`);
  return n;
}
