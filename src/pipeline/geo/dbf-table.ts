/**
 * Reading a Shapefile's attribute table (.dbf, dBASE III+ as ESRI and GDAL write it): a 32-byte
 * header (record count, header and record length, language driver byte), 32-byte field
 * descriptors up to 0x0D, then fixed-width records behind a deletion flag. Text is decoded in
 * the code page the .cpg names, else the one the language driver byte names (0x57 "ANSI" and
 * 0x03: Windows-1252), else UTF-8 when the text is valid UTF-8 and Windows-1252 when it is not —
 * never with a replaced character: a code page Veerkracht does not decode is accepted only for
 * ASCII text. Numeric cells: blank, `*` (overflow) and CBS's secrecy markers (-99999999
 * "geheim", -99999998, -99999997 "niet van toepassing", …) are null, never a number.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../core/app-error.js';
import type { ImportWarning } from '../../core/records.js';
import { tooLarge, type InputLimits } from '../input-limits.js';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  /** One per record, in order; null for a record marked deleted. */
  records: (Record<string, unknown> | null)[];
  /** How the text was decoded and why, for the import report. */
  notes: ImportWarning[];
}

type Decoding = 'utf-8' | 'windows-1252' | 'iso-8859-15' | 'ascii';

/** The lowest of CBS's markers for suppressed or unknown values (-99999990 … -99999999). */
const CBS_MARKERS_FROM = -99_999_999;
const CBS_MARKERS_TO = -99_999_990;

function invalid(file: string, message: string, row?: number): AppError {
  return new AppError('SHAPEFILE_INVALID', message, {
    location: { file, ...(row !== undefined ? { row } : {}) },
  });
}

/** A .cpg's code page, normalised: 'UTF-8', 'utf8' → utf-8; '1252', 'ANSI 1252', 'ISO-8859-1' → windows-1252. */
function cpgDecoding(cpg: string): Decoding | undefined {
  const c = cpg
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (c === 'UTF8') return 'utf-8';
  if (/^(CP|WINDOWS|ANSI)?1252$|^ANSI$|^(ISO)?88591$|^LATIN1$/.test(c)) return 'windows-1252';
  if (/^(ISO)?885915$|^LATIN9$/.test(c)) return 'iso-8859-15';
  return undefined;
}

/** Windows-1252 leaves five bytes undefined: text holding one is in another code page. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

interface ChosenDecoding {
  decoding: Decoding;
  /** Said in the report. */
  note: string;
  /** The code page named but not decoded here (then only ASCII text is read). */
  unsupported?: string;
}

function chooseDecoding(dbf: Buffer, textBytes: () => Buffer, cpg: string | undefined): ChosenDecoding {
  if (cpg !== undefined) {
    const d = cpgDecoding(cpg);
    return d
      ? { decoding: d, note: d === 'utf-8' ? '' : `text read as ${d} (the .cpg says '${cpg.trim()}')` }
      : { decoding: 'ascii', note: '', unsupported: `'${cpg.trim()}' (the .cpg)` };
  }
  const ldid = dbf[29]!;
  const text = textBytes();
  // ASCII reads the same in every code page this reader decodes: nothing to report
  if (isAscii(text)) return { decoding: 'utf-8', note: '' };
  if (ldid === 0x57 || ldid === 0x03) {
    // GDAL and ArcGIS mark "ANSI" text so; a file whose text is valid UTF-8 beyond ASCII was written as UTF-8 regardless
    const utf8 = isUtf8(text);
    return utf8
      ? {
          decoding: 'utf-8',
          note: 'text read as UTF-8: it is valid UTF-8, though the .dbf is marked Windows-1252 and there is no .cpg',
        }
      : {
          decoding: 'windows-1252',
          note: 'text read as Windows-1252 (the .dbf language driver byte; no .cpg)',
        };
  }
  if (ldid !== 0)
    return { decoding: 'ascii', note: '', unsupported: `language driver 0x${ldid.toString(16)}` };
  if (isUtf8(text))
    return { decoding: 'utf-8', note: 'text read as UTF-8 (no .cpg, no language driver byte)' };
  return {
    decoding: 'windows-1252',
    note: 'text is not UTF-8: read as Windows-1252 (no .cpg, no language driver byte)',
  };
}

function isAscii(b: Buffer): boolean {
  for (const byte of b) if (byte > 0x7f) return false;
  return true;
}

