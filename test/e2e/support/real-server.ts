/**
 * The real thing for browser tests and the bench: a temporary SQLite store with the real
 * Heerlen data imported from VEERKRACHT_REAL_DATA (or the generated demo set), served by the
 * real app (createApp) on a random loopback port, with the built web app from web/dist.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { loadDemoDataset } from '../../../src/pipeline/demo/load-demo.js';
import { importPaths } from '../../../src/pipeline/run-import.js';
import { createApp } from '../../../src/server/app.js';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../../src/storage/store.js';
import { realDataDir, realDataFile } from '../../real-data.js';
import { ensureWebBuilt } from './web-build.js';

export interface RealServer {
  url: string;
  importSeconds: number;
  close(): Promise<void>;
}

/** The real files the web tests use: national 2019 boundaries, Leefbaarometer, RIVM, police, Heerlen KWB 2016–2020. */
export function heerlenDataFiles(): string[] {
  return [
    'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
    'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv',
    'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
    'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
    'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
    ...[2016, 2017, 2018, 2019, 2020].map(
      (y) => `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`,
    ),
  ].map(realDataFile);
}

export function startRealServer(files: readonly string[] = heerlenDataFiles()): Promise<RealServer> {
  return startServer(async (store) => {
    await importPaths(store, files);
  });
}

/** The whole real-data folder as `veerkracht import ../shared/data` loads it: the national store (~30 s). */
export function startNationalServer(): Promise<RealServer> {
  const dir = realDataDir();
  if (!dir) throw new Error('VEERKRACHT_REAL_DATA is not set');
  return startServer(async (store) => {
    await importPaths(store, [dir]);
  });
}

/** The same, on the generated demo dataset (labelled "demo — fictieve gegevens"). */
export function startDemoServer(): Promise<RealServer> {
  return startServer(async (store) => {
    await loadDemoDataset(store);
  });
}

async function startServer(load: (store: Store) => Promise<void>): Promise<RealServer> {
  const webRoot = await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'vk-web-e2e-'));
  const store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
  const started = performance.now();
  await load(store);
  const importSeconds = (performance.now() - started) / 1000;
  const app = createApp(store, { webRoot });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    importSeconds,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
