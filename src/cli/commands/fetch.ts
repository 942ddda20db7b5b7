import { resolve } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { FETCH_SOURCES, type BoundaryYears, type FetchSource } from '../../pipeline/fetch/source-plan.js';
import { parseCommandArgs, parseYearList, type Command } from '../command.js';

const HELP = `veerkracht fetch [--years 2014-2024] [--sources ${FETCH_SOURCES.join(',')}] [--boundary-years auto|all|YEARS]
                 [--base-url URL]… [--cache DIR] [--download-only] [--json]

Downloads the official open data into a cache folder (default ./cache) and imports it. It first
says what it will download and how much, then shows a progress bar per file (size, rate, time
left) on stderr, and ends with one summary. Failed requests (5xx, dropped connections) are
retried with back-off, downloads resume where they stopped, and a finished file is never
downloaded twice (<cache>/.manifest.json). A source that fails does not stop the others: the
summary names it with the command that retries it, and the exit status is then 69.
  --years           KWB editions and police years (default 2014-2024; KWB 2025 is 86165NED)
  --sources         any of ${FETCH_SOURCES.join(', ')}
  --boundary-years  PDOK GeoPackages (~200 MB a year): auto (default: the latest year plus the
                    years whose buurt codes the harmonisation needs), all, or a list (2020,2024)
  --base-url        a mirror: URL (each official host H is read from URL/H), or
                    https://opendata.cbs.nl=URL for one host; repeatable; also the environment
                    variable VEERKRACHT_BASE_URLS (a JSON object of host → URL)
  --download-only   download into the cache, do not import
  --json            import reports and the summary as JSON lines on stdout
Ctrl-C (SIGINT) or SIGTERM stops it with INTERRUPTED (exit 130); the next run resumes.`;

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'download official open data (CBS, PDOK, Leefbaarometer, RIVM, police) into a cache and import it',
  async run(args, { signal }) {
    const { values } = parseCommandArgs(
      'fetch',
      args,
      {
        years: { type: 'string', default: '2014-2024' },
        sources: { type: 'string', default: FETCH_SOURCES.join(',') },
        'boundary-years': { type: 'string', default: 'auto' },
        'base-url': { type: 'string', multiple: true },
        cache: { type: 'string', default: 'cache' },
        'download-only': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      HELP,
    );
    const sources = parseSources(values.sources);
    const years = parseYearList(values.years, '--years');
    const boundaryYears = parseBoundaryYears(values['boundary-years']);
    const [
      origins,
      { createProgressBar, silentProgress },
      run,
      { formatImportReport },
      { openDefaultStore },
    ] = await Promise.all([
      import('../../pipeline/fetch/origins.js'),
      import('../../pipeline/fetch/progress-bar.js'),
      import('../../pipeline/fetch/run-fetch.js'),
      import('../../pipeline/import-report.js'),
      import('../store-path.js'),
    ]);
    const originMap = origins.mergeOriginMaps(
      origins.originMapFromEnv(),
      origins.parseOriginMap(values['base-url'] ?? []),
    );
    const cacheDir = resolve(values.cache);
    const progress = values.json ? silentProgress : createProgressBar(process.stderr);
    const store = await openDefaultStore();
    let result;
    try {
      result = await run.runFetch(
        store,
        {
          sources,
          years,
          cacheDir,
          origins: originMap,
          boundaryYears,
          progress,
          importAfter: !values['download-only'],
          signal,
          onPlan: (plan) => {
            if (values.json) process.stdout.write(`${JSON.stringify({ plan })}\n`);
            else process.stderr.write(`${run.formatPlan(plan)}\n`);
          },
        },
        (report) =>
          process.stdout.write(
            values.json ? `${JSON.stringify(report)}\n` : `${formatImportReport(report)}\n`,
          ),
      );
    } finally {
      await store.close();
    }
    run.writeFetchStatus(cacheDir, result);
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ summary: result.summary, failures: result.failures.map((f) => ({ ...f, error: f.error.toJSON() })) })}\n`,
      );
    else process.stdout.write(`${run.formatFetchSummary(result)}\n`);
    if (result.failures.length > 0)
      throw new AppError(
        'DOWNLOAD_FAILED',
        `not everything was loaded (${result.summary.failedSources.join(', ')}); what arrived is imported. Retry: ${result.summary.retryCommand}`,
      );
  },
};

function parseSources(raw: string): FetchSource[] {
  const out: FetchSource[] = [];
  for (const s of raw
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(FETCH_SOURCES as readonly string[]).includes(s))
      throw new AppError('USAGE', `--sources: '${s}' is not one of ${FETCH_SOURCES.join(', ')}`);
    out.push(s as FetchSource);
  }
  if (!out.length) throw new AppError('USAGE', '--sources: name at least one source');
  return out;
}

function parseBoundaryYears(raw: string): BoundaryYears {
  const v = raw.trim().toLowerCase();
  if (v === 'auto' || v === 'all') return v;
  return parseYearList(raw, '--boundary-years');
}
