/**
 * A ZIP holding boundaries, as CBS and PDOK publish them (`WijkBuurtkaart_2019_v3.zip` with
 * gemeente_, wijk_ and buurt_2019_v3.shp/.dbf/.prj/.cpg; newer ZIPs holding a GeoPackage): read
 * as that boundary file, one level deep (a ZIP inside is not opened). Every GeoPackage member,
 * or when there is none every Shapefile (with its .dbf, .prj and .cpg beside it in the ZIP) —
 * all layers into one batch, as for the layers of one GeoPackage. The members read are inflated
 * in memory within the bounds of zip-bounds.ts (member count, unpacked size). A ZIP without
 * either is UNKNOWN_FILE_KIND (in a folder left out by zipContents; one it cannot read is reported
 * as skipped).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../core/app-error.js';
import type { ImportWarning } from '../../../core/records.js';
import type { InputFile } from '../../input-file.js';
import type { SourceParser } from '../../source-parser.js';
import { inflateZipMembers, listZipMembers, type ZipKind } from '../../zip-bounds.js';
import { readZipDirectory, type ZipEntry } from '../../zip-directory.js';
import { buildBoundaryBatch, type RawBoundaryFeature } from './boundary-batch.js';
import { deriveDisplayGeometries, storeDisplayGeometries } from './boundary-display.js';
import { readGeoPackageFeatures } from './geopackage-boundaries.js';
import { readShapefileSet, shapefileLayer, shapefileSideFiles, type ShapefileSet } from './shapefile-set.js';

const ARCHIVE: ZipKind = { what: 'ZIP archive', unpacked: 'the unpacked archive' };

/** A member that is a folder or macOS metadata, not a file of the archive. */
function isClutter(name: string): boolean {
  return name.endsWith('/') || /(^|\/)(__MACOSX\/|\._)/.test(name);
}

/** A GeoPackage or Shapefile member (the files that make a boundary ZIP one). */
export function isBoundaryMember(name: string): boolean {
  return !isClutter(name) && /\.(gpkg|shp)$/i.test(name);
}

/**
 * What the ZIP at `path` holds, from its central directory only: boundaries (a GeoPackage or
 * Shapefile member), something else, or — when the directory cannot be read (a cut-off
 * download, not a ZIP at all) — unknown, with the reason.
 */
export function zipContents(path: string): 'boundaries' | 'other' | { unreadable: AppError } {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const handle = fd;
    const read = (at: number, n: number): Buffer => {
      const b = Buffer.alloc(n);
      return b.subarray(0, readSync(handle, b, 0, n, at));
    };
    return readZipDirectory(read, fstatSync(fd).size, path).some((e) => isBoundaryMember(e.name))
      ? 'boundaries'
      : 'other';
  } catch (e) {
    return {
      unreadable: e instanceof AppError ? e : new AppError('FILE_UNREADABLE', String(e), { cause: e }),
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface Read {
  features: RawBoundaryFeature[];
  crsDeclared: boolean;
  format: string;
  notes: ImportWarning[];
}

function readGeoPackages(file: InputFile, members: readonly ZipEntry[]): Read {
  const features: RawBoundaryFeature[] = [];
  let crsDeclared = true;
  let i = 0;
  for (const bytes of inflateZipMembers(file, members, ARCHIVE)) {
    const read = readGeoPackageFeatures(`${file.name}/${members[i++]!.name}`, bytes, file.limits.maxRows);
    features.push(...read.features);
    crsDeclared &&= read.crsDeclared;
  }
  return { features, crsDeclared, format: 'GeoPackage in ZIP', notes: [] };
}

function readShapefiles(file: InputFile, shps: readonly ZipEntry[], entries: readonly ZipEntry[]): Read {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sides = shps.map((shp) => shapefileSideFiles(shp.name, [...byName.keys()]));
  // every member of the sets, inflated together within the archive's bounds
  const wanted = [...shps, ...sides.flatMap((side) => side.map(({ name }) => byName.get(name)!))];
  const bytes = new Map<string, Buffer>();
  let i = 0;
  for (const b of inflateZipMembers(file, wanted, ARCHIVE)) bytes.set(wanted[i++]!.name, b);
  const member = (name: string) => ({ name: `${file.name}/${name}`, bytes: bytes.get(name)! });
  const read: Read = { features: [], crsDeclared: true, format: 'Shapefile in ZIP', notes: [] };
  shps.forEach((shp, k) => {
    const set: ShapefileSet = { layer: shapefileLayer(shp.name.replace(/^.*\//, '')), shp: member(shp.name) };
    for (const { part, name } of sides[k]!) set[part] = member(name);
    const layer = readShapefileSet(set, file.limits);
    read.features.push(...layer.features);
    read.crsDeclared &&= layer.crsDeclared;
    read.notes.push(...layer.notes);
  });
  return read;
}

export const zipBoundaryParser: SourceParser = {
  kind: 'geo',
  layout: 'zip-boundaries',
  order: 0,
  detect(file) {
    // also when it holds something else: refused by name (UNKNOWN_FILE_KIND), never read as a table
    return /\.zip$/i.test(file.name) ? 0.9 : 0;
  },
  async parse(file, ctx) {
    const entries = listZipMembers(file, ARCHIVE).filter((e) => !isClutter(e.name));
    const gpkgs = entries.filter((e) => /\.gpkg$/i.test(e.name));
    const shps = entries.filter((e) => /\.shp$/i.test(e.name));
    if (gpkgs.length === 0 && shps.length === 0) {
      const found =
        entries
          .map((e) => e.name)
          .slice(0, 6)
          .join(', ') || '(nothing)';
      throw new AppError(
        'UNKNOWN_FILE_KIND',
        `the ZIP holds no GeoPackage (.gpkg) or Shapefile (.shp) one level deep; unpack it and import what it holds`,
        { location: { file: file.name, expected: 'a ZIP holding boundaries (.gpkg or .shp)', found } },
      );
    }
    const read = gpkgs.length > 0 ? readGeoPackages(file, gpkgs) : readShapefiles(file, shps, entries);
    if (gpkgs.length > 0 && shps.length > 0)
      read.notes.push({
        code: 'ZIP_MEMBER_SKIPPED',
        message: `the ZIP holds GeoPackage and Shapefile boundaries: the GeoPackage is read, not ${shps.map((s) => s.name).join(', ')}`,
        file: file.name,
      });
    if (read.features.length === 0)
      throw new AppError('NOTHING_TO_IMPORT', 'the ZIP’s boundary files hold no features', {
        location: { file: file.name, expected: 'at least one polygon' },
      });
    const batch = buildBoundaryBatch({
      file,
      crs: read.features[0]!.crs!,
      crsDeclared: read.crsDeclared,
      features: read.features,
      ctx,
      format: read.format,
    });
    batch.warnings.push(...read.notes);
    return batch;
  },
  derive: deriveDisplayGeometries,
  afterWrite: storeDisplayGeometries,
};
