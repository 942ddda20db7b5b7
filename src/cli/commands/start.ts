/**
 * `veerkracht start` — the README's main job: make sure the store holds data, then serve.
 * An empty store is filled with the official open data when the official sources are
 * reachable (`fetch`). A source that fails does not stop the start: what arrived is imported
 * and served, and the console says plainly what is missing and the command that loads it.
 * Only when nothing could be loaded (offline, or every source failed) is the generated
 * demonstration dataset loaded instead — said plainly, and labelled "demo — fictieve gegevens"
 * everywhere it shows. It never exits without serving because a download failed.
 * Official hosts can be pointed at a mirror with VEERKRACHT_BASE_URLS (see `fetch --help`).
 */
import { resolve } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { OriginMap } from '../../pipeline/fetch/origins.js';
import type { FetchResult } from '../../pipeline/fetch/run-fetch.js';
import type { Store } from '../../storage/store.js';
import { parseCommandArgs, parseYearList, type Command } from '../command.js';
import { serveCommand } from './serve.js';

const HELP = `veerkracht start [--port N] [--host H] [--offline] [--years 2014-2024] [--cache DIR] [--config FILE]

Loads data when the store (VEERKRACHT_DB, default ./data/veerkracht.db) is empty — the official
open data when the sources can be reached (as \`veerkracht fetch\`; a source that fails is named
with the command that loads it later, and the rest is served), else a clearly labelled
demonstration dataset — and then serves the web app and API (as \`veerkracht serve\`; Ctrl-C or
SIGTERM stops it).
  --port 0    any free port (the URL is printed)
  --offline   do not try the official sources; load the demonstration dataset into an empty store
  --cache     download cache (default ./cache)
  --config    engine settings file (else VEERKRACHT_CONFIG, else ./veerkracht.config.json if present)`;

/** True when the official CBS OData endpoint (or its mirror) answers within the timeout (and before `stop`). */
export async function officialSourcesReachable(
  timeoutMs = 4000,
  stop?: AbortSignal,
  origins?: OriginMap,
): Promise<boolean> {
  const { OFFICIAL_ORIGINS, mapUrl, originMapFromEnv } = await import('../../pipeline/fetch/origins.js');
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const url = mapUrl(`${OFFICIAL_ORIGINS.cbs}/ODataApi/odata/85984NED`, origins ?? originMapFromEnv());
    const res = await fetch(url, {
      method: 'HEAD',
      signal: stop ? AbortSignal.any([stop, timeout]) : timeout,
    });
    return res.status < 500;
  } catch {
    return false;
  }
}

function say(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The notice after an online fill that did not load everything. */
function missingNotice(result: FetchResult): string[] {
  const s = result.summary;
  return [
    `veerkracht: NOTICE — not everything could be loaded: ${s.failedSources.join(', ')} is missing.`,
    ...result.failures.map(
      (f) => `  ${f.source}: ${f.item} (${f.stage}) — ${f.error.code}: ${f.error.message}`,
    ),
    `  Serving what arrived (${s.importedFiles} file(s)). To load the rest later (downloads resume):`,
    `    npx ${s.retryCommand}`,
  ];
}

async function loadDemo(store: Store, why: string[]): Promise<void> {
  say([
    ...why,
    '  Loading the DEMONSTRATION dataset instead: two invented gemeenten, "demo — fictieve gegevens".',
    '  Nothing in it is real. To load real data: `npx veerkracht fetch` when online, or',
    '  `npx veerkracht import <folder>` with downloaded files (e.g. ../shared/data), into an empty store.',
    '',
  ]);
  const { loadDemoDataset } = await import('../../pipeline/demo/load-demo.js');
  const { buurten, values } = await loadDemoDataset(store);
  say([`veerkracht: demo dataset loaded (${buurten} buurten, ${values} values).`]);
}

async function fillEmptyStore(
  store: Store,
  offline: boolean,
  years: number[],
  cacheDir: string,
  signal: AbortSignal,
): Promise<void> {
  const [{ storeLabel }, run] = await Promise.all([
    import('../store-path.js'),
    import('../../pipeline/fetch/run-fetch.js'),
  ]);
  if ((await store.listEditions()).length > 0) {
    say([`veerkracht: the store ${storeLabel()} already holds data; serving it.`]);
    const last = run.readFetchStatus(cacheDir);
    if (last && last.failedSources.length > 0)
      say([
        `veerkracht: NOTICE — the last download (${last.date.slice(0, 10)}) could not load ${last.failedSources.join(', ')}.`,
        `  To load it (downloads resume): npx ${last.retryCommand}`,
      ]);
    return;
  }
  const { originMapFromEnv } = await import('../../pipeline/fetch/origins.js');
  const origins = originMapFromEnv();
  const online = !offline && (await officialSourcesReachable(4000, signal, origins));
  if (signal.aborted)
    throw new AppError(
      'INTERRUPTED',
      `stopped before loading data; the store ${storeLabel()} is still empty`,
    );
  if (!online) {
    await loadDemo(store, [
      'veerkracht: the store is empty and the official sources (opendata.cbs.nl, service.pdok.nl, leefbaarometer.nl)',
      offline ? '  were not tried (--offline).' : '  cannot be reached from this machine (offline?).',
    ]);
    return;
  }
  say([
    'veerkracht: the store is empty; downloading the official open data (CBS, PDOK, Leefbaarometer, RIVM, police)…',
  ]);
  const [{ FETCH_SOURCES }, { createProgressBar }] = await Promise.all([
    import('../../pipeline/fetch/source-plan.js'),
    import('../../pipeline/fetch/progress-bar.js'),
  ]);
  let result: FetchResult | undefined;
  try {
    result = await run.runFetch(store, {
      sources: FETCH_SOURCES,
      years,
      cacheDir,
      origins,
      progress: createProgressBar(process.stderr),
      signal,
      onPlan: (plan) => process.stderr.write(`${run.formatPlan(plan)}\n`),
    });
    run.writeFetchStatus(cacheDir, result);
    process.stderr.write(`${run.formatFetchSummary(result)}\n`);
  } catch (e) {
    if (e instanceof AppError && e.code === 'INTERRUPTED') throw e;
    const err = e instanceof AppError ? e : new AppError('INTERNAL', String(e), { cause: e });
    say([`veerkracht: NOTICE — the download stopped with ${err.code}: ${err.message}`]);
  }
  if (result && result.failures.length > 0) say(missingNotice(result));
  if ((await store.listEditions()).length === 0)
    await loadDemo(store, ['veerkracht: none of the official data could be loaded (see above).']);
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
        cache: { type: 'string', default: 'cache' },
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
    const store = await openDefaultStore();
    try {
      await fillEmptyStore(store, values.offline ?? false, years, resolve(values.cache), context.signal);
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
