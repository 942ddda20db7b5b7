/**
 * How a buurt's mapped value reads in text (tooltip, table, export): the number with its unit
 * (signed for change maps), or the class label for classifications and for buurten without a
 * usable value. Never a 0 for a missing value.
 */
import type { LegendEntry, MapFeatureProperties, MapMeta } from '../../../src/api/schemas.js';
import { formatNumber, pick, withUnit } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';

export function classLabel(
  legend: readonly LegendEntry[],
  classId: string,
  fallback: string,
  lang: Lang,
): string {
  const entry = legend.find((l) => l.classId === classId);
  return entry ? pick(lang, entry.label, entry.labelEn) : fallback;
}

export function formatFeatureValue(
  p: MapFeatureProperties,
  meta: MapMeta,
  legend: readonly LegendEntry[],
  lang: Lang,
): string {
  if (p.value === null || meta.kind === 'classification') return classLabel(legend, p.classId, p.label, lang);
  return withUnit(formatNumber(p.value, lang, { signed: meta.kind === 'change' }), meta.unit, lang);
}

export function mapTitle(meta: MapMeta, lang: Lang): string {
  return pick(lang, meta.titleNl, meta.titleEn);
}

/**
 * The map's heading as the API gives it (title, year or period, and the years actually compared
 * or the fallback measure): the part before " — " as the title, the rest as its detail.
 */
export function mapHeading(meta: MapMeta, lang: Lang): { main: string; detail: string | null } {
  const heading = pick(lang, meta.headingNl ?? '', meta.headingEn ?? '');
  if (!heading) return { main: `${mapTitle(meta, lang)}, ${mapWhen(meta)}`, detail: null };
  const cut = heading.indexOf(' — ');
  return cut < 0
    ? { main: heading, detail: null }
    : { main: heading.slice(0, cut), detail: heading.slice(cut + 3) };
}

/** "2016–2020" for a period map, "2020" for a level map. */
export function mapWhen(meta: MapMeta): string {
  if (meta.period) return meta.period.replace('-', '–');
  return meta.year !== null ? String(meta.year) : '';
}
