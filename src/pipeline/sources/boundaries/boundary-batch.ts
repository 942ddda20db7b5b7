/**
 * Boundary features (from a GeoPackage, GeoJSON or TopoJSON) → one ImportBatch: area rows
 * (the feature's own code, level and name, plus its wijk and gemeente derived from the code),
 * and RD New geometry that is valid (cleaned, re-noded where needed; see polygon-repair.ts)
 * with its area in m². Nothing is written here; any feature that cannot be read refuses the file.
 */
import { AppError } from '../../../core/app-error.js';
import { gemeenteOf, wijkOf, type AreaCode, type BuurtCode } from '../../../core/area-code.js';
import type { Crs } from '../../../core/coordinates.js';
import {
  emptyBatch,
  type ImportBatch,
  type ParsedArea,
  type PolygonGeometry,
} from '../../../core/records.js';
import { geometryArea, polygonsOf } from '../../geo/polygon-measure.js';
import { normaliseGeometry } from '../../geo/polygon-repair.js';
import { rdProjector } from '../../geo/rd-projection.js';
import { VertexBudget } from '../../geo/vertex-budget.js';
import { yearFromFileName, type InputFile } from '../../input-file.js';
import { tooLarge } from '../../input-limits.js';
import type { ParseContext } from '../../source-parser.js';
import { checkDegrees, checkRdExtent, vertexCount } from './boundary-extent.js';
import { identifyFeature, type BoundaryIdentity } from './boundary-properties.js';

export interface RawBoundaryFeature {
  /** 1-based feature number (or GeoPackage fid), for messages. */
  row: number;
  properties: Record<string, unknown>;
  id?: unknown;
  /** As read; anything but Polygon/MultiPolygon is refused. */
  geometry: { type: string; coordinates?: unknown } | null;
  /** GeoPackage table the feature came from. */
  table?: string;
  /** CRS of this feature when it differs per layer (GeoPackage); else the source's. */
  crs?: Crs;
}

export interface BoundarySource {
  file: InputFile;
  crs: Crs;
  /** True when the file itself names its CRS (a GeoJSON `crs` member, a GeoPackage srs); false when read from the coordinate range. */
  crsDeclared: boolean;
  features: readonly RawBoundaryFeature[];
  ctx: ParseContext;
  /** Publisher/format words for the edition label, e.g. "GeoPackage". */
  format: string;
  /** The checksum of what was read when it is more than `file` (a Shapefile's .shp, .dbf, .prj and .cpg). */
  checksum?: string;
}

interface Located {
  identity: BoundaryIdentity;
  feature: RawBoundaryFeature;
  rd: PolygonGeometry | null;
}

const CODE_FIELDS_HINT =
  'a property with a CBS area code (statcode, buurtcode/BU_CODE, wijkcode/WK_CODE, gemeentecode/GM_CODE, cbsCode)';

/** `gemeente_2019_nl__derived-from-buurt_2019.geojson`: the same year twice is still one year. */
function singleYearIn(name: string): number | undefined {
  if (/(19|20)\d{2}\s*[-_]\s*(19|20)\d{2}/.test(name)) return undefined; // a range such as 2022-2024
  const years = new Set([...name.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1])));
  return years.size === 1 ? [...years][0] : undefined;
}

/**
 * `buurt_2022-2024_amsterdam__….geojson`: boundaries named by the years they are valid in (a
 * register's snapshot, here Amsterdam's buurten of 2022 as they stood in 2024). The name holds one
 * range and no other year; the range runs forward.
 */
export function yearRangeIn(name: string): { first: number; last: number } | undefined {
  const ranges = [...name.matchAll(/(?<!\d)((?:19|20)\d{2})\s*[-_]\s*((?:19|20)\d{2})(?!\d)/g)];
  if (ranges.length !== 1) return undefined;
  const [whole, first, last] = ranges[0]!;
  const years = [...name.replace(whole, '').matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)];
  if (years.length > 0 || Number(last) <= Number(first)) return undefined;
  return { first: Number(first), last: Number(last) };
}

/** The division year and where it came from. */
export interface BoundaryYear {
  year: number;
  /** Set when the year is the last of a range in the file name (yearRangeIn). */
  range?: { first: number; last: number };
}

/**
 * The division year: --division, --year, the file's `jaar` field, a single year in the file name;
 * else the last year of a range in the file name (boundaries valid over those years stand for the
 * indeling of the last: the state the file shows); else YEAR_UNKNOWN.
 */
export function boundaryDivisionYear(
  file: InputFile,
  ctx: ParseContext,
  features: readonly Located[],
): BoundaryYear {
  const fromField = features.find((f) => f.identity.year !== null)?.identity.year ?? undefined;
  const year =
    ctx.divisionYear ?? ctx.year ?? fromField ?? yearFromFileName(file.name) ?? singleYearIn(file.name);
  if (year !== undefined) return { year };
  const range = yearRangeIn(file.name);
  if (range) return { year: range.last, range };
  throw new AppError(
    'YEAR_UNKNOWN',
    `${file.name}: the boundaries carry no year (no 'jaar' field, no year or range of years in the file name); pass --division YYYY`,
    {
      location: {
        file: file.name,
        expected: "a 'jaar' field, a year in the file name (buurt_2019_...) or --division",
      },
    },
  );
}

