/**
 * 50090NED as CBS OData v3 JSON: the combined file `veerkracht fetch` caches
 * (`{ table, DataProperties, TypedDataSet }`) or one raw TypedDataSet page. Same key stems as the
 * CSV. Division year: `--division`, else the GeoDimension's MapYear, else 2020. See rivm-rows.ts.
 */
import { findMapYear, looksLikeODataJson, readODataJson } from '../../odata-json.js';
import type { SourceParser } from '../../source-parser.js';
import { RIVM_DIVISION_YEAR, RIVM_TABLE } from './rivm-measures.js';
import { buildRivmBatch } from './rivm-rows.js';

export const rivmODataJsonParser: SourceParser = {
  kind: 'rivm',
  layout: 'rivm-50090ned-odata-json',
  order: 3,
  detect(file) {
    return looksLikeODataJson(file, RIVM_TABLE, ['Leeftijd', 'Marges', 'WijkenEnBuurten']) ? 0.95 : 0;
  },
  async parse(file, ctx) {
    const t = readODataJson(file);
    const keys = new Set<string>(t.properties.map((p) => p.Key));
    for (const row of t.rows.slice(0, 10)) for (const k of Object.keys(row)) keys.add(k);
    return buildRivmBatch(
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
      ctx.divisionYear ?? findMapYear(t.properties) ?? RIVM_DIVISION_YEAR,
    );
  },
};
