/**
 * `veerkracht start` — the README's main job: make sure the store holds data, then serve.
 * An empty store is filled with the official open data when the official sources are
 * reachable (`fetch`), otherwise — said plainly — with the generated demonstration dataset,
 * labelled "demo — fictieve gegevens" everywhere it shows.
 */
import { resolve } from 'node:path';
import { FETCH_SOURCES, OFFICIAL_ORIGINS } from '../../pipeline/fetch/fetch-plan.js';
import { createProgressBar } from '../../pipeline/fetch/progress-bar.js';
import { runFetch } from '../../pipeline/fetch/run-fetch.js';
import { loadDemoDataset } from '../../pipeline/demo/load-demo.js';
import type { Store } from '../../storage/store.js';
import { parseCommandArgs, parseYearList, type Command } from '../command.js';
import { loadConfig } from '../config-file.js';
import { openDefaultStore, storePath } from '../store-path.js';
import { serveCommand } from './serve.js';

const HELP = `veerkracht start [--port N] [--host H] [--offline] [--years 2014-2024] [--config FILE]

Loads data when the store (VEERKRACHT_DB, default ./data/veerkracht.db) is empty — the official
open data when the sources can be reached, else a clearly labelled demonstration dataset — and
then serves the web app and API (as \`veerkracht serve\`).
  --offline   do not try the official sources; load the demonstration dataset into an empty store
  --config    engine settings file (else VEERKRACHT_CONFIG, else ./veerkracht.config.json if present)`;

/** True when the official CBS OData endpoint answers within the timeout. */
export async function officialSourcesReachable(timeoutMs = 4000): Promise<boolean> {
  try {
    const res = await fetch(`${OFFICIAL_ORIGINS.cbs}/ODataApi/odata/85984NED`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function fillEmptyStore(store: Store, offline: boolean, years: number[]): Promise<void> {
  if ((await store.listEditions()).length > 0) {
    process.stdout.write(`veerkracht: the store ${storePath()} already holds data; serving it.\n`);
    return;
  }
  if (!offline && (await officialSourcesReachable())) {
    process.stdout.write(
      'veerkracht: the store is empty; downloading the official open data (CBS, PDOK, Leefbaarometer, RIVM, police)…\n',
    );
    await runFetch(store, {
      sources: FETCH_SOURCES,
      years,
      cacheDir: resolve('cache'),
      progress: createProgressBar(process.stderr),
    });
    return;
  }
  process.stdout.write(
    [
      'veerkracht: the store is empty and the official sources (opendata.cbs.nl, service.pdok.nl, leefbaarometer.nl)',
      offline ? '  were not tried (--offline).' : '  cannot be reached from this machine (offline?).',
      '  Loading the DEMONSTRATION dataset instead: two invented gemeenten, "demo — fictieve gegevens".',
      '  Nothing in it is real. To load real data: `npx veerkracht fetch` when online, or',
      '  `npx veerkracht import <folder>` with downloaded files (e.g. ../shared/data), into an empty store.',
      '',
    ].join('\n'),
  );
  const { buurten, values } = await loadDemoDataset(store);
  process.stdout.write(`veerkracht: demo dataset loaded (${buurten} buurten, ${values} values).\n`);
}

export const startCommand: Command = {
  name: 'start',
  summary: 'load data into an empty store (official when online, else a labelled demo) and serve',
  async run(args) {
    const { values } = parseCommandArgs(
      'start',
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        offline: { type: 'boolean' },
        years: { type: 'string', default: '2014-2024' },
        config: { type: 'string' },
      },
      HELP,
    );
    const years = parseYearList(values.years, '--years');
    loadConfig(values.config); // a bad configuration stops here, before any data is loaded
    const store = openDefaultStore();
    try {
      await fillEmptyStore(store, values.offline ?? false, years);
    } finally {
      await store.close();
    }
    await serveCommand.run([
      ...(values.port ? ['--port', values.port] : []),
      ...(values.host ? ['--host', values.host] : []),
      ...(values.config ? ['--config', values.config] : []),
    ]);
  },
};
