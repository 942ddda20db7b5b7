/**
 * Which character encoding a text file uses, and its text — without ever replacing a character
 * silently. Files arrive as people save them: UTF-8 with or without a byte-order mark, UTF-16
 * (Excel's "Unicode text", with a BOM, or without one), and Windows-1252 (Excel's "CSV" on a
 * Dutch Windows machine; ISO-8859-1 is the same for every printable character). The rules:
 *   - a BOM decides (UTF-8, UTF-16LE, UTF-16BE);
 *   - without a BOM, NUL bytes in every other position mean UTF-16 (LE or BE by their place);
 *   - bytes that are valid UTF-8 are UTF-8;
 *   - otherwise the file is Windows-1252 when it has no well-formed UTF-8 sequence at all and no
 *     byte that Windows-1252 leaves undefined; the import report says it was read as such;
 *   - anything else (UTF-8 lines mixed with Windows-1252 lines, broken UTF-16) is refused with
 *     FILE_ENCODING naming the line and the bytes.
 * A file that already holds U+FFFD (characters lost by an earlier tool) is read as it is, with a
 * REPLACEMENT_CHARACTER warning naming the first line.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '../core/app-error.js';
import type { ImportWarning } from '../core/records.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Notes for the import report (encoding other than UTF-8, replacement characters found). */
  warnings: ImportWarning[];
}

/** Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The encoding a BOM announces, with the BOM's length. */
function bomOf(bytes: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8-bom', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM: most byte pairs of the first KB have one NUL byte, always on the same side. */
function bomlessUtf16(bytes: Uint8Array): TextEncoding | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenZero++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return undefined;
}

/** Line (1-based) of byte offset `at`. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function hex(bytes: Uint8Array, at: number, n = 4): string {
  return [...bytes.subarray(at, at + n)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Length of the well-formed UTF-8 sequence at `i` (≥ 2), or 0 when there is none. */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number): boolean => (b[i + k]! & 0xc0) === 0x80 && i + k < b.length;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0;
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return 4;
  }
  return 0;
}

/** The first byte that is not part of well-formed UTF-8, and whether well-formed multi-byte sequences occur. */
function scanUtf8(b: Uint8Array): { firstInvalid: number; multibyte: boolean; undefinedCp1252: number } {
  let firstInvalid = -1;
  let multibyte = false;
  let undefinedCp1252 = -1;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (CP1252_UNDEFINED.has(c) && undefinedCp1252 < 0) undefinedCp1252 = i;
    const n = utf8SequenceAt(b, i);
    if (n > 0) {
      multibyte = true;
      i += n;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
    if (multibyte && firstInvalid >= 0) break;
  }
  return { firstInvalid, multibyte, undefinedCp1252 };
}

function refuse(file: string, bytes: Uint8Array, at: number, message: string): AppError {
  return new AppError('FILE_ENCODING', message, {
    location: {
      file,
      line: lineAt(bytes, at),
      expected: 'text in UTF-8 (with or without BOM), UTF-16 or Windows-1252',
      found: `bytes ${hex(bytes, at)} at byte ${at}`,
    },
  });
}

function replacementWarning(file: string, text: string, encoding: TextEncoding): ImportWarning[] {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return [];
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return [
    {
      code: 'REPLACEMENT_CHARACTER',
      message: `the file (${encoding}) already contains the replacement character U+FFFD, first on line ${line}: characters were lost by a tool before this file was saved; names there will not match`,
      file,
    },
  ];
}

/** Old Mac line ends (CR only, as some spreadsheet exports still write) as LF; CRLF and LF stay. */
function withLineFeeds(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replace(/\r/g, '\n') : text;
}

/**
 * Decodes a whole text file (see the module comment); throws FILE_ENCODING when the bytes are
 * not one of the encodings read.
 */
export function decodeText(file: string, bytes: Buffer): DecodedText {
  const d = decodeBytes(file, bytes);
  return { ...d, text: withLineFeeds(d.text) };
}

function decodeBytes(file: string, bytes: Buffer): DecodedText {
  const bom = bomOf(bytes);
  const utf16 = bom?.encoding.startsWith('utf-16') ? bom.encoding : bomlessUtf16(bytes);
  if (utf16) {
    const body = bytes.subarray(bom?.length ?? 0);
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(body);
      const warnings: ImportWarning[] = [
        { code: 'ENCODING_DETECTED', message: `read as ${utf16.toUpperCase()} text`, file },
      ];
      return { text, encoding: utf16, warnings: [...warnings, ...replacementWarning(file, text, utf16)] };
    } catch (e) {
      throw new AppError(
        'FILE_ENCODING',
        `the file looks like ${utf16.toUpperCase()} but is not valid ${utf16.toUpperCase()}`,
        {
          location: { file, expected: `valid ${utf16.toUpperCase()} text` },
          cause: e,
        },
      );
    }
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const encoding: TextEncoding = bom ? 'utf-8-bom' : 'utf-8';
  if (isUtf8(body)) {
    const text = body.toString('utf8');
    return { text, encoding, warnings: replacementWarning(file, text, encoding) };
  }
  const offset = bom?.length ?? 0;
  const scan = scanUtf8(body);
  if (scan.multibyte || bom) {
    throw refuse(
      file,
      bytes,
      scan.firstInvalid + offset,
      'mixed encodings: the file is UTF-8, but this line holds bytes that are not (re-save the whole file as UTF-8)',
    );
  }
  if (scan.undefinedCp1252 >= 0) {
    throw refuse(
      file,
      bytes,
      scan.undefinedCp1252,
      'the file is neither UTF-8 nor Windows-1252 text (a byte Windows-1252 does not define)',
    );
  }
  const text = new TextDecoder('windows-1252').decode(body);
  return {
    text,
    encoding: 'windows-1252',
    warnings: [
      {
        code: 'ENCODING_DETECTED',
        message: `not UTF-8: read as Windows-1252 (first non-ASCII byte on line ${lineAt(bytes, scan.firstInvalid)})`,
        file,
      },
    ],
  };
}

/**
 * The first bytes of a file as text for detection only: never throws, and a multi-byte character
 * cut at the end is dropped. Binary files give some text that no parser recognises.
 */
export function decodeHead(bytes: Buffer, max = 65536): string {
  return withLineFeeds(decodeHeadBytes(bytes, max));
}

function decodeHeadBytes(bytes: Buffer, max: number): string {
  let head = bytes.subarray(0, max);
  const bom = bomOf(head);
  const utf16 = bom?.encoding.startsWith('utf-16') ? bom.encoding : bomlessUtf16(head);
  if (utf16) {
    head = head.subarray(bom?.length ?? 0);
    return new TextDecoder(utf16).decode(head.subarray(0, head.length & ~1));
  }
  if (bom) head = head.subarray(bom.length);
  // a character cut at the end of the slice: drop up to 3 trailing bytes of an incomplete sequence
  for (let cut = 0; cut < 4 && head.length > 0; cut++) {
    if (isUtf8(head)) return head.toString('utf8');
    if (bytes.length <= max) break;
    head = head.subarray(0, head.length - 1);
  }
  return new TextDecoder('windows-1252').decode(
    bytes.subarray(bom?.length ?? 0, Math.min(bytes.length, max)),
  );
}
