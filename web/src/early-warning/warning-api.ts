/**
 * GETs of the early warning and of "buurten zoals deze", through the app's one response reader
 * (api-client parseApiResponse) with the share-link header and the pinned data edition; cached per
 * URL for the page's life.
 */
import type { EarlyWarningResponse } from '../../../src/api/early-warning.js';
import type { SimilarResponse } from '../../../src/api/similar-buurten.js';
import { authHeaders, parseApiResponse, withEdition } from '../api-client.js';

const cache = new Map<string, Promise<unknown>>();

function getJson<T>(path: string): Promise<T> {
  const hit = cache.get(path);
  if (hit) return hit as Promise<T>;
  const request = fetch(path, { headers: { accept: 'application/json', ...authHeaders() } }).then((r) =>
    parseApiResponse<T>(r, path),
  );
  cache.set(path, request);
  request.catch(() => cache.delete(path));
  return request;
}

export function fetchEarlyWarning(area: string, period: string | null): Promise<EarlyWarningResponse> {
  const q = new URLSearchParams({ area });
  if (period) q.set('period', period);
  return getJson(withEdition(`/api/early-warning?${q.toString()}`));
}

export function fetchSimilar(code: string): Promise<SimilarResponse> {
  return getJson(withEdition(`/api/buurten/${encodeURIComponent(code)}/similar`));
}
