/**
 * GET /api/maps.csv, .geojson and .gpkg on a synthetic store: the same buurten, values and classes
 * as GET /api/maps, the numbers that drive a veerkracht class (ΔK, ΔO), the source editions; the
 * GeoPackage in RD New with the stored geometry, opened by GDAL (ogrinfo).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { SYNTHETIC_DIVISION, syntheticStore } from './synthetic-store.js';

interface ApiMap {
  features: { id: string; properties: { label: string; classId: string; value: number | null } }[];
  meta: { period: string | null };
}

/** Parses the CSV the route writes (RFC 4180, no embedded newlines in these data). */
function parseCsv(text: string): Record<string, string>[] {
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [head, ...rows] = text.trimEnd().split('\r\n');
  const names = split(head!);
  return rows.map((r) => Object.fromEntries(split(r).map((v, i) => [names[i]!, v])));
}

describe('map downloads (CSV, GeoJSON, GeoPackage)', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let api: ApiMap;
  const query = 'area=GM0917&map=veerkracht-relatief';
  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 30,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
    dir = mkdtempSync(join(tmpdir(), 'vk-downloads-'));
    api = (await (await app.request(`/api/maps?${query}`)).json()) as ApiMap;
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('CSV: one row per buurt with the class of GET /api/maps and the changes that drive it', async () => {
    const res = await app.request(`/api/maps.csv?${query}&period=${api.meta.period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="veerkracht-GM0917-veerkracht-relatief-${api.meta.period}.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(Object.keys(rows[0]!)).toEqual([
      'code',
      'naam',
      'gemeente',
      'gemeente_naam',
      'kaart',
      'periode',
      'jaar',
      'waarde',
      'eenheid',
      'klasse_id',
      'klasse',
      'inwoners',
      'verandering_concentratie',
      'verandering_overlast',
      'vlaggen',
      'edities',
    ]);
    expect(rows.map((r) => r['code'])).toEqual(api.features.map((f) => f.id).sort());
    for (const r of rows) {
      const f = api.features.find((x) => x.id === r['code'])!;
      expect(r['klasse']).toBe(f.properties.label);
      expect(r['klasse_id']).toBe(f.properties.classId);
      expect(r['periode']).toBe(api.meta.period);
    }
    const classed = rows.filter(
      (r) => r['verandering_concentratie'] !== '' && r['verandering_overlast'] !== '',
    );
    expect(classed.length).toBeGreaterThan(20);
    for (const r of classed) {
      expect(Number.isFinite(Number(r['verandering_concentratie']))).toBe(true);
      expect(Number.isFinite(Number(r['verandering_overlast']))).toBe(true);
    }
    expect(rows[0]!['edities']).toContain('synthetic test data');
  });

  it('GeoJSON: WGS84 display geometry with the same properties', async () => {
    const res = await app.request(`/api/maps.geojson?${query}`);
    expect(res.headers.get('Content-Type')).toContain('application/geo+json');
    const body = (await res.json()) as {
      features: {
        id: string;
        geometry: { coordinates: number[][][] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(body.features).toHaveLength(30);
    const [x, y] = body.features[0]!.geometry.coordinates[0]![0]!;
    expect(x).toBeCloseTo(3.3 + 150000 / 70000, 5);
    expect(y).toBeCloseTo(47.1 + 450000 / 111000, 5);
    expect(body.features[0]!.properties['kaart']).toBe('veerkracht-relatief');
  });

  it('GeoPackage: RD New with the stored geometry; GDAL reads it', async () => {
    const res = await app.request(`/api/maps.gpkg?area=GM0928&map=inhabitants&year=2020`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/geopackage+sqlite3');
    const path = join(dir, 'map.gpkg');
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], { encoding: 'utf8' });
    expect(info).toContain('Layer name: inhabitants');
    expect(info).toContain('Geometry: Multi Polygon');
    expect(info).toContain('Feature Count: 30');
    expect(info).toMatch(/ID\["EPSG",28992\]|AUTHORITY\["EPSG","28992"\]/);
    expect(info).toContain('verandering_concentratie: Real');
    const csv = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', path, '-lco', 'GEOMETRY=AS_WKT'], {
      encoding: 'utf8',
    });
    const first = csv.split('\n')[1]!;
    const code = /BU\d{8}/.exec(first)![0];
    const [stored] = await store.getGeometries({ divisionYear: SYNTHETIC_DIVISION, codes: [code] });
    const ring = (stored!.rd.coordinates as number[][][])[0]!;
    expect(first).toContain(`MULTIPOLYGON (((${ring.map((p) => `${p[0]} ${p[1]}`).join(',')})))`);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
    db.close();
  });

  it('the OpenAPI document describes the four downloads', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    for (const ext of ['csv', 'geojson', 'gpkg'])
      expect(doc.paths[`/api/maps.${ext}`]!.get.parameters.map((p) => p.name)).toEqual([
        'area',
        'map',
        'period',
        'year',
        'edition',
      ]);
    expect(doc.paths['/api/maps.pdf']!.get.parameters.map((p) => p.name)).toContain('size');
  });

  it('refuses unknown parameters and maps like GET /api/maps', async () => {
    expect((await app.request('/api/maps.csv?area=GM0917&map=nope')).status).toBe(404);
    expect((await app.request('/api/maps.gpkg?area=GM0917&map=inhabitants&x=1')).status).toBe(400);
  });
});
