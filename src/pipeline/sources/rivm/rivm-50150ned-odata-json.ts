/**
 * RIVM/CBS Gezondheidsmonitor 50150NED "Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024
 * (indeling 2024)" — the successor of 50090NED, published on dataderden.cbs.nl — as CBS OData v3
 * JSON (the combined file `veerkracht fetch` writes, or one raw TypedDataSet page). Same
 * dimensions (Leeftijd, Marges, WijkenEnBuurten, Perioden) and measure key stems as 50090NED, so
 * the rows are read by rivm-rows.ts; only the edition names this table. Division year:
 * `--division`, else the GeoDimension's MapYear, else 2024.
 */
import { findMapYear, looksLikeODataJson, readODataJson } from '../../odata-json.js';
import type { SourceParser } from '../../source-parser.js';
import { buildRivmBatch } from './rivm-rows.js';

export const RIVM_50150_TABLE = '50150NED';
const DIVISION_YEAR = 2024;

export const rivm50150ODataJsonParser: SourceParser = {
  kind: 'rivm',
  layout: 'rivm-50150ned-odata-json',
  order: 3,
  detect(file) {
    return looksLikeODataJson(file, RIVM_50150_TABLE, ['Leeftijd', 'Marges', 'WijkenEnBuurten']) ? 0.95 : 0;
  },
  async parse(file, ctx) {
    const t = readODataJson(file);
    const keys = new Set<string>(t.properties.map((p) => p.Key));
    for (const row of t.rows.slice(0, 10)) for (const k of Object.keys(row)) keys.add(k);
    const divisionYear = ctx.divisionYear ?? findMapYear(t.properties) ?? DIVISION_YEAR;
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
    batch.edition = {
      ...batch.edition,
      edition: `RIVM/CBS Gezondheidsmonitor ${RIVM_50150_TABLE} (indeling ${divisionYear})`,
      table: RIVM_50150_TABLE,
    };
    return batch;
  },
};
