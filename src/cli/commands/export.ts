import { AppError } from '../../core/app-error.js';
import { parseCommandArgs, parseYear, type Command } from '../command.js';

const HELP = `veerkracht export --gemeente GMgggg --year YYYY [--division YYYY] [--format csv|geojson] [--indicators a,b]

One row (feature) per buurt of the gemeente with the stored values of that year, on the reference
division (where every source's values are carried and the maps read) unless --division names another.
CSV columns: code,name, then one column per indicator id (empty = missing), then missing: why each
empty cell is empty, as indicator:kind (suppressed, no-score, not-published, not-in-source, not-loaded,
missing), by the rule of the maps: the map of the buurt, indicator and year says the same kind.`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'stored values per buurt of a gemeente as CSV or GeoJSON',
  async run(args) {
    const { values } = parseCommandArgs(
      'export',
      args,
      {
        gemeente: { type: 'string' },
        year: { type: 'string' },
        division: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        indicators: { type: 'string' },
      },
      HELP,
    );
    if (!values.gemeente) throw new AppError('USAGE', `export: --gemeente is required\n\n${HELP}`);
    const year = parseYear(values.year, '--year');
    if (year === undefined) throw new AppError('USAGE', `export: --year is required\n\n${HELP}`);
    const divisionYear = parseYear(values.division, '--division');
    if (values.format !== 'csv' && values.format !== 'geojson')
      throw new AppError('USAGE', `--format must be csv or geojson`);
    // the service and the store load only now, not for --help
    const { buildBuurtTable, buurtTableToCsv, buurtTableToGeoJson } =
      await import('../../service/export-table.js');
    const { openDefaultStore } = await import('../store-path.js');
    const store = await openDefaultStore({ readonly: true });
    try {
      const table = await buildBuurtTable(store, {
        gemeente: values.gemeente,
        year,
        ...(divisionYear !== undefined ? { divisionYear } : {}),
        ...(values.indicators ? { indicators: values.indicators.split(',').map((s) => s.trim()) } : {}),
      });
      if (values.format === 'csv') process.stdout.write(buurtTableToCsv(table));
      else process.stdout.write(`${JSON.stringify(await buurtTableToGeoJson(store, table))}\n`);
    } finally {
      await store.close();
    }
  },
};
