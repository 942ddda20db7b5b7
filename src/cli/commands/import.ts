import { setFlagsFromString } from 'node:v8';
import { AppError } from '../../core/app-error.js';
import { SOURCE_KINDS, type SourceKind } from '../../core/records.js';
import { parseCommandArgs, parseYear, type Command } from '../command.js';

const HELP = `veerkracht import <file|dir>... [--source ${SOURCE_KINDS.join('|')}] [--year YYYY] [--division YYYY] [--replace-official] [--json]

Detects each file's source, layout and text encoding from its content and imports all files and
the harmonisation that follows in one transaction: either everything is imported, or nothing.
Inside a named folder, files that are not recognised (or carry no year when none is given)
are skipped and listed; a named file with those problems is an error.
On an error (or when nothing usable was imported) nothing is written and the exit code is not 0.
Ctrl-C (SIGINT) or SIGTERM stops the import with INTERRUPTED (exit 130): nothing of the run is
written, also not the files reported before.
--replace-official lets a tidy CSV replace values an official source stored (refused otherwise).`;

export const importCommand: Command = {
  name: 'import',
  summary: 'import official open-data files (KWB, boundaries, Leefbaarometer, RIVM, police, tidy CSV)',
  async run(args, { signal }) {
    const { values, positionals } = parseCommandArgs(
      'import',
      args,
      {
        source: { type: 'string' },
        year: { type: 'string' },
        division: { type: 'string' },
        'replace-official': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      HELP,
    );
    if (positionals.length === 0)
      throw new AppError('USAGE', `import: name at least one file or folder\n\n${HELP}`);
    const source = values.source;
    if (source !== undefined && !(SOURCE_KINDS as readonly string[]).includes(source)) {
      throw new AppError('USAGE', `--source must be one of ${SOURCE_KINDS.join(', ')}, got '${source}'`);
    }
    const year = parseYear(values.year, '--year');
    const divisionYear = parseYear(values.division, '--division');
    // An import allocates far more than it keeps (the national run: < 110 MB live after any full
    // GC); V8's default heap growth let the heap reach 300 MB of garbage between collections (660 MB
    // RSS). A 50 % growth step keeps the peak of the national import at 431 MB RSS; 20 % gave 377 MB
    // but ~15 % more CPU time on the four-input benchmark (docs/benchmarks.md, "import memory").
    // A GC heuristic, read at each collection.
    setFlagsFromString('--heap-growing-percent=50');
    // The pipeline (parsers, ExcelJS, Kysely) is loaded only now: `import --help` stays instant.
    const [
      { formatImportReport },
      { formatHarmoniseSummary },
      { importPaths },
      { openDefaultStore },
      { loadConfig },
    ] = await Promise.all([
      import('../../pipeline/import-report.js'),
      import('../../pipeline/harmonise/harmonise-summary.js'),
      import('../../pipeline/run-import.js'),
      import('../store-path.js'),
      import('../config-file.js'),
    ]);
    // the data edition the run records: its retention and the engine configuration (docs/method.md, "Data editions")
    const config = loadConfig(undefined);
    const edition = { retain: config.deployment.editionsRetain, engineConfig: config.engine };
    const store = await openDefaultStore();
    try {
      await importPaths(
        store,
        positionals,
        {
          ...(source ? { source: source as SourceKind } : {}),
          ...(year !== undefined ? { year } : {}),
          ...(divisionYear !== undefined ? { divisionYear } : {}),
          ...(values['replace-official'] ? { replaceOfficial: true } : {}),
          edition,
          signal,
          onSkipped: (file, reason) => {
            const line = values.json
              ? JSON.stringify({ skipped: file, code: reason.code, reason: reason.message })
              : `skipped ${file}: ${reason.code}: ${reason.message}`;
            process.stdout.write(`${line}\n`);
          },
          onHarmonised: (summary) => {
            const text = values.json
              ? JSON.stringify({ harmonisation: summary })
              : formatHarmoniseSummary(summary);
            if (text) process.stdout.write(`${text}\n`);
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
  },
};
