/**
 * The coordinate reference systems of the OGC API – Features (Part 2, CRS by reference): CRS84,
 * the default (the simplified display geometry the app draws), and EPSG:28992 (RD New, the
 * stored geometry in full detail).
 */
import { AppError } from '../core/app-error.js';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const RD_NEW = 'http://www.opengis.net/def/crs/EPSG/0/28992';
export const CRS_LIST = [CRS84, RD_NEW];

/** A CRS named by its URI (or EPSG:28992 / CRS84 for short); USAGE otherwise. */
export function parseCrs(raw: string | undefined, parameter: string): string {
  if (raw === undefined) return CRS84;
  const s = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (s === CRS84 || /^(OGC:)?CRS84$/i.test(s)) return CRS84;
  if (s === RD_NEW || /^EPSG:28992$/i.test(s) || s === 'http://www.opengis.net/def/crs/EPSG/0/28992')
    return RD_NEW;
  throw new AppError(
    'USAGE',
    `parameter '${parameter}': '${raw}' is not offered; use ${CRS_LIST.join(' or ')}`,
  );
}
