/**
 * Reading an input file: bytes (gunzipped when the bytes are gzip, within the inflate bound),
 * SHA-256 checksum of the raw bytes, text in the file's own encoding (text-encoding.ts: UTF-8
 * with or without BOM, UTF-16, Windows-1252 — never a silently replaced character) and a year
 * hint from the file name (`kwb2018_...`, `..._2020.csv`). Files past the bounds of
 * input-limits.ts are refused with INPUT_TOO_LARGE before they are read further.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { AppError } from '../core/app-error.js';
import type { ImportWarning } from '../core/records.js';
import { DEFAULT_INPUT_LIMITS, formatBytes, tooLarge, type InputLimits } from './input-limits.js';
import { decodeHead, decodeText, type TextEncoding } from './text-encoding.js';

export interface InputFile {
  path: string;
  /** Base name without .gz, used in messages and for format detection. */
  name: string;
  bytes: Buffer;
  checksum: string;
  /** The decoded text (read once); throws FILE_ENCODING when the bytes are no text Veerkracht reads. */
  text(): string;
  /** The first ~64 KB as text, for detection (never throws). */
  head: string;
  /** The encoding text() found (undefined before text() was called). */
  encoding(): TextEncoding | undefined;
  /** Notes about reading the file (encoding detected, replacement characters), for the import report. */
  readonly notes: ImportWarning[];
  /** The bounds this file is read within. */
  readonly limits: InputLimits;
  /**
   * Set when this is a worksheet of an .xlsx workbook, seen as CSV text (workbook-table.ts): the
   * sheet's name. `text()` is then the sheet's table, line n being worksheet row n.
   */
  readonly sheet?: string;
}

export function readInputFile(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): InputFile {
  let raw: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AppError('FILE_UNREADABLE', `${path} is not a file`);
    if (st.size > limits.maxFileBytes) {
      throw tooLarge(
        { file: basename(path) },
        'the file size',
        formatBytes(limits.maxFileBytes),
        formatBytes(st.size),
      );
    }
    raw = readFileSync(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}`, { cause: e });
  }
  return inputFileFromBytes(path, raw, limits);
}

const HEAD_BYTES = 65536;

/**
 * The first bytes of a file, enough to detect its source and layout (`head`, the magic bytes of
 * an XLSX or GeoPackage) without reading — or inflating, or hashing — all of it. `text()` of the
 * result is the head only; import a file with readInputFile.
 */
export function readInputHead(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): InputFile {
  let raw: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AppError('FILE_UNREADABLE', `${path} is not a file`);
    const fd = openSync(path, 'r');
    try {
      raw = Buffer.alloc(Math.min(st.size, 4 * HEAD_BYTES));
      raw = raw.subarray(0, readSync(fd, raw, 0, raw.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}`, { cause: e });
  }
  let name = basename(path);
  if (name.toLowerCase().endsWith('.gz')) name = name.slice(0, -3);
  let bytes = raw;
  if (raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      // the start of the gzip stream (at most 32 KiB, so at most ~32 MiB inflated), without an error for the rest
      bytes = gunzipSync(raw.subarray(0, 32768), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(
        0,
        HEAD_BYTES,
      );
    } catch (e) {
      throw new AppError('FILE_UNREADABLE', `${name}: gzip data is corrupt`, {
        location: { file: name, expected: 'complete gzip data' },
        cause: e,
      });
    }
  }
  const head = decodeHead(bytes);
  return {
    path,
    name,
    bytes: bytes.subarray(0, HEAD_BYTES),
    checksum: '',
    text: () => head,
    head,
    encoding: () => undefined,
    notes: [],
    limits,
  };
}

/**
 * The output chunk for inflating `raw`: the size its gzip trailer states (ISIZE, the size mod
 * 2^32 of the last member), so that a file inflates into one buffer instead of thousands of
 * 16 KiB chunks joined afterwards. Only a hint: a wrong ISIZE costs more chunks, never a
 * different result; the bound still holds by maxOutputLength.
 */
function inflateChunkSize(raw: Buffer, limits: InputLimits): number {
  const stated = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : 0;
  // + 1: a chunk that the output fills exactly would make zlib ask for another
  return Math.max(64 * 1024, Math.min(stated + 1, limits.maxInflatedBytes + 1, 256 * 1024 * 1024));
}

function gunzip(name: string, raw: Buffer, limits: InputLimits): Buffer {
  try {
    return gunzipSync(raw, {
      maxOutputLength: limits.maxInflatedBytes,
      chunkSize: inflateChunkSize(raw, limits),
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw tooLarge(
        { file: name },
        'the decompressed content',
        formatBytes(limits.maxInflatedBytes),
        `${formatBytes(raw.length)} of gzip`,
      );
    }
    throw new AppError('FILE_UNREADABLE', `${name}: gzip data is corrupt or truncated`, {
      location: { file: name, expected: 'complete gzip data' },
      cause: e,
    });
  }
}

export function inputFileFromBytes(
  path: string,
  raw: Buffer,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): InputFile {
  const checksum = createHash('sha256').update(raw).digest('hex');
  let name = basename(path);
  const isGzip = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (name.toLowerCase().endsWith('.gz')) name = name.slice(0, -3);
  // The inflated bytes of a gzip file are let go once its text is decoded (a text parser reads
  // only the text; a national CSV is ~45 MB of each) and inflated again if `bytes` is read later.
  let inflated: Buffer | undefined = isGzip ? gunzip(name, raw, limits) : raw;
  const bytes = (): Buffer => (inflated ??= gunzip(name, raw, limits));
  let decoded: string | undefined;
  let encoding: TextEncoding | undefined;
  const notes: ImportWarning[] = [];
  const text = (): string => {
    if (decoded === undefined) {
      const d = decodeText(name, bytes());
      decoded = d.text;
      encoding = d.encoding;
      notes.push(...d.warnings);
      if (isGzip) inflated = undefined;
    }
    return decoded;
  };
  return {
    path,
    name,
    get bytes() {
      return bytes();
    },
    checksum,
    text,
    head: decodeHead(bytes()),
    encoding: () => encoding,
    notes,
    limits,
  };
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
