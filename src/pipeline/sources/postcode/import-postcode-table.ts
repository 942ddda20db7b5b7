/**
 * `veerkracht postcodes import <file>`: loads CBS's postcode–house number table
 * (postcode-buurt-csv.ts) into the store, replacing the one there, in one transaction — every row
 * is validated while the file streams (about 8 million rows nationally, never all in memory), and
 * the first bad row, a repeated address or an interrupt rolls everything back: the store keeps the
 * table it had. Reads `.csv` and `.csv.gz` (unzip CBS's download first).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../../core/app-error.js';
import type { PostcodeBuurtRow } from '../../../storage/postcode-store.js';
import type { Store } from '../../../storage/store.js';
import { parsePostcodeHeader, parsePostcodeRow, type PostcodeHeader } from './postcode-buurt-csv.js';

/** Rows written per store call. */
const BATCH = 5000;
/** More rows than the Netherlands has addresses (≈ 9.9 million in 2024) is not this table. */
export const POSTCODE_MAX_ROWS = 12_000_000;

export interface PostcodeImportReport {
  file: string;
  checksum: string;
  divisionYear: number;
  rows: number;
  buurten: number;
  gemeenten: number;
  /** Rows whose codes had lost their leading zeros (a file re-saved by a spreadsheet). */
  zerosRestored: number;
  /** The reference division of the maps; own stock resolves only to buurten on it. */
  referenceDivision: number | null;
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function openLines(
  path: string,
  hash: ReturnType<typeof createHash>,
): { lines: AsyncIterable<string>; raw: Readable } {
  const raw = createReadStream(path);
  raw.on('data', (chunk) => hash.update(chunk));
  const text = isGzip(path) ? raw.pipe(createGunzip()) : raw;
  text.setEncoding('utf8');
  return { lines: createInterface({ input: text, crlfDelay: Infinity }), raw };
}

export async function importPostcodeTable(
  store: Store,
  path: string,
  options: { signal?: AbortSignal; now?: Date; referenceDivision?: number | null } = {},
): Promise<PostcodeImportReport> {
  let name = basename(path);
  try {
    if (!statSync(path).isFile()) throw new AppError('FILE_UNREADABLE', `${path} is not a file`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}`, { cause: e });
  }
  if (/\.zip$/i.test(name))
    throw new AppError('UNKNOWN_FILE_KIND', 'unzip the CBS download first and import the .csv inside it', {
      location: { file: name, expected: 'a .csv or .csv.gz file' },
    });
  if (name.toLowerCase().endsWith('.gz')) name = name.slice(0, -3);
  const hash = createHash('sha256');
  const { lines, raw } = openLines(path, hash);
  const buurten = new Set<string>();
  let header: PostcodeHeader | undefined;
  let rows = 0;
  let zerosRestored = 0;
  let lineNo = 0;
  try {
    await store.transaction(async (tx) => {
      await tx.postcodes.clearPostcodeTable();
      let batch: (PostcodeBuurtRow & { line: number })[] = [];
      const flush = async (): Promise<void> => {
        if (options.signal?.aborted)
          throw new AppError(
            'INTERRUPTED',
            'the postcode import was stopped; the store keeps the table it had',
          );
        const duplicate = await tx.postcodes.addPostcodeRows(batch);
        if (duplicate !== undefined) {
          const r = batch[duplicate]!;
          throw new AppError(
            'CSV_DUPLICATE_ROW',
            `the address ${r.postcode} ${r.huisnummer} is in the file twice`,
            {
              location: {
                file: name,
                line: r.line,
                row: r.line - 1,
                column: 'PC6',
                found: `${r.postcode};${r.huisnummer}`,
              },
            },
          );
        }
        batch = [];
      };
      for await (const text of lines) {
        lineNo++;
        if (text.trim() === '') continue;
        if (!header) {
          if (lineNo !== 1)
            throw new AppError('CSV_MALFORMED', 'the header must be the first line', {
              location: { file: name, line: lineNo },
            });
          header = parsePostcodeHeader(text, name);
          continue;
        }
        const row = parsePostcodeRow(text, header, name, lineNo);
        if (++rows > POSTCODE_MAX_ROWS)
          throw new AppError('INPUT_TOO_LARGE', `more than ${POSTCODE_MAX_ROWS} rows`, {
            location: { file: name, line: lineNo },
          });
        if (row.padded) zerosRestored++;
        buurten.add(row.buurtCode);
        batch.push({
          postcode: row.postcode,
          huisnummer: row.huisnummer,
          buurtCode: row.buurtCode,
          line: lineNo,
        });
        if (batch.length >= BATCH) await flush();
      }
      if (!header) throw new AppError('NOTHING_TO_IMPORT', 'the file is empty', { location: { file: name } });
      if (rows === 0)
        throw new AppError('NOTHING_TO_IMPORT', 'the file has a header but no rows', {
          location: { file: name, line: 1 },
        });
      await flush();
      await tx.postcodes.setPostcodeTableInfo({
        divisionYear: header.divisionYear,
        file: name,
        checksum: hash.digest('hex'),
        rows,
        importedAt: (options.now ?? new Date()).toISOString(),
      });
    });
  } catch (e) {
    raw.destroy();
    if (e instanceof AppError) throw e;
    // a broken gzip stream or a read error mid-file
    throw new AppError(
      'FILE_UNREADABLE',
      `${name}: cannot read past line ${lineNo} (${(e as Error).message})`,
      { cause: e },
    );
  }
  const info = (await store.postcodes.postcodeTableInfo())!;
  return {
    file: name,
    checksum: info.checksum,
    divisionYear: info.divisionYear,
    rows,
    buurten: buurten.size,
    gemeenten: new Set([...buurten].map((b) => b.slice(2, 6))).size,
    zerosRestored,
    referenceDivision: options.referenceDivision ?? null,
  };
}
