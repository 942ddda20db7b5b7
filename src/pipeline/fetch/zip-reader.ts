/**
 * A streaming ZIP reader for the Leefbaarometer open-data zip: the central directory is read
 * from the end of the file (zip-directory.ts: ZIP64 understood, so archives and entries over
 * 4 GiB work), and one entry is inflated from disk to disk in small chunks — the
 * archive is never held in memory. Stored (0) and deflate (8) entries; sizes and CRC-32 are
 * checked. Encrypted, multi-disk or damaged archives are FILE_UNREADABLE naming the archive.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from '../../core/app-error.js';
import {
  checkDirectoryPlace,
  checkMemberMethod,
  LOCAL_HEADER_BYTES,
  memberDataStart,
  parseCentralDirectory,
  parseZip64End,
  parseZipEnd,
  ZIP64_END_BYTES,
  ZIP_TAIL_BYTES,
  zipUnreadable as unreadable,
  type ZipEntry,
} from '../zip-directory.js';

/** Bytes read from disk at a time while extracting. */
export const ZIP_CHUNK = 64 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the archive at `path`, from its central directory. */
export async function listZipEntries(path: string, name = path): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, ZIP_TAIL_BYTES);
    let end = parseZipEnd(await readAt(fh, size - tailLength, tailLength), name);
    if (end.zip64RecordAt !== undefined)
      end = parseZip64End(await readAt(fh, end.zip64RecordAt, ZIP64_END_BYTES), name);
    checkDirectoryPlace(end, size, name);
    return parseCentralDirectory(await readAt(fh, end.cdOffset, end.cdSize), end.count, name);
  } finally {
    await fh.close();
  }
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
  checkMemberMethod(entry, name);
  const fh = await open(zipPath, 'r');
  let dataStart: number;
  try {
    dataStart = memberDataStart(await readAt(fh, entry.localHeaderOffset, LOCAL_HEADER_BYTES), entry, name);
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
