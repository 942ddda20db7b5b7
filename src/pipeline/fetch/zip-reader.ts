/**
 * A streaming ZIP reader for the Leefbaarometer open-data zip: the central directory is read
 * from the end of the file (ZIP64 end record and extra fields understood, so archives and
 * entries over 4 GiB work), and one entry is inflated from disk to disk in small chunks — the
 * archive is never held in memory. Stored (0) and deflate (8) entries; sizes and CRC-32 are
 * checked. Encrypted, multi-disk or damaged archives are FILE_UNREADABLE naming the archive.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from '../../core/app-error.js';

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
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
/** Bytes read from disk at a time while extracting. */
export const ZIP_CHUNK = 64 * 1024;

function unreadable(name: string, message: string): AppError {
  return new AppError('FILE_UNREADABLE', `${name}: ${message}`, { location: { file: name } });
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('64-bit value too large');
  return Number(v);
}

/** The entries of the archive at `path`, from its central directory. */
export async function listZipEntries(path: string, name = path): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 65535 + 20);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let e = -1;
    for (let p = tail.length - 22; p >= 0; p--)
      if (tail.readUInt32LE(p) === EOCD) {
        e = p;
        break;
      }
    if (e < 0) throw unreadable(name, 'not a zip archive (no end of central directory; truncated download?)');
    if (tail.readUInt16LE(e + 4) !== 0 || tail.readUInt16LE(e + 6) !== 0)
      throw unreadable(name, 'multi-disk archives are not supported');
    let count = tail.readUInt16LE(e + 10);
    let cdSize = tail.readUInt32LE(e + 12);
    let cdOffset = tail.readUInt32LE(e + 16);
    if (e >= 20 && tail.readUInt32LE(e - 20) === ZIP64_LOCATOR) {
      const recordAt = u64(tail, e - 20 + 8);
      const record = await readAt(fh, recordAt, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
        throw unreadable(name, 'the ZIP64 end of central directory is damaged');
      count = u64(record, 32);
      cdSize = u64(record, 40);
      cdOffset = u64(record, 48);
    } else if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw unreadable(name, 'ZIP64 sizes without a ZIP64 end of central directory');
    }
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size)
      throw unreadable(name, 'the central directory lies outside the file (truncated download?)');
    const cd = await readAt(fh, cdOffset, cdSize);
    return parseCentralDirectory(cd, count, name);
  } finally {
    await fh.close();
  }
}

function parseCentralDirectory(cd: Buffer, count: number, name: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw unreadable(name, 'the central directory is damaged');
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
          if (q + 8 > x + 4 + len) throw unreadable(name, 'a ZIP64 extra field is too short');
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

export interface ExtractOptions {
  /** Told the uncompressed bytes written so far. */
  onBytes?: (done: number) => void;
  signal?: AbortSignal;
}

export interface Extracted {
  /** Uncompressed bytes written. */
  bytes: number;
  /** The most bytes queued at once between disk read and disk write (the reader's memory). */
  peakBuffered: number;
}

/**
 * Inflates `entry` of the archive at `zipPath` into `outPath` (via `<outPath>.part`, renamed when
 * complete and checked). Memory: a few chunks of ZIP_CHUNK bytes, whatever the entry's size.
 */
export async function extractZipEntry(
  zipPath: string,
  entry: ZipEntry,
  outPath: string,
  options: ExtractOptions = {},
  name = zipPath,
): Promise<Extracted> {
  if (entry.flags & 0x1) throw unreadable(name, `${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw unreadable(
      name,
      `${entry.name} uses compression method ${entry.method} (only stored/deflate are supported)`,
    );
  const fh = await open(zipPath, 'r');
  let dataStart: number;
  try {
    const header = await readAt(fh, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
      throw unreadable(name, `no local header for ${entry.name}`);
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const { size } = await fh.stat();
    if (dataStart + entry.compressedSize > size)
      throw unreadable(name, `${entry.name} is cut off (truncated zip)`);
  } finally {
    await fh.close();
  }
  let written = 0;
  let crc = 0;
  let peakBuffered = 0;
  const part = `${outPath}.part`;
  const source = createReadStream(zipPath, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: ZIP_CHUNK,
  });
  const inflate =
    entry.method === 8 && entry.compressedSize > 0 ? createInflateRaw({ chunkSize: ZIP_CHUNK }) : undefined;
  const sink = createWriteStream(part, { highWaterMark: ZIP_CHUNK });
  const check = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      written += chunk.length;
      crc = crc32(chunk, crc);
      const queued =
        source.readableLength +
        (inflate ? inflate.readableLength + inflate.writableLength : 0) +
        this.readableLength +
        this.writableLength +
        sink.writableLength +
        chunk.length;
      peakBuffered = Math.max(peakBuffered, queued);
      options.onBytes?.(written);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      inflate ? [source, inflate, check, sink] : [source, check, sink],
      options.signal ? { signal: options.signal } : {},
    );
  } catch (e) {
    await rm(part, { force: true });
    if (options.signal?.aborted)
      throw new AppError('INTERRUPTED', `extracting ${entry.name} from ${name} stopped`, { cause: e });
    throw unreadable(name, `${entry.name} does not inflate: ${(e as Error).message}`);
  }
  if (written !== entry.size || crc >>> 0 !== entry.crc32 >>> 0) {
    await rm(part, { force: true });
    throw unreadable(
      name,
      written !== entry.size
        ? `${entry.name} has ${written} bytes, the directory says ${entry.size}`
        : `${entry.name} fails its CRC-32 check (damaged download?)`,
    );
  }
  await rename(part, outPath);
  return { bytes: written, peakBuffered };
}
