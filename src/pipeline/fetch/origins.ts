/**
 * The official download hosts and how a run can point them elsewhere (a mirror, or the local
 * stand-in the tests run). Production always starts from the official URLs; an origin map only
 * rewrites the scheme + host (+ path prefix) of a URL, also of links the services hand back
 * (`odata.nextLink`, `@odata.nextLink`, atom feed links), which always name the official host.
 *
 * Forms (`--base-url`, repeatable, or VEERKRACHT_BASE_URLS):
 *   http://mirror:8080                          every official host H → http://mirror:8080/H
 *   https://opendata.cbs.nl=http://mirror/cbs   one host → one base URL
 *   {"https://opendata.cbs.nl": "http://…"}     a JSON object of the same (the environment variable)
 */
import { AppError } from '../../core/app-error.js';

export const OFFICIAL_ORIGINS = {
  /** CBS StatLine OData v3 (catalog CBS): KWB. */
  cbs: 'https://opendata.cbs.nl',
  /** CBS OData v3 for third parties' tables: RIVM (50150NED, 50090NED) and police (47022NED). */
  cbsThirdParty: 'https://dataderden.cbs.nl',
  /** CBS OData v4 (datasets.cbs.nl/odata/v1/CBS/<id>): the fallback for tables gone from v3. */
  cbsV4: 'https://datasets.cbs.nl',
  /** PDOK atom download service: wijken-en-buurten GeoPackages. */
  pdok: 'https://service.pdok.nl',
  /** Leefbaarometer open data. */
  leefbaarometer: 'https://www.leefbaarometer.nl',
} as const;

/** Official origin (scheme + host) → the base URL that replaces it. */
export type OriginMap = ReadonlyMap<string, string>;

export const NO_ORIGIN_MAP: OriginMap = new Map();

const ORIGIN = /^https?:\/\/[^/\s]+/i;

function checkUrl(raw: string, what: string): string {
  const url = raw.trim().replace(/\/+$/, '');
  if (!ORIGIN.test(url))
    throw new AppError('USAGE', `${what} must look like http://host[:port][/prefix], got '${raw}'`);
  return url;
}

/** Parses `--base-url` values (see the module comment); later values win. */
export function parseOriginMap(specs: readonly string[], what = '--base-url'): OriginMap {
  const map = new Map<string, string>();
  for (const spec of specs) {
    const s = spec.trim();
    if (s === '') continue;
    if (s.startsWith('{')) {
      let obj: unknown;
      try {
        obj = JSON.parse(s);
      } catch (e) {
        throw new AppError('USAGE', `${what}: not valid JSON (${(e as Error).message})`, { cause: e });
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
        throw new AppError('USAGE', `${what}: expected a JSON object {"https://host": "http://base"}`);
      for (const [from, to] of Object.entries(obj as Record<string, unknown>)) {
        if (typeof to !== 'string')
          throw new AppError('USAGE', `${what}: the value for ${from} is not a URL`);
        map.set(checkUrl(from, what).toLowerCase(), checkUrl(to, what));
      }
      continue;
    }
    const eq = s.indexOf('=', s.indexOf('://') + 3);
    if (eq > 0 && ORIGIN.test(s.slice(eq + 1))) {
      map.set(checkUrl(s.slice(0, eq), what).toLowerCase(), checkUrl(s.slice(eq + 1), what));
      continue;
    }
    const mirror = checkUrl(s, what);
    for (const origin of Object.values(OFFICIAL_ORIGINS))
      map.set(origin, `${mirror}/${new URL(origin).host}`);
  }
  return map;
}

/** The origin map of VEERKRACHT_BASE_URLS (JSON object or the `--base-url` forms, comma-separated). */
export function originMapFromEnv(env: NodeJS.ProcessEnv = process.env): OriginMap {
  const raw = env['VEERKRACHT_BASE_URLS'];
  if (!raw?.trim()) return NO_ORIGIN_MAP;
  return parseOriginMap(raw.trim().startsWith('{') ? [raw] : raw.split(','), 'VEERKRACHT_BASE_URLS');
}

/** Both maps, `override` winning. */
export function mergeOriginMaps(base: OriginMap, override: OriginMap): OriginMap {
  return new Map([...base, ...override]);
}

/** `url` with its official origin replaced by the mapped base URL (unchanged when not mapped). */
export function mapUrl(url: string, map: OriginMap): string {
  if (map.size === 0) return url;
  const m = ORIGIN.exec(url);
  if (!m) return url;
  const to = map.get(m[0].toLowerCase());
  return to === undefined ? url : `${to}${url.slice(m[0].length)}`;
}

/** A link a service returned (absolute at the official host, or relative) as a URL to request. */
export function followLink(link: string, current: string, map: OriginMap): string {
  return mapUrl(new URL(link, current).toString(), map);
}

/** The host a user recognises in messages (`opendata.cbs.nl`), for an official origin. */
export function hostOf(origin: string): string {
  return new URL(origin).host;
}