/** The .dbf in `dbf`: fields and records, text decoded (see the module comment); `cpg` is the .cpg's content. */
export function readDbf(dbf: Buffer, file: string, cpg: string | undefined, limits: InputLimits): DbfTable {
  if (dbf.length < 33) throw invalid(file, `the .dbf has ${dbf.length} bytes, less than a dBASE header`);
  const count = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  if (count > limits.maxRows)
    throw tooLarge({ file }, 'the number of records', `${limits.maxRows}`, `${count}`);
  const fields = readFields(dbf, file, headerLength);
  const width = fields.reduce((sum, f) => sum + f.length, 1);
  if (headerLength > dbf.length || width !== recordLength)
    throw invalid(
      file,
      `not a dBASE table: the fields take ${width} bytes, the header says records of ${recordLength}`,
    );
  const complete = Math.floor((dbf.length - headerLength) / recordLength);
  if (complete < count)
    throw invalid(
      file,
      `record ${complete + 1} is cut off: the .dbf ends at byte ${dbf.length}, its header says ${count} records (truncated copy?)`,
      complete + 1,
    );
  const textOf = (): Buffer =>
    Buffer.concat(
      Array.from({ length: count }, (_, r) => {
        let at = headerLength + r * recordLength + 1;
        return Buffer.concat(
          fields.map((f) => {
            const cell = dbf.subarray(at, at + f.length);
            at += f.length;
            return f.type === 'C' ? cell : Buffer.alloc(0);
          }),
        );
      }),
    );
  const chosen = chooseDecoding(dbf, textOf, cpg);
  const decode = decoder(chosen, file);
  const records: (Record<string, unknown> | null)[] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    if (dbf[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const record: Record<string, unknown> = {};
    let at = start + 1;
    for (const f of fields) {
      record[f.name] = cellValue(dbf.subarray(at, at + f.length), f, (b) => decode(b, r + 1, f.name));
      at += f.length;
    }
    records.push(record);
  }
  const notes: ImportWarning[] = chosen.note
    ? [{ code: 'ENCODING_DETECTED', message: `${file}: ${chosen.note}`, file }]
    : [];
  return { fields, records, notes };
}

function readFields(dbf: Buffer, file: string, headerLength: number): DbfField[] {
  const fields: DbfField[] = [];
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    const nul = raw.indexOf(0);
    // field names are ASCII in practice; latin1 keeps any other byte visible instead of failing
    const name = raw
      .subarray(0, nul < 0 ? 11 : nul)
      .toString('latin1')
      .trim();
    const type = String.fromCharCode(dbf[at + 11]!);
    const length = dbf[at + 16]!;
    if (name === '' || length === 0)
      throw invalid(file, `field ${fields.length + 1} of the .dbf header is damaged`);
    fields.push({ name, type, length });
  }
  if (fields.length === 0) throw invalid(file, 'the .dbf has no fields');
  return fields;
}

function decoder(chosen: ChosenDecoding, file: string): (b: Buffer, row: number, column: string) => string {
  const refuse = (row: number, column: string, b: Buffer, why: string): AppError =>
    new AppError('FILE_ENCODING', why, {
      location: {
        file,
        row,
        column,
        expected: 'text in the code page the .cpg names',
        found: b.toString('hex'),
      },
    });
  if (chosen.decoding === 'ascii')
    return (b, row, column) => {
      if (!isAscii(b))
        throw refuse(
          row,
          column,
          b,
          `the .dbf's code page ${chosen.unsupported} is not one Veerkracht decodes (UTF-8, Windows-1252, ISO-8859-15); re-save the Shapefile as UTF-8 (QGIS: Export → Save Features As, Encoding UTF-8)`,
        );
      return b.toString('latin1');
    };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const single = chosen.decoding === 'utf-8' ? undefined : new TextDecoder(chosen.decoding);
  return (b, row, column) => {
    if (isAscii(b)) return b.toString('latin1');
    if (single) {
      if (chosen.decoding === 'windows-1252' && b.some((byte) => UNDEFINED_1252.has(byte)))
        throw refuse(
          row,
          column,
          b,
          'a byte Windows-1252 does not define: the text is in another code page (add a .cpg naming it, or re-save as UTF-8)',
        );
      return single.decode(b);
    }
    try {
      return utf8.decode(b);
    } catch (e) {
      throw refuse(
        row,
        column,
        b,
        `bytes that are not UTF-8, though the text is read as UTF-8 (${(e as Error).message})`,
      );
    }
  };
}

function cellValue(cell: Buffer, f: DbfField, decode: (b: Buffer) => string): unknown {
  switch (f.type) {
    case 'N':
    case 'F': {
      const s = cell.toString('latin1').trim();
      if (s === '' || /^\*+$/.test(s) || s === '.') return null;
      const n = Number(s);
      if (!Number.isFinite(n)) return decode(cell).trim();
      return n >= CBS_MARKERS_FROM && n <= CBS_MARKERS_TO && Number.isInteger(n) ? null : n;
    }
    case 'L': {
      const c = cell.toString('latin1').trim().toUpperCase();
      return c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
    }
    case 'D': {
      const s = cell.toString('latin1').trim();
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null;
    }
    default: {
      const s = decode(cell).replace(/\0+$/, '').trim();
      return s === '' ? null : s;
    }
  }
}
