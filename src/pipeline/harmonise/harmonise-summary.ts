/** Plain-text form of a harmonisation summary, for `veerkracht import` and `veerkracht harmonise`. */
import type { HarmoniseSummary } from './harmonise-store.js';

/** Lines saying what was carried onto the reference division; '' when nothing was to do. */
export function formatHarmoniseSummary(summary: HarmoniseSummary): string {
  const edition = summary.dataEdition
    ? `data edition ${summary.dataEdition.id} (${summary.dataEdition.label}) recorded`
    : '';
  if (summary.reference === null || summary.divisions.length === 0) return edition;
  const out = [`harmonised onto indeling ${summary.reference}:`];
  for (const d of summary.divisions) {
    out.push(
      `  ${d.from} → ${summary.reference}: buurten by code ${d.byCode}, by overlay ${d.byOverlay}, unmatched ${d.unmatched}; ${d.values} values written`,
    );
    for (const note of d.notes) out.push(`    note: ${note}`);
  }
  if (edition) out.push(edition);
  return out.join('\n');
}
