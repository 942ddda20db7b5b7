/**
 * Shapefile boundary files as GIS desks pass them around: the CBS Wijk- en buurtkaart up to
 * about 2020 (`buurt_2019_v3.shp`, RD New, BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER,
 * …) or a QGIS export. The user names the .shp (or a folder holding it); its .dbf, .prj and .cpg
 * are read from beside it (same name, extension in any case), each within the file-size bound.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../core/app-error.js';
import { formatBytes, tooLarge, type InputLimits } from '../../input-limits.js';
import type { SourceParser } from '../../source-parser.js';
import { buildBoundaryBatch } from './boundary-batch.js';
import { deriveDisplayGeometries, storeDisplayGeometries } from './boundary-display.js';
import {
  readShapefileSet,
  shapefileChecksum,
  shapefileLayer,
  shapefileSideFiles,
  type ShapefileSet,
} from './shapefile-set.js';

function readSibling(path: string, limits: InputLimits): Buffer {
  try {
    const size = statSync(path).size;
    if (size > limits.maxFileBytes)
      throw tooLarge(
        { file: basename(path) },
        'the file size',
        formatBytes(limits.maxFileBytes),
        formatBytes(size),
      );
    return readFileSync(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}`, {
      location: { file: basename(path) },
      cause: e,
    });
  }
}

export const shapefileBoundaryParser: SourceParser = {
  kind: 'geo',
  layout: 'shapefile-boundaries',
  order: 0,
  detect(file) {
    // also when broken: refused as SHAPEFILE_INVALID, not as unknown; a side file named on its own
    // is refused saying which file to name
    return /\.(shp|dbf|shx|prj|cpg)$/i.test(file.name) ? 0.9 : 0;
  },
  async parse(file, ctx) {
    if (!/\.shp$/i.test(file.name))
      throw new AppError(
        'UNKNOWN_FILE_KIND',
        `one file of a Shapefile: name its .shp (${shapefileLayer(file.name)}.shp, with this file beside it) or the folder holding it`,
        { location: { file: file.name, expected: 'the .shp of the Shapefile' } },
      );
    // the .dbf, .prj and .cpg beside it on disk
    const dir = dirname(file.path);
    const set: ShapefileSet = {
      layer: shapefileLayer(file.name),
      shp: { name: file.name, bytes: file.bytes },
    };
    for (const { part, name } of shapefileSideFiles(file.name, readdirSync(dir)))
      set[part] = { name, bytes: readSibling(join(dir, name), file.limits) };
    const { features, crs, crsDeclared, notes } = readShapefileSet(set, file.limits);
    const batch = buildBoundaryBatch({
      file,
      crs,
      crsDeclared,
      features,
      ctx,
      format: 'Shapefile',
      checksum: shapefileChecksum(set),
    });
    batch.warnings.push(...notes);
    return batch;
  },
  derive: deriveDisplayGeometries,
  afterWrite: storeDisplayGeometries,
};
