import { resolve } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { FETCH_SOURCES, type FetchSource } from '../../pipeline/fetch/fetch-plan.js';
import { parseCommandArgs, parseYearList, type Command } from '../command.js';

const HELP = `veerkracht fetch [--years 2014-2024] [--sources ${FETCH_SOURCES.join(',')}] [--base-url URL] [--cache DIR] [--download-only] [--json]

Downloads the official open data into a cache folder (default ./cache), with a progress bar on
stderr; interrupted downloads resume, finished files are never downloaded twice (see
<cache>/.manifest.json). Then imports the downloaded files, each in one transaction.
  --years      KWB editions, PDOK boundary years (2020+) and police years to fetch
  --sources    any of ${FETCH_SOURCES.join(', ')}
  --base-url   replaces scheme and host of every official URL (a local mirror)
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
        'base-url': { type: 'string' },
        cache: { type: 'string', default: 'cache' },
        'download-only': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      HELP,
    );
    const sources = parseSources(values.sources);
    const years = parseYearList(values.years, '--years');
    const baseUrl = values['base-url'];
    if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl))
      throw new AppError('USAGE', `--base-url must look like http://host[:port], got '${baseUrl}'`);
    const [{ createProgressBar }, { runFetch }, { formatImportReport }, { openDefaultStore }] =
      await Promise.all([
        import('../../pipeline/fetch/progress-bar.js'),
        import('../../pipeline/fetch/run-fetch.js'),
        import('../../pipeline/import-report.js'),
        import('../store-path.js'),
      ]);
    const store = openDefaultStore();
    try {
      await runFetch(
        store,
        {
          sources,
          years,
          cacheDir: resolve(values.cache),
          progress: createProgressBar(process.stderr),
          importAfter: !values['download-only'],
          signal,
          ...(baseUrl !== undefined ? { baseUrl } : {}),
        },
        (report) =>
          process.stdout.write(
            values.json ? `${JSON.stringify(report)}\n` : `${formatImportReport(report)}\n`,
          ),
      );
    } finally {
      await store.close();
    }
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
