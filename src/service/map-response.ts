/**
 * Turns a built map into the GeoJSON response of GET /api/maps (src/api/schemas.ts
 * MapResponse): display geometry per buurt, legend, and metadata (sources, harmonisation,
 * caveats, texts).
 */
import type { MapResponse } from '../api/schemas.js';
import type { BuiltMap } from '../domain/maps/build-map.js';
import { scopeText } from '../domain/maps/map-meta.js';
import type { PolygonGeometry } from '../core/records.js';
import type { HarmonisationLogRow } from '../storage/store.js';
import { mapConfigSummary } from './config-report.js';
import type { LoadedState } from './engine-state.js';
import { withFormedFrom, type ResolvedArea } from './resolve-area.js';

/** The MapResponse for a built map. */
export function mapResponse(
  built: BuiltMap,
  area: ResolvedArea,
  state: LoadedState,
  geometry: ReadonlyMap<string, PolygonGeometry | null>,
  harmonisation: readonly HarmonisationLogRow[],
): MapResponse {
  const spec = built.spec;
  const name = (code: string) => state.gemeenteNames.get(code) ?? code;
  const scope = (l: 'nl' | 'en') =>
    built.scope && built.classMethodSpec && built.year !== null
      ? scopeText(built.scope, built.classMethodSpec, built.year, l, name)
      : null;
  return {
    type: 'FeatureCollection',
    features: built.features.map((f) => ({
      type: 'Feature',
      id: f.code,
      geometry: roundGeometry(geometry.get(f.code) ?? null),
      properties: {
        code: f.code,
        name: f.name,
        gemeente: f.gemeente,
        value: f.value === null ? null : round(f.value, 4),
        classIndex: f.classIndex,
        classId: f.classId,
        label: f.label,
        labelEn: f.labelEn,
        flags: f.flags,
        inhabitants: f.inhabitants,
        inhabitantsYear: f.inhabitantsYear,
        missing: f.missing,
      },
    })),
    legend: built.legend,
    meta: {
      map: spec.id,
      kind: spec.kind,
      titleNl: spec.titleNl,
      titleEn: spec.titleEn,
      area: area.id,
      areaName: area.name,
      ...withFormedFrom(area, state),
      period: built.period,
      year: built.year,
      divisionYear: state.divisionYear,
      classMethod: built.classMethod,
      unit: built.unit,
      sources: built.sources,
      harmonisation: harmonisationText(state.divisionYear, area, harmonisation),
      measureUsed: built.measureUsed,
      yearsUsed: built.yearsUsed,
      sensitivity: built.sensitivity,
      caveatsNl: spec.caveatsNl,
      caveatsEn: spec.caveatsEn,
      howToReadNl: spec.howToReadNl,
      howToReadEn: spec.howToReadEn,
      demo: state.demo,
      dataEdition: state.dataEdition,
      config: mapConfigSummary(state.engine.config),
      headingNl: built.headingNl,
      headingEn: built.headingEn,
      legendTitleNl: built.legendTitleNl,
      legendTitleEn: built.legendTitleEn,
      legendScopeNl: scope('nl'),
      legendScopeEn: scope('en'),
      comparisons: built.comparisons.map((c) => ({
        id: c.id,
        quantity: c.quantity,
        titleNl: c.titleNl,
        titleEn: c.titleEn,
        years: c.years,
        buurten: c.buurten,
        fallback: c.fallback,
      })),
      scales: built.scales,
      emptyReason: built.emptyReason,
    },
  };
}

function harmonisationText(
  divisionYear: number,
  area: ResolvedArea,
  log: readonly HarmonisationLogRow[],
): string {
  const rows = log.filter((h) => area.gemeenten.includes(h.gemeenteCode) && h.toDivision === divisionYear);
  if (!rows.length)
    return `Alle waarden op buurtindeling ${divisionYear}; geen omzetting nodig of vastgelegd.`;
  const byFrom = new Map<number, { code: number; overlay: number; unmatched: number }>();
  for (const h of rows) {
    const s = byFrom.get(h.fromDivision) ?? { code: 0, overlay: 0, unmatched: 0 };
    s.code += h.byCode;
    s.overlay += h.byOverlay;
    s.unmatched += h.unmatched;
    byFrom.set(h.fromDivision, s);
  }
  const parts = [...byFrom]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([from, s]) =>
        `van ${from}: ${s.code} op code, ${s.overlay} via overlay, ${s.unmatched} niet te koppelen`,
    );
  return `Waarden omgezet naar buurtindeling ${divisionYear} (${parts.join('; ')}).`;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Display geometry rounded to 6 decimals (≈ 0.1 m): smaller responses, no visible change. */
function roundGeometry(g: PolygonGeometry | null): PolygonGeometry | null {
  if (!g) return null;
  const ring = (r: number[][]) => r.map((p) => [round(p[0]!, 6), round(p[1]!, 6)]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}
