/**
 * The RIVM/CBS Gezondheidsmonitor tables as CBS OData v3 JSON: the combined file `veerkracht
 * fetch` caches (`{ table, DataProperties, TypedDataSet }`) or one raw TypedDataSet page. Both
 * tables (50090NED and its successor 50150NED, see rivm-50150ned-odata-json.ts) have the same
 * dimensions and measure key stems, so one parser reads either; see rivm-rows.ts. Division year:
 * `--division`, else the GeoDimension's MapYear, else the table's own default.
 */
import { findMapYear, looksLikeODataJson, readODataJson } from '../../odata-json.js';
import type { SourceParser } from '../../source-parser.js';
import { RIVM_DIVISION_YEAR, RIVM_TABLE } from './rivm-measures.js';
import { buildRivmBatch } from './rivm-rows.js';

/**
 * A parser for one RIVM table in OData v3 JSON. `edition` names the edition when the table is
 * not 50090NED (whose edition rivm-rows.ts names itself).
 */
export function rivmODataParser(
  table: string,
  layout: string,
  defaultDivision: number,
  edition?: (divisionYear: number) => string,
): SourceParser {
  return {
    kind: 'rivm',
    layout,
    order: 3,
    detect(file) {
      return looksLikeODataJson(file, table, ['Leeftijd', 'Marges', 'WijkenEnBuurten']) ? 0.95 : 0;
    },
    async parse(file, ctx) {
      const t = readODataJson(file);
      const keys = new Set<string>(t.properties.map((p) => p.Key));
      for (const row of t.rows.slice(0, 10)) for (const k of Object.keys(row)) keys.add(k);
      const divisionYear = ctx.divisionYear ?? findMapYear(t.properties) ?? defaultDivision;
      const batch = buildRivmBatch(
        {
          file: file.name,
          checksum: file.checksum,
          keys: [...keys],
          count: t.rows.length,
          get: (i, key) => t.rows[i]?.[key],
          areaName: (code) => t.areaNames.get(code),
          where: (i, key) => ({
            file: file.name,
            row: i + 1,
            column: key,
            found: String(t.rows[i]?.[key] ?? ''),
          }),
        },
        divisionYear,
      );
      if (edition) batch.edition = { ...batch.edition, edition: edition(divisionYear), table };
      return batch;
    },
  };
}

export const rivmODataJsonParser = rivmODataParser(
  RIVM_TABLE,
  'rivm-50090ned-odata-json',
  RIVM_DIVISION_YEAR,
);
