/**
 * The provincie Utrecht buurt table (a derived analysis table, 969 buurten in 26 gemeenten):
 *   ,buurt_code,gm_naam,regio,aantal_inwoners,...,leefbarometer_score,leefbarometer_fysieke_omgeving,...
 * It merges KWB 2022 columns (year 2022) with Leefbaarometer 3.0 meting 2020 (year 2020, values
 * rounded to 2 decimals by the source; `won` is absent). Codes are of the 2022 division, so every
 * value gets division year 2022 (`--division` overrides). `regio` is the buurt name, `gm_naam`
 * the gemeente name (the gemeente code follows from the buurt code).
 * Quirk: the source turned KWB-suppressed cells into 0 (e.g. WOZ value 0, owner-occupied share 0
 * for buurten with < 20 dwellings); those read as null + suppressed, never 0 — see RULES below.
 * Columns without a catalogue indicator (distances, energy, SES, noise) are not imported.
 */
import { VALUE_FLAGS, emptyBatch, type ParsedArea } from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import {
  createDuplicateGuard,
  findColumn,
  readAreaCodeCell,
  readNumberCell,
  requireColumns,
} from '../../csv-cells.js';
import { hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable, type CsvTable } from '../../csv-table.js';
import { areaFromCode } from '../../parsed-area.js';
import type { SourceParser } from '../../source-parser.js';

const KWB_YEAR = 2022;
const LBM_YEAR = 2020;
/** KWB suppresses dwelling-based shares and averages for buurten with fewer dwellings than this. */
const KWB_MIN_DWELLINGS = 20;

type ZeroRule = 'keep' | 'zero-is-missing' | 'missing-below-min-dwellings';
interface ColumnRule {
  column: string;
  indicator: string;
  year: number;
  zero: ZeroRule;
}

/** Source column → indicator, with how a 0 in that column is to be read. */
export const UTRECHT_COLUMNS: readonly ColumnRule[] = [
  { column: 'leefbarometer_score', indicator: 'lbm_total', year: LBM_YEAR, zero: 'keep' },
  { column: 'leefbarometer_fysieke_omgeving', indicator: 'lbm_fys', year: LBM_YEAR, zero: 'keep' },
  { column: 'leefbarometer_fysieke_overlast', indicator: 'lbm_onv', year: LBM_YEAR, zero: 'keep' },
  { column: 'leefbarometer_sociale_samenhang', indicator: 'lbm_soc', year: LBM_YEAR, zero: 'keep' },
  { column: 'leefbarometer_voorzieningen', indicator: 'lbm_vrz', year: LBM_YEAR, zero: 'keep' },
  { column: 'aantal_inwoners', indicator: 'inhabitants', year: KWB_YEAR, zero: 'keep' },
  { column: 'woningvoorraad', indicator: 'dwellings', year: KWB_YEAR, zero: 'keep' },
  {
    column: 'gemiddelde_huishoudensgrootte',
    indicator: 'household_size',
    year: KWB_YEAR,
    zero: 'zero-is-missing',
  },
  { column: 'gemiddelde_woningwaarde', indicator: 'woz_value', year: KWB_YEAR, zero: 'zero-is-missing' },
  {
    column: 'koopwoning_percentage',
    indicator: 'owner_occupied_share',
    year: KWB_YEAR,
    zero: 'missing-below-min-dwellings',
  },
];

export const utrechtBuurtenCsvParser: SourceParser = {
  kind: 'lbm',
  layout: 'utrecht-buurten-kwb-lbm3-csv',
  // Before the official KWB/Leefbaarometer files, so their unrounded values win on the same key.
  order: 2,
  detect(file) {
    const h = csvHeaderOf(file);
    return hasHeader(h, 'buurt_code') && hasHeader(h, 'leefbarometer_score') ? 0.95 : 0;
  },
  async parse(file, ctx) {
    const table = readCsvTable(file);
    const cols = requireColumns(table, ['buurt_code', 'leefbarometer_score'], 'provincie Utrecht buurten');
    const divisionYear = ctx.divisionYear ?? KWB_YEAR;
    const batch = emptyBatch(file.name, file.checksum, {
      source: 'lbm',
      edition: 'Provincie Utrecht buurten: KWB 2022 + Leefbaarometer 3.0 meting 2020 (derived table)',
      table: null,
      publisher: 'CBS (KWB 2022); Ministerie van BZK (Leefbaarometer 3.0)',
      divisionYear,
    });
    const { values, areas } = readRows(table, cols.buurt_code, divisionYear);
    batch.values = values;
    batch.areas = areas;
    batch.rowsRead = table.rows.length;
    return batch;
  },
};

function readRows(
  table: CsvTable,
  codeCol: number,
  divisionYear: number,
): { values: ValueColumns; areas: ParsedArea[] } {
  const nameCol = findColumn(table, 'regio');
  const gmNameCol = findColumn(table, 'gm_naam');
  const dwellingsCol = findColumn(table, 'woningvoorraad');
  const rules = UTRECHT_COLUMNS.map((r) => ({ ...r, index: findColumn(table, r.column) })).filter(
    (r): r is ColumnRule & { index: number } => r.index !== undefined,
  );
  const checkDuplicate = createDuplicateGuard(table, codeCol);
  const values = new ValueColumns();
  const areas = new Map<string, ParsedArea>();
  table.rows.forEach((row, i) => {
    const { code, level } = readAreaCodeCell(table, i, codeCol, ['buurt']);
    checkDuplicate(code, i);
    const area = areaFromCode(
      code,
      level,
      nameCol !== undefined ? (row[nameCol] ?? null) : null,
      divisionYear,
    );
    areas.set(code, area);
    const gmName = gmNameCol !== undefined ? (row[gmNameCol] ?? '') : '';
    if (gmName.trim() && area.gemeenteCode) {
      areas.set(area.gemeenteCode, areaFromCode(area.gemeenteCode, 'gemeente', gmName, divisionYear));
    }
    const dwellings =
      dwellingsCol !== undefined ? readNumberCell(table, i, dwellingsCol, 'dwellings').value : null;
    for (const r of rules) {
      const cell = readNumberCell(table, i, r.index, r.indicator);
      const { value, flags } = applyZeroRule(cell, r.zero, dwellings);
      values.push({
        areaCode: code,
        year: r.year,
        indicator: r.indicator,
        value,
        flags,
        column: r.column,
        divisionYear,
      });
    }
  });
  return { values, areas: [...areas.values()] };
}

function applyZeroRule(
  cell: { value: number | null; flags: number },
  rule: ZeroRule,
  dwellings: number | null,
): { value: number | null; flags: number } {
  if (cell.value !== 0) return cell;
  const missing =
    rule === 'zero-is-missing' ||
    (rule === 'missing-below-min-dwellings' && (dwellings === null || dwellings < KWB_MIN_DWELLINGS));
  return missing ? { value: null, flags: VALUE_FLAGS.suppressed } : cell;
}
