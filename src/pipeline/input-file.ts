/**
 * Reading an input file: bytes (gunzipped when the name ends in .gz or the bytes are gzip),
 * SHA-256 checksum of the raw bytes, text decoded as UTF-8 (BOM stripped) and a year hint
 * from the file name (`kwb2018_...`, `..._2020.csv`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../core/app-error.js';

export interface InputFile {
  path: string;
  /** Base name without .gz, used in messages and for format detection. */
  name: string;
  bytes: Buffer;
  checksum: string;
  /** Lazily decoded UTF-8 text (BOM stripped). */
  text(): string;
  /** The first ~64 KB as text, for detection. */
  head: string;
}

export function readInputFile(path: string): InputFile {
  let raw: Buffer;
  try {
    if (!statSync(path).isFile()) throw new AppError('FILE_UNREADABLE', `${path} is not a file`);
    raw = readFileSync(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}`, { cause: e });
  }
  return inputFileFromBytes(path, raw);
}

export function inputFileFromBytes(path: string, raw: Buffer): InputFile {
  const checksum = createHash('sha256').update(raw).digest('hex');
  let bytes = raw;
  let name = basename(path);
  const isGzip = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (isGzip) {
    try {
      bytes = gunzipSync(raw);
    } catch (e) {
      throw new AppError('FILE_UNREADABLE', `${name}: gzip data is corrupt or truncated`, { cause: e });
    }
  }
  if (name.toLowerCase().endsWith('.gz')) name = name.slice(0, -3);
  let decoded: string | undefined;
  const text = (): string => {
    decoded ??= stripBom(bytes.toString('utf8'));
    return decoded;
  };
  return { path, name, bytes, checksum, text, head: stripBom(bytes.subarray(0, 65536).toString('utf8')) };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * A year (or year range start/end) from a file name: `kwb2018_...` → 2018,
 * `kwb-2020.xlsx` → 2020. Ranges like `2016-2020` are not a single year: undefined.
 */
export function yearFromFileName(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (
    /(19|20)\d{2}\s*[-_]\s*(19|20)\d{2}/.test(lower) &&
    !/kwb[-_]?(19|20)\d{2}(?![-_]?(19|20)\d{2})/.test(lower)
  ) {
    return undefined;
  }
  const kwb = /kwb[-_ ]?((?:19|20)\d{2})/.exec(lower);
  if (kwb) return Number(kwb[1]);
  const all = [...lower.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  return all.length === 1 ? all[0] : undefined;
}
