/**
 * GeoPackage boundary files: the PDOK wijken-en-buurten GeoPackage (layers buurten, wijken,
 * gemeenten with buurtcode/wijkcode/gemeentecode, ..., water, jaar) and the CBS wijk- en
 * buurtkaart GeoPackage (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER). Every polygon
 * layer is read; features of all layers form one batch.
 */
import { AppError } from '../../../core/app-error.js';
import { looksLikeRd } from '../../../core/coordinates.js';
import { readGeoPackage, type GpkgLayer } from '../../geo/geopackage-reader.js';
import type { SourceParser } from '../../source-parser.js';
import { buildBoundaryBatch, type RawBoundaryFeature } from './boundary-batch.js';
import { deriveDisplayGeometries, storeDisplayGeometries } from './boundary-display.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function layerCrs(file: string, layer: GpkgLayer): 'EPSG:28992' | 'EPSG:4326' {
  if (layer.crs) return layer.crs;
  const first = layer.features.find((f) => f.geometry)?.geometry;
  const p = first
    ? first.type === 'Polygon'
      ? first.coordinates[0]?.[0]
      : first.coordinates[0]?.[0]?.[0]
    : undefined;
  if (p && looksLikeRd(p[0]!, p[1]!)) return 'EPSG:28992';
  throw new AppError(
    'GEOMETRY_UNSUPPORTED',
    `table '${layer.table}' uses srs_id ${layer.srsId}; boundaries must be in RD New (EPSG:28992) or WGS84 (EPSG:4326)`,
    {
      location: { file, column: layer.geometryColumn },
    },
  );
}

/**
 * The features of every polygon layer of the GeoPackage in `bytes`, each with its layer's CRS;
 * GEOPACKAGE_INVALID when there are none. `crsDeclared`: every layer names a CRS Veerkracht reads.
 */
export function readGeoPackageFeatures(
  name: string,
  bytes: Buffer,
  maxRows: number,
): { features: RawBoundaryFeature[]; crsDeclared: boolean } {
  const layers = readGeoPackage(name, bytes, maxRows);
  const features: RawBoundaryFeature[] = [];
  for (const layer of layers) {
    const crs = layerCrs(name, layer);
    for (const f of layer.features)
      features.push({ row: f.row, properties: f.properties, geometry: f.geometry, table: layer.table, crs });
  }
  if (features.length === 0) {
    throw new AppError('GEOPACKAGE_INVALID', 'the GeoPackage has no polygon features', {
      location: { file: name },
    });
  }
  return { features, crsDeclared: layers.every((l) => l.crs !== null) };
}

export const geopackageBoundaryParser: SourceParser = {
  kind: 'geo',
  layout: 'geopackage-boundaries',
  order: 0,
  detect(file) {
    if (/\.gpkg$/i.test(file.name)) return 0.9; // also when broken: refused as GEOPACKAGE_INVALID, not as unknown
    return file.bytes.subarray(0, 16).toString('latin1') === SQLITE_MAGIC ? 0.5 : 0;
  },
  async parse(file, ctx) {
    const { features: raw, crsDeclared } = readGeoPackageFeatures(file.name, file.bytes, file.limits.maxRows);
    return buildBoundaryBatch({
      file,
      crs: raw[0]!.crs!,
      crsDeclared,
      features: raw,
      ctx,
      format: 'GeoPackage',
    });
  },
  derive: deriveDisplayGeometries,
  afterWrite: storeDisplayGeometries,
};
