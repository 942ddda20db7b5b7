/**
 * `veerkracht postcodes import <file>` and `postcodes status`: the operator loads CBS's table
 * "Buurt, wijk en gemeente <jaar> voor postcode huisnummer" (src/pipeline/sources/postcode), with
 * which own stock given per complex by postcode and house number is placed in its buurt.
 */
import { AppError } from '../../core/app-error.js';
import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht postcodes import <pc6hnr<jaar>0801_gwb.csv[.gz]>
veerkracht postcodes status

import  loads CBS's "Buurt, wijk en gemeente <jaar> voor postcode huisnummer" (cbs.nl, maatwerk;
        unzip the download and give the .csv inside it, optionally gzipped): PC6;Huisnummer;
        Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>, one row per address. Every row is checked (postcode,
        house number, nested codes) while the file streams; the table replaces the one in the store
        in one transaction, or — on any bad row, a repeated address or Ctrl-C — nothing changes.
status  which table is loaded (file, indeling, rows).
Own stock may then give complexes or addresses as postcode,huisnummer[,toevoeging] instead of
buurt_code (veerkracht own-stock, or the upload on the organisation page).`;

export const postcodesCommand: Command = {
  name: 'postcodes',
  summary: "load CBS's postcode–house number table (the buurt of every address) for own stock by address",
  async run(args, { signal }) {
    const { positionals } = parseCommandArgs('postcodes', args, {}, HELP);
    const [action, file, ...rest] = positionals;
    if ((action !== 'import' && action !== 'status') || rest.length || (action === 'import') !== !!file)
      throw new AppError('USAGE', `postcodes: import <file> or status\n\n${HELP}`);
    const [{ openDefaultStore }, { importPostcodeTable }, { findReferenceDivision }] = await Promise.all([
      import('../store-path.js'),
      import('../../pipeline/sources/postcode/import-postcode-table.js'),
      import('../../storage/reference-division.js'),
    ]);
    const store = await openDefaultStore();
    const say = (line: string) => process.stdout.write(`${line}\n`);
    try {
      const reference = (await findReferenceDivision(store)) ?? null;
      if (action === 'status') {
        const info = await store.postcodes.postcodeTableInfo();
        say(
          info
            ? `postcode table: ${info.file}, indeling ${info.divisionYear}, ${info.rows} addresses, imported ${info.importedAt}`
            : 'no postcode table (load one with `veerkracht postcodes import <file>`)',
        );
        return;
      }
      const r = await importPostcodeTable(store, file!, { signal, referenceDivision: reference });
      say(
        `veerkracht: postcode table ${r.file}: ${r.rows} addresses in ${r.buurten} buurten of ${r.gemeenten} gemeenten, indeling ${r.divisionYear}`,
      );
      if (r.zerosRestored > 0)
        say(
          `  leading zeros restored in the codes of ${r.zerosRestored} rows (a file re-saved by a spreadsheet)`,
        );
      if (reference !== null && reference !== r.divisionYear)
        say(
          `  note: the maps are on indeling ${reference}; own stock placed by address in buurten redrawn since then is refused as not on the reference division`,
        );
    } finally {
      await store.close();
    }
  },
};
