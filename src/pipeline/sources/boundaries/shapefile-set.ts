/**
 * One Shapefile as the files that make it up — the .shp (polygons), the .dbf (attributes, one
 * record per shape), the .prj (its CRS) and the .cpg (the .dbf's code page) — read into boundary
 * features: record n of the .shp with record n of the .dbf. Where the files come from (beside
 * each other on disk, or members of a ZIP) is the caller's business; the names given are the
 * ones messages use. No .dbf: SHAPEFILE_INVALID (the area codes are in it); no .prj: the CRS is
 * read from the coordinates, as for a GeoJSON file without `crs` member.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../core/app-error.js';
import type { Crs } from '../../../core/coordinates.js';
import type { ImportWarning } from '../../../core/records.js';
import { readDbf } from '../../geo/dbf-table.js';
import { crsFromPrj } from '../../geo/prj-crs.js';
import { readShpPolygons } from '../../geo/shp-polygons.js';
import type { InputLimits } from '../../input-limits.js';
import type { RawBoundaryFeature } from './boundary-batch.js';
import { crsFromCoordinates } from './geojson-crs.js';

/** A file of the set: the name messages use and its bytes. */
export interface SetMember {
  name: string;
  bytes: Buffer;
}

export interface ShapefileSet {
  /** The layer's name (the .shp's name without extension), for messages about a feature. */
  layer: string;
  shp: SetMember;
  dbf?: SetMember;
  prj?: SetMember;
  cpg?: SetMember;
}

export interface ShapefileFeatures {
  features: RawBoundaryFeature[];
  crs: Crs;
  /** True when a .prj names the CRS. */
  crsDeclared: boolean;
  /** How the .dbf text was decoded, deleted records skipped: for the import report. */
  notes: ImportWarning[];
}

/** The extensions of a Shapefile set's files that are read (lower case). */
export const SHAPEFILE_PARTS = ['shp', 'dbf', 'prj', 'cpg'] as const;

/** The file name without its extension: `buurt_2019_v3.shp` → `buurt_2019_v3`. */
export function shapefileLayer(name: string): string {
  return name.replace(/\.[^./\\]*$/, '');
}

/**
 * The files of the Shapefile whose .shp is named `shp`, among `names` (the files beside it on disk,
 * or the members of its ZIP): the .dbf, .prj and .cpg with the same path and stem, extension in
 * any case.
 */
export function shapefileSideFiles(
  shp: string,
  names: readonly string[],
): { part: 'dbf' | 'prj' | 'cpg'; name: string }[] {
  const stem = shapefileLayer(shp).toLowerCase();
  return (['dbf', 'prj', 'cpg'] as const).flatMap((part) => {
    const name = names.find((n) => n.toLowerCase() === `${stem}.${part}`);
    return name === undefined ? [] : [{ part, name }];
  });
}

/** SHA-256 over the set's files: a changed .dbf or .prj is a changed import. */
export function shapefileChecksum(set: ShapefileSet): string {
  const hash = createHash('sha256');
  for (const part of SHAPEFILE_PARTS) {
    const m = set[part];
    hash.update(`${part}:${m?.bytes.length ?? -1}:`);
    if (m) hash.update(m.bytes);
  }
  return hash.digest('hex');
}

/** The features of the set, in record order (records deleted in the .dbf left out). */
export function readShapefileSet(set: ShapefileSet, limits: InputLimits): ShapefileFeatures {
  const shapes = readShpPolygons(set.shp.bytes, set.shp.name, limits);
  if (!set.dbf)
    throw new AppError(
      'SHAPEFILE_INVALID',
      `no .dbf beside ${set.shp.name}: a Shapefile's attributes (the area codes) are in its .dbf; copy ${set.layer}.dbf (and .prj, .cpg) next to it`,
      { location: { file: set.shp.name, expected: `${set.layer}.dbf beside the .shp` } },
    );
  const table = readDbf(set.dbf.bytes, set.dbf.name, set.cpg?.bytes.toString('latin1'), limits);
  if (table.records.length !== shapes.length)
    throw new AppError(
      'SHAPEFILE_INVALID',
      `${set.shp.name} holds ${shapes.length} shapes, ${set.dbf.name} ${table.records.length} records: they are not one Shapefile (or one was cut short)`,
      {
        location: {
          file: set.dbf.name,
          row: Math.min(shapes.length, table.records.length) + 1,
          expected: `${shapes.length} records, one per shape`,
          found: `${table.records.length}`,
        },
      },
    );
  const notes = [...table.notes];
  const features: RawBoundaryFeature[] = [];
  shapes.forEach((shape, i) => {
    const properties = table.records[i];
    if (properties === null || properties === undefined) {
      notes.push({
        code: 'RECORD_DELETED',
        message: `${set.dbf!.name}: record ${shape.row} is marked deleted; its shape is left out`,
        file: set.dbf!.name,
        row: shape.row,
      });
      return;
    }
    features.push({ row: shape.row, properties, geometry: shape.geometry, table: set.layer });
  });
  const crs = set.prj
    ? crsFromPrj(set.prj.bytes.toString('latin1'), set.prj.name)
    : crsFromCoordinates(features.map((f) => f.geometry as { coordinates?: unknown } | null));
  for (const f of features) f.crs = crs;
  return { features, crs, crsDeclared: set.prj !== undefined, notes };
}
