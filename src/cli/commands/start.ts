/**
 * `veerkracht start` — the README's main job: make sure the store holds data, then serve.
 * An empty store is filled with the official open data when the official sources are
 * reachable (`fetch`), otherwise — said plainly — with the generated demonstration dataset,
 * labelled "demo — fictieve gegevens" everywhere it shows.
 */
import { resolve } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { Store } from '../../storage/store.js';
import { parseCommandArgs, parseYearList, type Command } from '../command.js';
import { serveCommand } from './serve.js';

const HELP = `veerkracht start [--port N] [--host H] [--offline] [--years 2014-2024] [--config FILE]

Loads data when the store (VEERKRACHT_DB, default ./data/veerkracht.db) is empty — the official
open data when the sources can be reached, else a clearly labelled demonstration dataset — and
then serves the web app and API (as \`veerkracht serve\`; Ctrl-C or SIGTERM stops it).
  --port 0    any free port (the URL is printed)
  --offline   do not try the official sources; load the demonstration dataset into an empty store
  --config    engine settings file (else VEERKRACHT_CONFIG, else ./veerkracht.config.json if present)`;

/** True when the official CBS OData endpoint answers within the timeout (and before `stop`). */
export async function officialSourcesReachable(timeoutMs = 4000, stop?: AbortSignal): Promise<boolean> {
  const { OFFICIAL_ORIGINS } = await import('../../pipeline/fetch/fetch-plan.js');
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(`${OFFICIAL_ORIGINS.cbs}/ODataApi/odata/85984NED`, {
      method: 'HEAD',
      signal: stop ? AbortSignal.any([stop, timeout]) : timeout,
    });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function fillEmptyStore(
  store: Store,
  offline: boolean,
  years: number[],
  signal: AbortSignal,
): Promise<void> {
  const { storePath } = await import('../store-path.js');
  if ((await store.listEditions()).length > 0) {
    process.stdout.write(`veerkracht: the store ${storePath()} already holds data; serving it.\n`);
    return;
  }
  const online = !offline && (await officialSourcesReachable(4000, signal));
  if (signal.aborted)
    throw new AppError('INTERRUPTED', `stopped before loading data; the store ${storePath()} is still empty`);
  if (online) {
    process.stdout.write(
      'veerkracht: the store is empty; downloading the official open data (CBS, PDOK, Leefbaarometer, RIVM, police)…\n',
    );
    const [{ FETCH_SOURCES }, { createProgressBar }, { runFetch }] = await Promise.all([
      import('../../pipeline/fetch/fetch-plan.js'),
      import('../../pipeline/fetch/progress-bar.js'),
      import('../../pipeline/fetch/run-fetch.js'),
    ]);
    await runFetch(store, {
      sources: FETCH_SOURCES,
      years,
      cacheDir: resolve('cache'),
      progress: createProgressBar(process.stderr),
      signal,
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
  const { loadDemoDataset } = await import('../../pipeline/demo/load-demo.js');
  const { buurten, values } = await loadDemoDataset(store);
  process.stdout.write(`veerkracht: demo dataset loaded (${buurten} buurten, ${values} values).\n`);
}

export const startCommand: Command = {
  name: 'start',
  summary: 'load data into an empty store (official when online, else a labelled demo) and serve',
  async run(args, context) {
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
    const [{ loadConfig }, { openDefaultStore }] = await Promise.all([
      import('../config-file.js'),
      import('../store-path.js'),
    ]);
    loadConfig(values.config); // a bad configuration stops here, before any data is loaded
    const store = openDefaultStore();
    try {
      await fillEmptyStore(store, values.offline ?? false, years, context.signal);
    } finally {
      await store.close();
    }
    if (context.signal.aborted) return;
    await serveCommand.run(
      [
        ...(values.port ? ['--port', values.port] : []),
        ...(values.host ? ['--host', values.host] : []),
        ...(values.config ? ['--config', values.config] : []),
      ],
      context,
    );
  },
};
