/**
 * Which CRS a Shapefile's .prj (ESRI or OGC WKT) names: RD New (EPSG:28992) or WGS84
 * (EPSG:4326) — as ArcGIS, QGIS and GDAL write them ("RD_New", "Amersfoort / RD New",
 * "GCS_WGS_1984", "WGS 84"), or by an EPSG authority code. Any other CRS is refused with
 * GEOMETRY_UNSUPPORTED naming it: the file's parameters are never used to reproject (an ESRI
 * .prj lacks the RD datum shift), so a CRS is only ever recognised, never interpreted.
 */
import { AppError } from '../../core/app-error.js';
import type { Crs } from '../../core/coordinates.js';

/** The EPSG code the WKT's outermost object names (AUTHORITY["EPSG","28992"] or ID["EPSG",28992]). */
function outerEpsg(wkt: string): number | undefined {
  const all = [...wkt.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  // the outermost object's authority is the last one at nesting depth 1
  for (const m of all.reverse()) {
    const before = wkt.slice(0, m.index);
    const depth = (before.match(/\[/g) ?? []).length - (before.match(/\]/g) ?? []).length;
    if (depth === 1) return Number(m[1]);
  }
  return undefined;
}

/** The CRS named by the .prj text; GEOMETRY_UNSUPPORTED for anything but RD New and WGS84. */
export function crsFromPrj(prj: string, file: string): Crs {
  const wkt = prj.trim();
  const head = /^([A-Z_]+)\s*\[\s*"([^"]*)"/i.exec(wkt);
  const kind = head?.[1]?.toUpperCase();
  const name = head?.[2] ?? '';
  const epsg = outerEpsg(wkt);
  if (epsg === 28992) return 'EPSG:28992';
  if (epsg === 4326) return 'EPSG:4326';
  if (kind === 'PROJCS' || kind === 'PROJCRS' || kind === 'PROJECTEDCRS') {
    if (epsg === undefined && /(^|[^a-z])RD[\s_]*New\b|Rijksdriehoek/i.test(name) && /Amersfoort/i.test(wkt))
      return 'EPSG:28992';
  } else if (kind === 'GEOGCS' || kind === 'GEOGCRS' || kind === 'GEOGRAPHICCRS') {
    if (epsg === undefined && /^(GCS[\s_])?WGS[\s_]*(19)?84$/i.test(name)) return 'EPSG:4326';
  }
  const what = head
    ? `'${name}'${epsg !== undefined ? ` (EPSG:${epsg})` : ''}`
    : 'no coordinate system Veerkracht reads (not WKT)';
  throw new AppError(
    'GEOMETRY_UNSUPPORTED',
    `the .prj names the coordinate system ${what}; boundaries must be in RD New (EPSG:28992) or WGS84 (EPSG:4326): reproject the file (QGIS: Export → Save Features As, CRS EPSG:28992)`,
    {
      location: {
        file,
        column: 'geometry',
        expected: 'RD New (EPSG:28992) or WGS84 (EPSG:4326)',
        found: head ? name : wkt.slice(0, 60),
      },
    },
  );
}
