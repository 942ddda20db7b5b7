/**
 * KWB editions: the CBS table id of each yearly edition, the edition year of a file (from
 * --year, the table id or the file name) and the SourceEdition record. The edition year is
 * also the division year (indelingsjaar) of the area codes and the `year` stored with each
 * value — income and benefit blocks refer to earlier reference years (see docs/data-sources.md).
 */
import { AppError } from '../../../core/app-error.js';
import type { SourceEdition } from '../../../core/records.js';
import { yearFromFileName } from '../../input-file.js';

/** CBS OData table id per KWB edition year. */
export const KWB_TABLES: Readonly<Record<number, string>> = {
  2014: '82931NED',
  2015: '83220NED',
  2016: '83487NED',
  2017: '83765NED',
  2018: '84286NED',
  2019: '84583NED',
  2020: '84799NED',
  2021: '85039NED',
  2022: '85318NED',
  2023: '85618NED',
  2024: '85984NED',
  2025: '86165NED',
};

const YEAR_OF_TABLE = new Map(Object.entries(KWB_TABLES).map(([y, t]) => [t, Number(y)]));

/** The edition year of a KWB table id (`84286NED` → 2018), or undefined for other tables. */
export function findKwbYearOfTable(table: string): number | undefined {
  return YEAR_OF_TABLE.get(table.trim().toUpperCase());
}

/** A CBS table id (`84286NED`) inside a string (file name, OData metadata URL), if any. */
export function findTableId(s: string): string | undefined {
  return /(?<![0-9A-Z])(\d{5}NED)(?![0-9A-Z])/i.exec(s)?.[1]?.toUpperCase();
}

/**
 * The edition year: a KWB table id the file carries (OData) decides; otherwise `--year`, then the
 * file name (`kwb2018_...`). Throws YEAR_UNKNOWN when none says it.
 */
export function resolveKwbYear(fileName: string, ctxYear: number | undefined, table?: string): number {
  const fromTable = table !== undefined ? findKwbYearOfTable(table) : undefined;
  if (fromTable !== undefined) return fromTable;
  if (ctxYear !== undefined) return ctxYear;
  const fromName = yearFromFileName(fileName);
  if (fromName !== undefined) return fromName;
  throw new AppError(
    'YEAR_UNKNOWN',
    `cannot tell which KWB edition this is: the file carries no year${table ? ` and table ${table} is not a known KWB table` : ''}; pass --year YYYY or name the file kwbYYYY_...`,
    {
      location: {
        file: fileName,
        expected: 'a KWB edition year (--year, a KWB table id or kwbYYYY in the file name)',
      },
    },
  );
}

/** The SourceEdition of a KWB edition: "CBS KWB 2018 (84286NED)", division year = edition year. */
export function kwbEdition(year: number, table?: string): SourceEdition {
  const tableId = table ?? KWB_TABLES[year] ?? null;
  return {
    source: 'kwb',
    edition: tableId ? `CBS KWB ${year} (${tableId})` : `CBS KWB ${year}`,
    table: tableId,
    publisher: 'CBS',
    divisionYear: year,
  };
}
