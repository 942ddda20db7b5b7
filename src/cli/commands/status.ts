import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht status [--json]

What the store holds: sources and editions, areas per level and division year,
coverage per indicator and year, and harmonisation per gemeente.`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'what the store holds: editions, areas, coverage per indicator',
  async run(args) {
    const { values } = parseCommandArgs('status', args, { json: { type: 'boolean' } }, HELP);
    const { openDefaultStore, storePath } = await import('../store-path.js'); // not for --help
    const store = openDefaultStore();
    try {
      const editions = await store.listEditions();
      const areas = await store.areaCounts();
      const coverage = await store.coverage();
      const harmonisation = await store.listHarmonisation();
      const imports = await store.listImports();
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify({ store: storePath(), editions, areas, coverage, harmonisation, imports: imports.length }, null, 2)}\n`,
        );
        return;
      }
      const out: string[] = [`Store: ${storePath()} (${imports.length} imports)`, '', 'Editions:'];
      for (const e of editions)
        out.push(
          `  ${e.source.padEnd(8)} ${e.edition}${e.table ? ` [${e.table}]` : ''}${e.divisionYear ? `, indeling ${e.divisionYear}` : ''}`,
        );
      if (!editions.length) out.push('  (none — run `veerkracht import` or `veerkracht fetch`)');
      out.push('', 'Areas (level, indeling: count, with geometry):');
      for (const a of areas)
        out.push(`  ${a.level.padEnd(9)} ${a.divisionYear}: ${a.count}, ${a.withGeometry}`);
      out.push('', 'Coverage (indicator, indeling, year: areas with a value / missing):');
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
