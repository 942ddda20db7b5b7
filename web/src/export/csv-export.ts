/**
 * CSV of a map's buurten: RFC 4180 quoting, comma separator, dot decimals (machine readable),
 * UTF-8 with BOM so spreadsheet programs pick the encoding. Missing values are empty cells.
 */
import type { MapFeature, MapMeta } from '../../../src/api/schemas.js';

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The rows of a map table as CSV text (header first). */
export function mapCsv(
  features: readonly MapFeature[],
  meta: MapMeta,
  classLabelOf: (classId: string, fallback: string) => string,
): string {
  const header = [
    'code',
    'naam',
    'gemeente',
    'kaart',
    'periode',
    'jaar',
    'waarde',
    'eenheid',
    'klasse_id',
    'klasse',
    'inwoners',
    'vlaggen',
  ];
  const rows = features.map((f) => {
    const p = f.properties;
    return [
      p.code,
      p.name,
      p.gemeente,
      meta.map,
      meta.period,
      meta.year,
      p.value,
      meta.unit ?? null,
      p.classId,
      classLabelOf(p.classId, p.label),
      p.inhabitants,
      p.flags.join(' '),
    ];
  });
  return toCsv([header, ...rows]);
}

export function csvBlob(text: string): Blob {
  return new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
}
