import { AppError } from '../../core/app-error.js';
import { parseCommandArgs, parseYear, type Command } from '../command.js';

const HELP = `veerkracht status [--division YYYY | --all] [--json]

What the store holds: sources and editions, the data editions (one per import run), areas per
level and division year, coverage per
indicator and year, and harmonisation per gemeente. Coverage is that of the reference division
(where every source's values are carried and the maps read) unless --division names another;
--all lists every division.`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'what the store holds: editions, areas, coverage per indicator',
  async run(args) {
    const { values } = parseCommandArgs(
      'status',
      args,
      { json: { type: 'boolean' }, division: { type: 'string' }, all: { type: 'boolean' } },
      HELP,
    );
    const asked = parseYear(values.division, '--division');
    if (asked !== undefined && values.all)
      throw new AppError('USAGE', `status: --division and --all exclude each other\n\n${HELP}`);
    const { openDefaultStore, storeLabel } = await import('../store-path.js'); // not for --help
    const { findReferenceDivision } = await import('../../storage/reference-division.js');
    const store = await openDefaultStore();
    try {
      const editions = await store.listEditions();
      const areas = await store.areaCounts();
      const reference = (await findReferenceDivision(store)) ?? null;
      const shown = values.all ? null : (asked ?? reference);
      const coverage = (await store.coverage()).filter((c) => shown === null || c.divisionYear === shown);
      const harmonisation = await store.listHarmonisation();
      const imports = await store.listImports();
      const dataEditions = await store.listDataEditions();
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify({ store: storeLabel(), referenceDivision: reference, coverageDivision: shown, editions, dataEditions, areas, coverage, harmonisation, imports: imports.length }, null, 2)}\n`,
        );
        return;
      }
      const out: string[] = [
        `Store: ${storeLabel()} (${imports.length} imports)`,
        reference === null
          ? 'Reference division: none yet (no division has buurt boundaries)'
          : `Reference division: ${reference} (every source's values are carried onto it; the maps read it)`,
        '',
        'Editions:',
      ];
      for (const e of editions)
        out.push(
          `  ${e.source.padEnd(8)} ${e.edition}${e.table ? ` [${e.table}]` : ''}${e.divisionYear ? `, indeling ${e.divisionYear}` : ''}`,
        );
      if (!editions.length) out.push('  (none — run `veerkracht import` or `veerkracht fetch`)');
      out.push('', 'Data editions (id, label, made, reference division; edition=<id> in the API):');
      for (const d of dataEditions)
        out.push(
          `  ${String(d.id).padStart(3)} ${d.label.padEnd(14)} ${d.createdAt.slice(0, 16).replace('T', ' ')}  indeling ${d.divisionYear}${d.id === dataEditions.at(-1)!.id ? '  (newest)' : ''}${d.available ? '' : '  (no longer kept)'}`,
        );
      if (!dataEditions.length) out.push('  (none yet — every import run records one)');
      out.push('', 'Areas (level, indeling: count, with geometry):');
      for (const a of areas)
        out.push(`  ${a.level.padEnd(9)} ${a.divisionYear}: ${a.count}, ${a.withGeometry}`);
      out.push(
        '',
        shown === null
          ? 'Coverage, every division (indicator, indeling, year: areas with a value / missing):'
          : `Coverage on indeling ${shown}${shown === reference ? ' (the reference)' : ''} (indicator, indeling, year: areas with a value / missing; --all for every division):`,
      );
      for (const c of coverage)
        out.push(
          `  ${c.indicator.padEnd(40)} ${c.divisionYear} ${c.year}: ${c.areas - c.missing} / ${c.missing}`,
        );
      if (harmonisation.length) {
        out.push('', 'Harmonisation (gemeente, from → to: by code, by overlay, unmatched):');
        for (const h of harmonisation)
          out.push(
            `  ${h.gemeenteCode} ${h.fromDivision} → ${h.toDivision}: ${h.byCode}, ${h.byOverlay}, ${h.unmatched}`,
          );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    } finally {
      await store.close();
    }
  },
};
