/**
 * How the server reports the engine configuration in effect: GET /api/config (everything, with
 * the key paths changed from the defaults) and a summary with the same hash in every map's meta.
 */
import { createHash } from 'node:crypto';
import type { ConfigResponse, MapConfigSummary } from '../api/schemas.js';
import { parseEngineConfig, type EngineConfig } from '../domain/engine/engine-config.js';

const hashes = new WeakMap<EngineConfig, string>();

/** Short, stable hash of a configuration (12 base64url characters of SHA-1 over its JSON). */
export function configHash(config: EngineConfig): string {
  let h = hashes.get(config);
  if (!h) {
    h = createHash('sha1').update(JSON.stringify(config)).digest('base64url').slice(0, 12);
    hashes.set(config, h);
  }
  return h;
}

/** Key paths whose value differs from the default; `thresholds` and `classMethods` per key. */
export function changedKeys(config: EngineConfig): string[] {
  const defaults = parseEngineConfig({});
  const out: string[] = [];
  for (const key of Object.keys(config) as (keyof EngineConfig)[]) {
    const value = config[key];
    const def = defaults[key];
    if (key === 'thresholds' || key === 'classMethods') {
      const a = value as Record<string, unknown>;
      const b = def as Record<string, unknown>;
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(`${key}.${k}`);
      }
    } else if (JSON.stringify(value) !== JSON.stringify(def)) out.push(key);
  }
  return out;
}

/** The body of GET /api/config. */
export function configResponse(config: EngineConfig, source: string | null): ConfigResponse {
  return { engine: config, hash: configHash(config), source, changed: changedKeys(config) };
}

/** The settings a map depends on, for its meta. */
export function mapConfigSummary(config: EngineConfig): MapConfigSummary {
  return {
    hash: configHash(config),
    thresholds: { ...config.thresholds },
    minPopulation: config.minPopulation,
    minComponents: config.minComponents,
    nuisanceMeasures: [...config.nuisanceMeasures],
    relativeReference: config.relativeReference,
  };
}
