/**
 * Engine configuration through createApp: a configuration changes the classification, GET
 * /api/config reports what is in effect (and the same hash as every map's meta), and a bad
 * configuration is refused at creation with CONFIG_INVALID naming the key path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResponseSchema, MapResponseSchema } from '../../src/api/schemas.js';
import { AppError } from '../../src/core/app-error.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from './synthetic-store.js';

let store: SqliteStore;
beforeAll(async () => {
  store = await syntheticStore({ gemeenten: 2, buurtenPerGemeente: 40, gemeenteCodes: ['GM0917', 'GM0928'] });
});
afterAll(async () => store.close());

async function onderDruk(app: ReturnType<typeof createApp>) {
  const res = await app.request('/api/maps?area=GM0917&map=veerkracht-absoluut&period=2016-2020');
  expect(res.status).toBe(200);
  const body = MapResponseSchema.parse(await res.json());
  const n = body.features.filter((f) => f.properties.classId === 'veerkracht-onder-druk').length;
  return { n, meta: body.meta };
}

describe('engine configuration in createApp', () => {
  it('a larger threshold gives fewer "veerkracht onder druk" buurten, and the map meta names it', async () => {
    const base = await onderDruk(createApp(store, { webRoot: '' }));
    const strictApp = createApp(store, {
      webRoot: '',
      engineConfig: { thresholds: { concentration: 1, nuisance: 1 } },
    });
    const strict = await onderDruk(strictApp);
    expect(base.n).toBeGreaterThan(0);
    expect(strict.n).toBeLessThan(base.n);
    expect(base.meta.config?.thresholds).toEqual({ concentration: 0.25, nuisance: 0.25 });
    expect(strict.meta.config?.thresholds).toEqual({ concentration: 1, nuisance: 1 });
    expect(strict.meta.config?.hash).not.toBe(base.meta.config?.hash);
  });

  it('GET /api/config reports the configuration in effect, its source, the changed keys and the map hash', async () => {
    const app = createApp(store, {
      webRoot: '',
      engineConfig: {
        thresholds: { nuisance: 0.5 },
        minPopulation: 100,
        classMethods: { leefbaarheid: { method: 'ckmeans', k: 4 } },
      },
      configSource: 'veerkracht.config.json',
    });
    const res = await app.request('/api/config');
    expect(res.status).toBe(200);
    const body = ConfigResponseSchema.parse(await res.json());
    expect(body.source).toBe('veerkracht.config.json');
    expect(body.engine.thresholds).toEqual({ concentration: 0.25, nuisance: 0.5 });
    expect(body.engine.minComponents).toBe(2);
    expect(body.changed).toEqual(['thresholds.nuisance', 'minPopulation', 'classMethods.leefbaarheid']);
    const { meta } = await onderDruk(app);
    expect(meta.config).toMatchObject({ hash: body.hash, minPopulation: 100 });
    const defaults = ConfigResponseSchema.parse(
      await (await createApp(store, { webRoot: '' }).request('/api/config')).json(),
    );
    expect(defaults).toMatchObject({ source: null, changed: [] });
    const openapi = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(openapi.paths).toHaveProperty('/api/config');
  });

  it('a class method from the configuration draws a level map', async () => {
    const app = createApp(store, {
      webRoot: '',
      engineConfig: { classMethods: { leefbaarheid: { method: 'equal-interval', k: 3 } } },
    });
    const res = await app.request('/api/maps?area=GM0917&map=leefbaarheid');
    const body = MapResponseSchema.parse(await res.json());
    expect(body.meta.classMethod).toBe('equal-interval');
    expect(body.legend.filter((l) => /^c\d+$/.test(l.classId))).toHaveLength(3);
  });

  it('refuses a bad configuration at creation with CONFIG_INVALID and the key path', () => {
    const attempt = (engineConfig: unknown) => {
      try {
        createApp(store, { webRoot: '', engineConfig: engineConfig as never });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const e1 = attempt({ thresholds: { nuisance: -1 } });
    expect(e1).toBeInstanceOf(AppError);
    expect((e1 as AppError).code).toBe('CONFIG_INVALID');
    expect((e1 as AppError).message).toMatch(/thresholds\.nuisance: Too small/);
    expect(
      (
        attempt({
          components: [{ id: 'x', titleNl: 'x', titleEn: 'x', weight: 0, segments: [{ indicator: 'a' }] }],
        }) as AppError
      ).message,
    ).toContain('components[0].weight');
    expect((attempt({ minPopulaton: 5 }) as AppError).message).toContain('minPopulaton');
    expect((attempt({ nuisanceMeasures: ['geluid'] }) as AppError).message).toMatch(
      /nuisanceMeasures\[0\]: .*lbm_onv/,
    );
  });
});
