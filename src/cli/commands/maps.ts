import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht maps --area GM0917|<region>|all --map <map id or indicator> [--period 2016-2020] [--year 2020] [--format csv|geojson] [--summary]
       [--config FILE] [--threshold-concentration 0.25] [--threshold-nuisance 0.25] [--min-inhabitants 200] [--min-components 2]

Writes one map of a gemeente or region to stdout, computed by the same service as GET /api/maps:
as CSV (one row per buurt: code, name, gemeente, value, class, label, flags, inhabitants)
or as GeoJSON. With --summary (or --area all): per gemeente the buurten and inhabitants per
veerkracht class over the period (as GET /api/compare), one CSV row per gemeente.

Engine settings come from --config FILE, else VEERKRACHT_CONFIG, else ./veerkracht.config.json
when present (docs/method.md, "Configuration"); the flags override the file:
  --threshold-concentration τ  thresholds.concentration (base-year SDs: how much the index must rise)
  --threshold-nuisance τ       thresholds.nuisance (base-year SDs: how much nuisance must rise)
  --min-inhabitants N          minPopulation (fewer: te weinig inwoners)
  --min-components N           minComponents of the concentration index`;

export const mapsCommand: Command = {
  name: 'maps',
  summary: 'one map (or per-gemeente class figures) as CSV or GeoJSON',
  async run(args) {
    const { values } = parseCommandArgs('maps', args, MAPS_OPTIONS, HELP);
    // the engine, the services and the store load only now, not for --help
    const { runMaps } = await import('./maps-run.js');
    await runMaps(values, HELP);
  },
};

export const MAPS_OPTIONS = {
  area: { type: 'string' },
  map: { type: 'string' },
  period: { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string' },
  summary: { type: 'boolean' },
  config: { type: 'string' },
  'threshold-concentration': { type: 'string' },
  'threshold-nuisance': { type: 'string' },
  'min-inhabitants': { type: 'string' },
  'min-components': { type: 'string' },
} as const;
