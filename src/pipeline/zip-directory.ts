/**
 * The directory of a ZIP archive, read from its end: the end of central directory record (and
 * the ZIP64 end record and extra fields, so archives and members over 4 GiB are understood),
 * then one entry per member. Pure functions over bytes the caller reads — from disk in chunks
 * (fetch/zip-reader.ts) or from a file held in memory (zip-bounds.ts) — so both read archives
 * the same way. A damaged, encrypted or multi-disk directory is FILE_UNREADABLE naming the archive.
 */
import { AppError } from '../core/app-error.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
  crc32: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The largest central directory read (a directory of ~500,000 members). */
export const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
/** How many bytes at the end of an archive hold its end record (with the longest comment and a ZIP64 locator). */
export const ZIP_TAIL_BYTES = 22 + 65535 + 20;
/** Bytes of a local header before its name and extra field. */
export const LOCAL_HEADER_BYTES = 30;
/** Bytes of the ZIP64 end of central directory record read. */
export const ZIP64_END_BYTES = 56;

export function zipUnreadable(name: string, message: string, cause?: unknown): AppError {
  return new AppError('FILE_UNREADABLE', `${name}: ${message}`, {
    location: { file: name, expected: 'a complete ZIP archive' },
    ...(cause ? { cause } : {}),
  });
}

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('64-bit value too large');
  return Number(v);
}

/** Where the central directory lies; `zip64RecordAt` when the sizes are in a ZIP64 end record. */
export interface ZipEnd {
  count: number;
  cdSize: number;
  cdOffset: number;
  zip64RecordAt?: number;
}

/** The end record found in `tail`, the last bytes of the archive (at most ZIP_TAIL_BYTES). */
export function parseZipEnd(tail: Buffer, name: string): ZipEnd {
  let e = -1;
  for (let p = tail.length - 22; p >= 0; p--)
    if (tail.readUInt32LE(p) === EOCD) {
      e = p;
      break;
    }
  if (e < 0)
    throw zipUnreadable(name, 'not a zip archive (no end of central directory; truncated download?)');
  if (tail.readUInt16LE(e + 4) !== 0 || tail.readUInt16LE(e + 6) !== 0)
    throw zipUnreadable(name, 'multi-disk archives are not supported');
  const end: ZipEnd = {
    count: tail.readUInt16LE(e + 10),
    cdSize: tail.readUInt32LE(e + 12),
    cdOffset: tail.readUInt32LE(e + 16),
  };
  if (e >= 20 && tail.readUInt32LE(e - 20) === ZIP64_LOCATOR)
    return { ...end, zip64RecordAt: u64(tail, e - 12) };
  if (end.count === 0xffff || end.cdSize === 0xffffffff || end.cdOffset === 0xffffffff)
    throw zipUnreadable(name, 'ZIP64 sizes without a ZIP64 end of central directory');
  return end;
}

/** The directory's place from the ZIP64 end record (ZIP64_END_BYTES read at `zip64RecordAt`). */
export function parseZip64End(record: Buffer, name: string): ZipEnd {
  if (record.length < ZIP64_END_BYTES || record.readUInt32LE(0) !== ZIP64_EOCD)
    throw zipUnreadable(name, 'the ZIP64 end of central directory is damaged');
  return { count: u64(record, 32), cdSize: u64(record, 40), cdOffset: u64(record, 48) };
}

/** Throws unless the directory lies inside an archive of `size` bytes and within MAX_CENTRAL_DIRECTORY. */
export function checkDirectoryPlace(end: ZipEnd, size: number, name: string): void {
  if (end.cdSize > MAX_CENTRAL_DIRECTORY || end.cdOffset + end.cdSize > size)
    throw zipUnreadable(name, 'the central directory lies outside the file (truncated download?)');
}

/** The entries of a central directory of `count` members. */
export function parseCentralDirectory(cd: Buffer, count: number, name: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw zipUnreadable(name, 'the central directory is damaged');
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    for (let x = 0; x + 4 <= extra.length;) {
      const id = extra.readUInt16LE(x);
      const len = extra.readUInt16LE(x + 2);
      if (id === 0x0001) {
        // ZIP64 extended information: only the fields whose 32-bit value is 0xFFFFFFFF, in this order.
        let q = x + 4;
        const take = (): number => {
          if (q + 8 > x + 4 + len) throw zipUnreadable(name, 'a ZIP64 extra field is too short');
          const v = u64(extra, q);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      x += 4 + len;
    }
    const rawName = cd.subarray(p + 46, p + 46 + nameLength);
    entries.push({
      name: rawName.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: cd.readUInt16LE(p + 10),
      compressedSize,
      size,
      localHeaderOffset,
      flags,
      crc32: cd.readUInt32LE(p + 16),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The entries of an archive of `size` bytes, read with `readAt(position, length)` (which may
 * return fewer bytes at the end of the file).
 */
export function readZipDirectory(
  readAt: (position: number, length: number) => Buffer,
  size: number,
  name: string,
): ZipEntry[] {
  const tailLength = Math.min(size, ZIP_TAIL_BYTES);
  let end = parseZipEnd(readAt(size - tailLength, tailLength), name);
  if (end.zip64RecordAt !== undefined) end = parseZip64End(readAt(end.zip64RecordAt, ZIP64_END_BYTES), name);
  checkDirectoryPlace(end, size, name);
  return parseCentralDirectory(readAt(end.cdOffset, end.cdSize), end.count, name);
}

/** Throws unless the member can be inflated here: not encrypted, stored (0) or deflate (8). */
export function checkMemberMethod(entry: ZipEntry, name: string): void {
  if (entry.flags & 0x1) throw zipUnreadable(name, `${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw zipUnreadable(
      name,
      `${entry.name} uses compression method ${entry.method} (only stored/deflate are supported)`,
    );
}

/** Where the member's data starts, from its local header (LOCAL_HEADER_BYTES read at its offset). */
export function memberDataStart(header: Buffer, entry: ZipEntry, name: string): number {
  if (header.length < LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL)
    throw zipUnreadable(name, `no local header for ${entry.name}`);
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}
