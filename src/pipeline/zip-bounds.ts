/**
 * Reading a ZIP container held in memory (an XLSX workbook, a boundary ZIP) within bounds
 * before anything is unpacked: a 0.3 MB workbook whose sheet inflates to 763 MB must be
 * refused, not loaded. The directory (zip-directory.ts) may list at most `maxZipMembers`
 * members, the members read may declare at most `maxInflatedBytes` altogether, and each is
 * inflated with the remaining budget as the output bound (so a member that lies about its size
 * is caught too), then checked against its declared size and CRC-32. Past a bound:
 * INPUT_TOO_LARGE naming the member; a container that is no readable ZIP: FILE_UNREADABLE.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { formatBytes, tooLarge } from './input-limits.js';
import {
  checkMemberMethod,
  LOCAL_HEADER_BYTES,
  memberDataStart,
  readZipDirectory,
  type ZipEntry,
} from './zip-directory.js';

/** What the container is, for messages. */
export interface ZipKind {
  /** "XLSX workbook", "ZIP archive". */
  what: string;
  /** What is bounded: "the unpacked workbook". */
  unpacked: string;
}

const XLSX: ZipKind = { what: 'XLSX workbook', unpacked: 'the unpacked workbook' };

function unreadable(file: InputFile, kind: ZipKind, why: string, cause?: unknown): AppError {
  return new AppError('FILE_UNREADABLE', `not a readable ${kind.what}: ${why}`, {
    location: { file: file.name, expected: `a complete ${kind.what} (ZIP)` },
    ...(cause ? { cause } : {}),
  });
}

/** The members of the ZIP in `file.bytes`; FILE_UNREADABLE when it is none, INPUT_TOO_LARGE past `maxZipMembers`. */
export function listZipMembers(file: InputFile, kind: ZipKind): ZipEntry[] {
  const b = file.bytes;
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory((at, n) => b.subarray(at, at + n), b.length, file.name);
  } catch (e) {
    if (e instanceof AppError) throw unreadable(file, kind, e.message.replace(`${file.name}: `, ''), e);
    throw unreadable(file, kind, 'a broken central directory', e);
  }
  const bound = file.limits.maxZipMembers;
  if (entries.length > bound)
    throw tooLarge({ file: file.name }, 'the number of members', `${bound}`, `${entries.length}`);
  return entries;
}

/**
 * The content of each of `entries` (members of the ZIP in `file.bytes`), inflated one at a time
 * as the caller iterates, within `file.limits.maxInflatedBytes` altogether.
 */
export function* inflateZipMembers(
  file: InputFile,
  entries: readonly ZipEntry[],
  kind: ZipKind,
): Generator<Buffer, void, undefined> {
  const limit = file.limits.maxInflatedBytes;
  let declared = 0;
  for (const entry of entries) {
    declared += entry.size;
    if (declared > limit)
      throw tooLarge(
        { file: file.name, column: entry.name },
        kind.unpacked,
        formatBytes(limit),
        `members declare ${formatBytes(declared)}`,
      );
  }
  let inflated = 0;
  for (const entry of entries) {
    const out = inflateMember(file, entry, kind, limit - inflated);
    inflated += out.length;
    yield out;
  }
}

/** One member, inflated to at most `budget` bytes and checked against its size and CRC-32. */
function inflateMember(file: InputFile, entry: ZipEntry, kind: ZipKind, budget: number): Buffer {
  const b = file.bytes;
  const where = { file: file.name, column: entry.name };
  try {
    checkMemberMethod(entry, file.name);
  } catch (e) {
    throw unreadable(file, kind, `member '${entry.name}' cannot be unpacked (${(e as Error).message})`, e);
  }
  let start: number;
  try {
    const header = b.subarray(entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_HEADER_BYTES);
    start = memberDataStart(header, entry, file.name);
  } catch (e) {
    throw unreadable(file, kind, `member '${entry.name}' is missing`, e);
  }
  const data = b.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw unreadable(file, kind, `member '${entry.name}' is cut short`);
  let out: Buffer = data;
  if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw tooLarge(where, kind.unpacked, formatBytes(file.limits.maxInflatedBytes));
      throw unreadable(file, kind, `member '${entry.name}' is corrupt`, err);
    }
  }
  if (out.length > budget) throw tooLarge(where, kind.unpacked, formatBytes(file.limits.maxInflatedBytes));
  if (out.length !== entry.size)
    throw unreadable(
      file,
      kind,
      `member '${entry.name}' has ${out.length} bytes, the directory says ${entry.size}`,
    );
  if (crc32(out) >>> 0 !== entry.crc32 >>> 0)
    throw unreadable(file, kind, `member '${entry.name}' fails its CRC-32 check (damaged download?)`);
  return out;
}

/** Throws unless every member of the XLSX workbook inflates within `file.limits.maxInflatedBytes` altogether. */
export function checkZipBounds(file: InputFile): void {
  for (const _member of inflateZipMembers(file, listZipMembers(file, XLSX), XLSX)) {
    // inflated to count it against the bound, then let go
  }
}