/** Polygon/MultiPolygon as is; a GeometryCollection as the polygons it holds (lines and points dropped). */
function polygonal(f: RawBoundaryFeature, file: string): PolygonGeometry | null {
  const g = f.geometry;
  if (g === null) return null;
  const refuse = (type: string): AppError =>
    new AppError('GEOMETRY_UNSUPPORTED', `a ${type} geometry; boundaries must be Polygon or MultiPolygon`, {
      location: { file, row: f.row, column: 'geometry', expected: 'Polygon or MultiPolygon', found: type },
    });
  if (g.type === 'GeometryCollection') {
    const members = ((g as { geometries?: unknown }).geometries ?? []) as {
      type: string;
      coordinates: unknown;
    }[];
    const parts = members.flatMap((m) =>
      m.type === 'Polygon'
        ? [m.coordinates as number[][][]]
        : m.type === 'MultiPolygon'
          ? (m.coordinates as number[][][][])
          : [],
    );
    if (parts.length === 0) throw refuse('GeometryCollection without polygons');
    return { type: 'MultiPolygon', coordinates: parts };
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw refuse(g.type);
  if (!Array.isArray(g.coordinates)) {
    throw new AppError('JSON_MALFORMED', 'a geometry without coordinates', {
      location: { file, row: f.row, column: 'geometry' },
    });
  }
  return g as PolygonGeometry;
}

/** Every position must be two finite numbers before anything is projected or rounded. */
function checkPositions(g: PolygonGeometry, f: RawBoundaryFeature, file: string): void {
  for (const poly of Array.isArray(polygonsOf(g)) ? polygonsOf(g) : [])
    for (const ring of Array.isArray(poly) ? poly : [poly]) {
      const bad = Array.isArray(ring)
        ? ring.find((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
        : ring;
      if (bad !== undefined) {
        throw new AppError('GEOMETRY_INVALID', 'a coordinate is not a pair of numbers', {
          location: {
            file,
            row: f.row,
            column: 'geometry',
            expected: '[x, y] numbers',
            found: JSON.stringify(bad) ?? String(bad),
          },
        });
      }
    }
}

function toRd(
  f: RawBoundaryFeature,
  src: BoundarySource,
  budget: VertexBudget,
  code: string,
  wgs84ToRd: (g: PolygonGeometry) => PolygonGeometry,
): PolygonGeometry | null {
  const file = src.file.name;
  const crs = f.crs ?? src.crs;
  const poly = polygonal(f, file);
  if (poly === null) return null;
  checkPositions(poly, f, file);
  budget.spend(vertexCount(poly), f.row);
  if (crs === 'EPSG:4326') checkDegrees(poly, { file, row: f.row, code });
  const rd = crs === 'EPSG:4326' ? wgs84ToRd(poly) : geometryToRd3(poly);
  checkRdExtent(rd, poly, crs, src.crsDeclared, { file, row: f.row, code });
  return rd;
}

/** RD input: only rounded to the millimetre. */
function geometryToRd3(g: PolygonGeometry): PolygonGeometry {
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  const ring = (rg: number[][]): number[][] => rg.map((p) => [r(p[0]!), r(p[1]!)]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function locate(src: BoundarySource): Located[] {
  if (src.features.length > src.file.limits.maxRows)
    throw tooLarge(
      { file: src.file.name },
      'the number of features',
      `${src.file.limits.maxRows}`,
      `${src.features.length}`,
    );
  const budget = new VertexBudget(src.file.name, src.file.limits);
  const wgs84ToRd = rdProjector(); // neighbours share their border vertices: project each once
  return src.features.map((feature) => {
    const identity = identifyFeature(feature.properties, feature.id);
    if (!identity) {
      const found = Object.keys(feature.properties).slice(0, 8).join(', ') || '(no properties)';
      throw new AppError(
        'AREA_CODE_INVALID',
        `feature ${feature.row}${feature.table ? ` of table '${feature.table}'` : ''} has no area code`,
        {
          location: { file: src.file.name, row: feature.row, expected: CODE_FIELDS_HINT, found },
        },
      );
    }
    return { identity, feature, rd: toRd(feature, src, budget, identity.code, wgs84ToRd) };
  });
}

/** Features sharing one code are one area: their parts are combined (and re-noded if they overlap). */
function mergeByCode(located: Located[], batch: ImportBatch): Located[] {
  const byCode = new Map<string, Located>();
  for (const l of located) {
    const prev = byCode.get(l.identity.code);
    if (!prev) {
      byCode.set(l.identity.code, { ...l });
      continue;
    }
    batch.warnings.push({
      code: 'DUPLICATE_FEATURE_MERGED',
      message: `${l.identity.code}: several features, combined into one`,
      file: batch.file,
      row: l.feature.row,
    });
    const parts = [...(prev.rd ? polygonsOf(prev.rd) : []), ...(l.rd ? polygonsOf(l.rd) : [])];
    prev.rd = parts.length ? { type: 'MultiPolygon', coordinates: parts } : null;
  }
  return [...byCode.values()];
}

function validGeometry(l: Located, batch: ImportBatch): PolygonGeometry | null {
  if (!l.rd) {
    batch.warnings.push({
      code: 'GEOMETRY_MISSING',
      message: `${l.identity.code}: feature without geometry (area kept)`,
      file: batch.file,
      row: l.feature.row,
    });
    return null;
  }
  const result = normaliseGeometry(l.rd);
  if (!result.geometry) {
    // Collapsed to nothing (e.g. a tiny buurt in a coarsely quantised TopoJSON): keep the area, skip the geometry.
    batch.warnings.push({
      code: 'GEOMETRY_EMPTY',
      message: `${l.identity.code}: polygon without area (collapsed), area kept without geometry`,
      file: batch.file,
      row: l.feature.row,
    });
    return null;
  }
  if (result.problems.length) {
    const what = result.problems.map(
      (p) => `${p.kind}${p.at ? ` at ${p.at.map((v) => v.toFixed(1)).join(' ')}` : ''}`,
    );
    throw new AppError(
      'GEOMETRY_INVALID',
      `${l.identity.code}: invalid polygon that cannot be repaired (${what.join('; ')})`,
      {
        location: { file: batch.file, row: l.feature.row, column: 'geometry', expected: 'a valid polygon' },
        details: { code: l.identity.code, problems: result.problems },
      },
    );
  }
  if (result.repaired.length) {
    const before = geometryArea(l.rd);
    const after = geometryArea(result.geometry);
    const kinds = [...new Set(result.repaired.map((p) => p.kind))].join(', ');
    batch.warnings.push({
      code: 'GEOMETRY_REPAIRED',
      message: `${l.identity.code}: ${kinds} repaired by re-noding (area ${before.toFixed(0)} → ${after.toFixed(0)} m²)`,
      file: batch.file,
      row: l.feature.row,
    });
  }
  return result.geometry;
}

function addArea(areas: Map<string, ParsedArea>, a: ParsedArea, own: boolean): void {
  const prev = areas.get(a.code);
  if (!prev || own) areas.set(a.code, { ...a, name: a.name ?? prev?.name ?? null });
  else if (prev.name === null && a.name !== null) prev.name = a.name;
}

function areaRows(l: Located, divisionYear: number): { own: ParsedArea; parents: ParsedArea[] } {
  const { code, level, name, gemeenteName } = l.identity;
  const gemeenteCode = level === 'gemeente' ? code : gemeenteOf(code as AreaCode);
  const wijkCode = level === 'buurt' ? wijkOf(code as BuurtCode) : null;
  const own: ParsedArea = {
    code,
    level,
    name: level === 'gemeente' ? (name ?? gemeenteName) : name,
    gemeenteCode,
    wijkCode,
    divisionYear,
  };
  const parents: ParsedArea[] = [];
  if (level !== 'gemeente') {
    parents.push({
      code: gemeenteCode,
      level: 'gemeente',
      name: gemeenteName,
      gemeenteCode,
      wijkCode: null,
      divisionYear,
    });
  }
  if (wijkCode)
    parents.push({ code: wijkCode, level: 'wijk', name: null, gemeenteCode, wijkCode: null, divisionYear });
  return { own, parents };
}

/** Reads, checks and repairs every feature; throws on the first feature that cannot be used. */
export function buildBoundaryBatch(src: BoundarySource): ImportBatch {
  const located = locate(src);
  const { year: divisionYear, range } = boundaryDivisionYear(src.file, src.ctx, located);
  const batch = emptyBatch(src.file.name, src.checksum ?? src.file.checksum, {
    source: 'geo',
    edition: `Grenzen indeling ${divisionYear} (${src.format}, ${src.file.name})`,
    table: null,
    publisher: 'CBS / Kadaster (PDOK)',
    divisionYear,
  });
  batch.crs = src.crs;
  batch.rowsRead = src.features.length;
  if (range) {
    batch.warnings.push({
      code: 'DIVISION_FROM_YEAR_RANGE',
      message: `the file name gives the years ${range.first}–${range.last} and no single year: imported as indeling ${range.last}, the state the boundaries show at the end of the range (--division YYYY to choose another)`,
      file: batch.file,
    });
  }
  const areas = new Map<string, ParsedArea>();
  for (const l of mergeByCode(located, batch)) {
    const rd = validGeometry(l, batch);
    const { own, parents } = areaRows(l, divisionYear);
    for (const p of parents) addArea(areas, p, false);
    addArea(areas, own, true);
    if (l.identity.water) {
      batch.warnings.push({
        code: 'WATER_AREA',
        message: `${l.identity.code}: water area (WATER=JA), kept`,
        file: batch.file,
        row: l.feature.row,
      });
    }
    if (rd) batch.geometries.push({ code: l.identity.code, divisionYear, rd, areaM2: geometryArea(rd) });
  }
  batch.areas = [...areas.values()];
  return batch;
}
