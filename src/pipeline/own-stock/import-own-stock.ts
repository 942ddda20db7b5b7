/**
 * The file import of an organisation's own stock (`veerkracht own-stock import`): the file is
 * read like every input (gzip, checksum, encoding, size bounds: input-file.ts), parsed and
 * validated whole by the same rules as an upload through the API
 * (src/domain/own-stock/parse-own-stock.ts — in the domain, without I/O, because the server may
 * not import the pipeline), rows given by postcode and house number placed by CBS's postcode–house
 * number table (`veerkracht postcodes import`), every buurt checked against the reference division, and written
 * in one transaction: the organisation's stock of the years in the file is replaced, or nothing.
 */
import { AppError } from '../../core/app-error.js';
import { readOwnStock, type OwnStockLayout } from '../../domain/own-stock/parse-own-stock.js';
import { sumOwnStock, unknownBuurt } from '../../domain/own-stock/place-own-stock.js';
import { loadAddressTable } from '../../storage/postcode-store.js';
import { findReferenceDivision } from '../../storage/reference-division.js';
import type { Store } from '../../storage/store.js';
import { readInputFile } from '../input-file.js';

export interface OwnStockFileReport {
  file: string;
  layout: OwnStockLayout;
  rows: number;
  buurten: number;
  dwellings: number;
  years: number[];
  divisionYear: number;
  /** Rows placed in their buurt by postcode and house number. */
  addressRows: number;
}

export async function importOwnStockFile(
  store: Store,
  organisationId: number,
  path: string,
  options: { defaultYear?: number; now?: Date } = {},
): Promise<OwnStockFileReport> {
  const now = options.now ?? new Date();
  const input = readInputFile(path);
  const read = readOwnStock(input.text(), input.name, options.defaultYear ?? now.getUTCFullYear());
  const table =
    read.addresses.length > 0 ? await loadAddressTable(store.postcodes, read.addresses) : undefined;
  const parsed = sumOwnStock(read, table);
  const divisionYear = await findReferenceDivision(store);
  if (divisionYear === undefined)
    throw new AppError('NO_DATA', 'the store holds no buurt boundaries: import a wijk- en buurtkaart first');
  const known = new Set(await store.listGeometryCodes(divisionYear));
  for (const r of parsed.rows)
    if (!known.has(r.buurtCode))
      throw unknownBuurt(input.name, r, divisionYear, parsed.addressRows > 0 ? table : undefined);
  const rows = parsed.rows.map((r) => ({
    buurtCode: r.buurtCode,
    year: r.year,
    dwellings: r.dwellings,
    complexes: r.complexes,
  }));
  const report: OwnStockFileReport = {
    file: input.name,
    layout: parsed.layout,
    rows: parsed.dataRows,
    buurten: new Set(rows.map((r) => r.buurtCode)).size,
    dwellings: rows.reduce((s, r) => s + r.dwellings, 0),
    years: parsed.years,
    divisionYear,
    addressRows: parsed.addressRows,
  };
  await store.transaction((tx) =>
    tx.members.replaceOwnStock(organisationId, rows, {
      organisationId,
      file: input.name,
      checksum: input.checksum,
      rows: report.rows,
      buurten: report.buurten,
      dwellings: report.dwellings,
      years: report.years,
      uploadedBy: null,
      uploadedAt: now.toISOString(),
    }),
  );
  return report;
}
