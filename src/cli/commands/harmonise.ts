import { parseCommandArgs, parseYear, type Command } from '../command.js';

const HELP = `veerkracht harmonise [--to YYYY] [--json]

Carries the values of every other division (indeling) onto one reference division: unchanged
buurt codes directly, redrawn buurten by area-weighted overlay of the two boundary sets (counts
apportioned, rates recomputed from numerator and denominator). Harmonised values are flagged.
--to   the reference division year (default: the latest division year with buurt geometry)
Runs automatically after every import; run it by hand to pick another reference division.`;

export const harmoniseCommand: Command = {
  name: 'harmonise',
  summary: 'carry values of earlier divisions onto one reference division (by code or area overlay)',
  async run(args) {
    const { values } = parseCommandArgs(
      'harmonise',
      args,
      { to: { type: 'string' }, json: { type: 'boolean' } },
      HELP,
    );
    const to = parseYear(values.to, '--to');
    const [{ harmoniseStore }, { formatHarmoniseSummary }, { openDefaultStore }, { loadConfig }] =
      await Promise.all([
        import('../../pipeline/harmonise/harmonise-store.js'),
        import('../../pipeline/harmonise/harmonise-summary.js'),
        import('../store-path.js'),
        import('../config-file.js'),
      ]);
    const config = loadConfig(undefined);
    const edition = { retain: config.deployment.editionsRetain, engineConfig: config.engine };
    const store = await openDefaultStore();
    try {
      const summary = await harmoniseStore(store, { ...(to !== undefined ? { to } : {}), edition });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      if (summary.reference === null) {
        process.stdout.write(
          `Nothing harmonised: ${summary.skipped ?? 'no reference division'} (import boundaries first, or pass --to YYYY).\n`,
        );
        return;
      }
      const out = [`Reference division: ${summary.reference}`];
      if (summary.divisions.length === 0) out.push('  no values on other divisions');
      else out.push(...formatHarmoniseSummary(summary).split('\n').slice(1));
      out.push('Per gemeente: `veerkracht status`.');
      process.stdout.write(`${out.join('\n')}\n`);
    } finally {
      await store.close();
    }
  },
};
