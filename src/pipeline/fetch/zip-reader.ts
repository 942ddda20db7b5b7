/**
 * A minimal ZIP reader (enough for the Leefbaarometer open-data zip): lists the central directory
 * and extracts one entry, stored (method 0) or deflated (method 8, node:zlib inflateRaw). ZIP64,
 * encryption and multi-disk archives are refused with FILE_UNREADABLE.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/app-error.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive, from its central directory. */
export function listZipEntries(zip: Buffer, name = 'zip'): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(zip, name);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (p === 0xffffffff || count === 0xffff) throw unreadable(name, 'ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL)
      throw unreadable(name, 'the central directory is damaged');
    const flags = zip.readUInt16LE(p + 8);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const rawName = zip.subarray(p + 46, p + 46 + nameLength);
    entries.push({
      name: rawName.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      flags,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry. */
export function extractZipEntry(zip: Buffer, entry: ZipEntry, name = 'zip'): Buffer {
  if (entry.flags & 0x1) throw unreadable(name, `${entry.name} is encrypted`);
  const h = entry.localHeaderOffset;
  if (h + 30 > zip.length || zip.readUInt32LE(h) !== LOCAL)
    throw unreadable(name, `no local header for ${entry.name}`);
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw unreadable(name, `${entry.name} is cut off (truncated zip)`);
  let out: Buffer;
  if (entry.method === 0) out = Buffer.from(data);
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(data);
    } catch (e) {
      throw unreadable(name, `${entry.name} does not inflate: ${(e as Error).message}`);
    }
  } else
    throw unreadable(
      name,
      `${entry.name} uses compression method ${entry.method} (only stored/deflate are supported)`,
    );
  if (out.length !== entry.size)
    throw unreadable(name, `${entry.name} has ${out.length} bytes, the directory says ${entry.size}`);
  return out;
}

function findEndOfCentralDirectory(zip: Buffer, name: string): number {
  const stop = Math.max(0, zip.length - 22 - 65535);
  for (let p = zip.length - 22; p >= stop; p--) if (zip.readUInt32LE(p) === EOCD) return p;
  throw unreadable(name, 'not a zip archive (no end of central directory)');
}

function unreadable(name: string, message: string): AppError {
  return new AppError('FILE_UNREADABLE', `${name}: ${message}`, { location: { file: name } });
}
