/**
 * `veerkracht own-stock import --organisation NAME <file>` and `own-stock clear --organisation
 * NAME`: an operator loads (or removes) an organisation's own stock from the command line, by the
 * same rules as an org-admin's upload in the app (src/pipeline/own-stock).
 */
import { AppError } from '../../core/app-error.js';
import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht own-stock import --organisation NAME [--year YYYY] <file.csv>
veerkracht own-stock clear --organisation NAME

Loads an organisation's own stock (only its users, and share links that include it, see it):
CSV per buurt   buurt_code,dwellings[,year]
or per complex  complex,buurt_code,dwellings[,year]   (summed per buurt)
or by address   [complex,]postcode,huisnummer[,toevoeging],dwellings[,year]   (placed in their
                buurt by CBS's postcode–house number table: veerkracht postcodes import)
with , or ; as delimiter; aliases woningen, jaar, complexnummer. Rows without a year column get
--year (default: this year). The file is validated whole (file, line, column), every buurt must
be on the reference division, and the organisation's stock of the years in the file is replaced
in one transaction. clear removes all of it.`;

export const ownStockCommand: Command = {
  name: 'own-stock',
  summary: "load or clear an organisation's own stock (dwellings per buurt or per complex)",
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'own-stock',
      args,
      { organisation: { type: 'string' }, year: { type: 'string' } },
      HELP,
    );
    const [action, file, ...rest] = positionals;
    if ((action !== 'import' && action !== 'clear') || rest.length || (action === 'import') !== !!file)
      throw new AppError('USAGE', `own-stock: import <file> or clear\n\n${HELP}`);
    if (!values.organisation) throw new AppError('USAGE', 'own-stock: --organisation is required');
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !/^\d{4}$/.test(values.year!))
      throw new AppError('USAGE', `--year must be a year, got '${values.year}'`);
    const [{ openDefaultStore }, { nameKey }, { importOwnStockFile }] = await Promise.all([
      import('../store-path.js'),
      import('../../service/regions.js'),
      import('../../pipeline/own-stock/import-own-stock.js'),
    ]);
    const store = await openDefaultStore();
    try {
      const organisation = await store.members.findOrganisation({ nameKey: nameKey(values.organisation) });
      if (!organisation)
        throw new AppError(
          'NOT_FOUND',
          `no organisation '${values.organisation}' (veerkracht users list shows them)`,
        );
      if (action === 'clear') {
        const removed = await store.members.clearOwnStock(organisation.id);
        process.stdout.write(`veerkracht: own stock of ${organisation.name} cleared (${removed} rows)\n`);
        return;
      }
      const r = await importOwnStockFile(
        store,
        organisation.id,
        file!,
        year !== undefined ? { defaultYear: year } : {},
      );
      process.stdout.write(
        `veerkracht: own stock of ${organisation.name}: ${r.file} (${r.layout === 'complex' ? 'per complex' : r.layout === 'address' ? 'per address' : 'per buurt'}), ${r.rows} rows${r.addressRows > 0 ? ` (${r.addressRows} placed by postcode)` : ''}, ${r.buurten} buurten, ${r.dwellings} dwellings, year(s) ${r.years.join(', ')}, indeling ${r.divisionYear}\n`,
      );
    } finally {
      await store.close();
    }
  },
};
