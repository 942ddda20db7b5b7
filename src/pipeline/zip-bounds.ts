/**
 * Bounding what a ZIP container (an XLSX workbook) expands to before a library unpacks it: a
 * 0.3 MB workbook whose sheet inflates to 763 MB must be refused, not loaded. The central
 * directory is read, and every member is inflated here with the remaining budget as the output
 * bound (so a member that lies about its size is caught too). Past the bound: INPUT_TOO_LARGE;
 * a container that is no readable ZIP: FILE_UNREADABLE.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { formatBytes, tooLarge } from './input-limits.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function unreadable(file: InputFile, why: string, cause?: unknown): AppError {
  return new AppError('FILE_UNREADABLE', `not a readable XLSX workbook: ${why}`, {
    location: { file: file.name, expected: 'an XLSX (ZIP) workbook' },
    ...(cause ? { cause } : {}),
  });
}

/** Throws unless every member of the ZIP inflates within `file.limits.maxInflatedBytes` altogether. */
export function checkZipBounds(file: InputFile): void {
  const b = file.bytes;
  const limit = file.limits.maxInflatedBytes;
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (b.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable(file, 'no ZIP central directory (the file is cut or not a ZIP)');
  const entries = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  let declared = 0;
  let inflated = 0;
  for (let e = 0; e < entries; e++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL)
      throw unreadable(file, 'a broken central directory');
    const method = b.readUInt16LE(at + 10);
    const compressed = b.readUInt32LE(at + 20);
    const size = b.readUInt32LE(at + 24);
    const nameLength = b.readUInt16LE(at + 28);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    if (size === 0xffffffff || compressed === 0xffffffff)
      throw unreadable(file, 'ZIP64 members are not read');
    declared += size;
    if (declared > limit)
      throw tooLarge(
        { file: file.name, column: name },
        'the unpacked workbook',
        formatBytes(limit),
        `members declare ${formatBytes(declared)}`,
      );
    if (local + 30 > b.length || b.readUInt32LE(local) !== LOCAL)
      throw unreadable(file, `member '${name}' is missing`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + compressed);
    if (data.length < compressed) throw unreadable(file, `member '${name}' is cut short`);
    if (method === 0) inflated += data.length;
    else if (method === 8) {
      try {
        inflated += inflateRawSync(data, { maxOutputLength: Math.max(1, limit - inflated) }).length;
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge({ file: file.name, column: name }, 'the unpacked workbook', formatBytes(limit));
        throw unreadable(file, `member '${name}' is corrupt`, err);
      }
    } else throw unreadable(file, `member '${name}' uses compression method ${method}`);
    if (inflated > limit)
      throw tooLarge({ file: file.name, column: name }, 'the unpacked workbook', formatBytes(limit));
  }
}
