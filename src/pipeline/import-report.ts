/** The report printed after an import and stored in the import log. */
import type { ImportBatch } from '../core/records.js';

export interface ImportReport {
  file: string;
  source: string;
  layout: string;
  edition: string;
  divisionYear: number | null;
  rowsRead: number;
  areas: { total: number; byLevel: Record<string, number> };
  unmatched: string[];
  valuesPerIndicator: Record<string, { values: number; missing: number; years: number[] }>;
  geometries: number;
  warnings: Record<string, { count: number; examples: string[] }>;
  alreadyImported: boolean;
}

export function buildImportReport(
  batch: ImportBatch,
  layout: string,
  alreadyImported: boolean,
): ImportReport {
  const byLevel: Record<string, number> = {};
  for (const a of batch.areas) byLevel[a.level] = (byLevel[a.level] ?? 0) + 1;
  const perIndicator: Record<string, { values: number; missing: number; years: Set<number> }> = {};
  const values = batch.values;
  const entries = values.indicators.map(() => ({ values: 0, missing: 0, years: new Set<number>() }));
  for (let i = 0; i < values.length; i++) {
    const entry = entries[values.indicatorNumber(i)]!;
    if (values.value(i) === null) entry.missing++;
    else entry.values++;
    entry.years.add(values.year(i));
  }
  values.indicators.forEach((indicator, k) => {
    if (entries[k]!.values + entries[k]!.missing > 0) perIndicator[indicator] = entries[k]!;
  });
  const warnings: Record<string, { count: number; examples: string[] }> = {};
  const unmatched: string[] = [];
  for (const w of batch.warnings) {
    const entry = (warnings[w.code] ??= { count: 0, examples: [] });
    entry.count++;
    if (entry.examples.length < 5)
      entry.examples.push(w.row !== undefined ? `row ${w.row}: ${w.message}` : w.message);
    if (w.code === 'AREA_UNMATCHED') unmatched.push(w.message);
  }
  return {
    file: batch.file,
    source: batch.edition.source,
    layout,
    edition: batch.edition.edition,
    divisionYear: batch.edition.divisionYear,
    rowsRead: batch.rowsRead,
    areas: { total: batch.areas.length, byLevel },
    unmatched,
    valuesPerIndicator: Object.fromEntries(
      Object.entries(perIndicator)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { values: v.values, missing: v.missing, years: [...v.years].sort() }]),
    ),
    geometries: batch.geometries.length,
    warnings,
    alreadyImported,
  };
}

export function formatImportReport(r: ImportReport): string {
  const lines: string[] = [];
  lines.push(
    `${r.file}: ${r.source} (${r.layout}), ${r.edition}${r.divisionYear ? `, indeling ${r.divisionYear}` : ''}`,
  );
  if (r.alreadyImported) lines.push('  (same file imported before; values replaced, nothing duplicated)');
  const levels = Object.entries(r.areas.byLevel)
    .map(([l, n]) => `${n} ${l}`)
    .join(', ');
  lines.push(
    `  rows read: ${r.rowsRead}; areas: ${r.areas.total}${levels ? ` (${levels})` : ''}; unmatched: ${r.unmatched.length}`,
  );
  if (r.geometries) lines.push(`  geometries: ${r.geometries}`);
  const inds = Object.entries(r.valuesPerIndicator);
  if (inds.length) {
    lines.push('  values per indicator (values / missing, years):');
    for (const [id, v] of inds)
      lines.push(
        `    ${id.padEnd(40)} ${String(v.values).padStart(7)} / ${String(v.missing).padEnd(6)} ${v.years.join(',')}`,
      );
  }
  const ws = Object.entries(r.warnings);
  if (ws.length) {
    lines.push('  warnings:');
    for (const [code, w] of ws) {
      lines.push(`    ${code} × ${w.count}`);
      for (const ex of w.examples) lines.push(`      e.g. ${ex}`);
    }
  }
  return lines.join('\n');
}
