/**
 * The map shown as a file from the API (GET /api/maps.pdf — the print view, A4 landscape —,
 * .csv, .geojson, .gpkg): per buurt the
 * value, class, flags, the changes that drive a veerkracht class and the source editions; the
 * GeoPackage in RD New. Fetched with the viewer's credentials (a share link's token) and saved.
 */
import type { MapResponse } from '../../../src/api/schemas.js';
import { ApiError, authHeaders } from '../api-client.js';
import { downloadBlob } from './download.js';

export type DownloadFormat = 'csv' | 'geojson' | 'gpkg' | 'pdf';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['pdf', 'csv', 'geojson', 'gpkg'];

/** The API path of a download of the map with this metadata (its area, map and year or period). */
export function mapDownloadPath(meta: MapResponse['meta'], format: DownloadFormat, lang = 'nl'): string {
  const q = new URLSearchParams({ area: meta.area, map: meta.map });
  if (meta.period !== null) q.set('period', meta.period);
  else if (meta.year !== null) q.set('year', String(meta.year));
  if (format === 'pdf' && lang === 'en') q.set('lang', 'en');
  // the edition the map was drawn from, so the file shows the same numbers as the screen
  if (meta.dataEdition && !meta.dataEdition.current) q.set('edition', String(meta.dataEdition.id));
  return `/api/maps.${format}?${q.toString()}`;
}

/** Downloads the map as a file named by the server (Content-Disposition). */
export async function downloadMap(
  meta: MapResponse['meta'],
  format: DownloadFormat,
  lang = 'nl',
): Promise<string> {
  const path = mapDownloadPath(meta, format, lang);
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'HTTP_ERROR',
      body?.error?.message ?? `${path} failed with HTTP ${response.status}`,
    );
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `veerkracht.${format}`;
  downloadBlob(await response.blob(), filename);
  return filename;
}
