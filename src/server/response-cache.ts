/**
 * The server's response cache: serialised JSON bodies (plain, gzipped, ETag) in an LRU bounded
 * by bytes, so no sequence of requests can grow it past its budget. Every cached route goes
 * through `cachedJson` (cached-route.ts); the key holds everything that changes a response (route,
 * path parameters, the validated query, the store's data version).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A JSON body kept only gzipped (a profile of 38 KB is about 5 KB), with a strong ETag over the
 * JSON text; `plain()` inflates it for the rare client that does not accept gzip.
 */
export interface SerialisedResponse {
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  plain(): Uint8Array<ArrayBuffer>;
}

/** Serialises a JSON body once: gzipped, with a strong ETag. */
export function serialise(body: unknown): SerialisedResponse {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url').slice(0, 27)}"`;
  const gzip = new Uint8Array(gzipSync(json, { level: 6 }));
  return { gzip, etag, plain: () => new Uint8Array(gunzipSync(gzip)) };
}

/** Default budget: 64 MiB of gzipped bodies (every gemeente's nine maps, or ~10,000 buurt profiles). */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** Approximate memory held by one entry: the UTF-16 key, the gzip bytes and the objects around them. */
function entryBytes(key: string, r: SerialisedResponse): number {
  return 2 * key.length + r.gzip.byteLength + 256;
}

export class ResponseCache {
  private readonly entries = new Map<string, { response: SerialisedResponse; bytes: number }>();
  private totalBytes = 0;
  private version: string | undefined;

  constructor(readonly maxBytes: number = DEFAULT_CACHE_BYTES) {}

  /** The cached response, marked most recently used; undefined when absent. */
  get(key: string): SerialisedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.response;
  }

  /** Stores a response, evicting the least recently used ones beyond the byte budget. */
  set(key: string, response: SerialisedResponse): void {
    const bytes = entryBytes(key, response);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.totalBytes -= old.bytes;
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { response, bytes });
    this.totalBytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.totalBytes -= e.bytes;
    }
  }

  /** Drops every entry when the store's data version changed since the last call. */
  useVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.clear();
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
