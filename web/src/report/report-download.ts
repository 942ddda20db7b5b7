/**
 * The "Rapport (PDF)" button: GET /api/reports/<area>.pdf with the viewer's credentials (a share
 * link's token travels as a header, so a plain link would not do), of the data edition the page
 * shows (a pinned one as `edition=`), saved under the server's name.
 */
import { ApiError, authHeaders, parseApiResponse, pinnedEdition } from '../api-client.js';
import { downloadBlob } from '../export/download.js';

/** The report's API path for an area and language. */
export function reportPath(area: string, lang: string, edition: number | null = pinnedEdition()): string {
  const q = new URLSearchParams();
  if (lang === 'en') q.set('lang', 'en');
  if (edition !== null) q.set('edition', String(edition));
  const query = q.toString();
  return `/api/reports/${encodeURIComponent(area)}.pdf${query ? `?${query}` : ''}`;
}

/** Downloads the report; resolves with the file name. */
export async function downloadReport(area: string, lang: string): Promise<string> {
  const path = reportPath(area, lang);
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) {
    await parseApiResponse(response, path);
    throw new ApiError(response.status, 'HTTP_ERROR', `${path} failed with HTTP ${response.status}`);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'veerkracht-rapport.pdf';
  downloadBlob(await response.blob(), filename);
  return filename;
}
