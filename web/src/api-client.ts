/**
 * The web app's only door to the server: typed GETs of the Veerkracht HTTP API. Types come from
 * the shared contract in src/api/schemas.ts (type-only imports, so zod stays out of the bundle).
 * Responses are cached per URL for the life of the page; errors carry the API's stable code.
 */
import type { EditionChangesResponse, EditionsResponse } from '../../src/api/editions.js';
import type {
  BuurtResponse,
  BuurtSearchResponse,
  CompareResponse,
  ErrorBody,
  GemeentenResponse,
  MapDefinitionsResponse,
  MapResponse,
  RegionsResponse,
} from '../../src/api/schemas.js';

/** A failed API call: HTTP status plus the stable error code and message from the body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The error's `details`, when the API gave any. */
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const cache = new Map<string, Promise<unknown>>();

/** The share-link token of a /s/<token> page: sent as `Authorization: Bearer` (web/src/auth/session.ts). */
let shareToken: string | null = null;

export function setShareToken(token: string | null): void {
  shareToken = token;
  cache.clear();
}

/**
 * The data edition the page shows (`edition=` of the URL, or a share link's): every request of
 * the maps, definitions, buurt profiles and comparisons carries it; null = the newest.
 */
let editionPin: number | null = null;

export function setEditionPin(edition: number | null): void {
  if (edition === editionPin) return;
  editionPin = edition;
  cache.clear();
}

export function pinnedEdition(): number | null {
  return editionPin;
}

/** `path` with the pinned edition added to its query (the API routes that read the engine take it). */
export function withEdition(path: string): string {
  if (editionPin === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}edition=${editionPin}`;
}

/** Headers every API request carries (the share-link token, when there is one). */
export function authHeaders(): Record<string, string> {
  return shareToken ? { authorization: `Bearer ${shareToken}` } : {};
}

/** Layers served by another route than /api/maps (the own-stock layer, web/src/share/own-stock-layer.ts). */
const mapSources = new Map<string, (r: MapRequest) => string>();
export function registerMapSource(id: string, url: (r: MapRequest) => string): void {
  mapSources.set(id, url);
}

/** Adds what a viewer has besides the public layers (e.g. own stock) to the map definitions. */
let extendDefinitions:
  ((d: MapDefinitionsResponse, area: string | null) => Promise<MapDefinitionsResponse>) | null = null;
export function setDefinitionsExtension(
  fn: (d: MapDefinitionsResponse, area: string | null) => Promise<MapDefinitionsResponse>,
): void {
  extendDefinitions = fn;
  cache.clear();
}

/**
 * The JSON body of an API response; an ApiError with the API's code and message when the status
 * is not ok, BAD_RESPONSE when the body is not JSON. `what` names the request in messages.
 */
export async function parseApiResponse<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      response.status,
      'BAD_RESPONSE',
      `${what} did not return JSON (HTTP ${response.status})`,
    );
  }
  if (!response.ok) {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `${what} failed with HTTP ${response.status}`,
      error?.details,
    );
  }
  return body as T;
}

async function getJson<T>(path: string): Promise<T> {
  const hit = cache.get(path);
  if (hit) return hit as Promise<T>;
  const request = (async () => {
    const response = await fetch(path, { headers: { accept: 'application/json', ...authHeaders() } });
    return parseApiResponse<T>(response, path);
  })();
  cache.set(path, request);
  request.catch(() => cache.delete(path));
  return request;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined) q.set(key, String(value));
  return q.toString();
}

export interface MapRequest {
  area: string;
  map: string;
  period?: string | null;
  year?: number | null;
}

export const api = {
  gemeenten: (): Promise<GemeentenResponse> => getJson('/api/gemeenten'),
  regions: (): Promise<RegionsResponse> => getJson('/api/regions'),
  /** The national definitions, or with an area what each map has there (years/periods with data, defaults). */
  definitions: async (area?: string | null): Promise<MapDefinitionsResponse> => {
    const defs = await getJson<MapDefinitionsResponse>(
      withEdition(`/api/maps/definitions${area ? `?${query({ area })}` : ''}`),
    );
    return extendDefinitions ? extendDefinitions(defs, area ?? null) : defs;
  },
  searchBuurten: (q: string, limit = 12): Promise<BuurtSearchResponse> =>
    getJson(`/api/buurten?${query({ q, limit })}`),
  map: (r: MapRequest): Promise<MapResponse> =>
    getJson(
      mapSources.get(r.map)?.(r) ??
        withEdition(`/api/maps?${query({ area: r.area, map: r.map, period: r.period, year: r.year })}`),
    ),
  buurt: (code: string, period?: string | null): Promise<BuurtResponse> =>
    getJson(
      withEdition(
        `/api/buurten/${encodeURIComponent(code)}${period ? `?period=${encodeURIComponent(period)}` : ''}`,
      ),
    ),
  compare: (areas: readonly string[], period: string | null): Promise<CompareResponse> =>
    getJson(withEdition(`/api/compare?${query({ areas: areas.join(','), period })}`)),
  /** The data editions of the store (GET /api/editions). */
  editions: (): Promise<EditionsResponse> => getJson('/api/editions'),
  /** What changed per buurt of an area between two editions (default: the newest and the one before). */
  editionChanges: (area: string, from?: number | null, to?: number | null): Promise<EditionChangesResponse> =>
    getJson(`/api/editions/changes?${query({ area, from, to })}`),
};
