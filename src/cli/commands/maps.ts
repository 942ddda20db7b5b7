import {
  CompareResponseSchema,
  ErrorBodySchema,
  GemeentenResponseSchema,
  MapResponseSchema,
} from '../../api/schemas.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../core/app-error.js';
import { createApp } from '../../server/app.js';
import type { EngineConfigInput } from '../../domain/engine/engine-config.js';
import { parseCommandArgs, type Command } from '../command.js';
import { loadConfig, numberFlag, withOverrides, type LoadedConfig } from '../config-file.js';
import { openDefaultStore } from '../store-path.js';

const HELP = `veerkracht maps --area GM0917|<region>|all --map <map id or indicator> [--period 2016-2020] [--year 2020] [--format csv|geojson] [--summary]
       [--config FILE] [--threshold-concentration 0.25] [--threshold-nuisance 0.25] [--min-inhabitants 200] [--min-components 2]

Writes one map of a gemeente or region to stdout, exactly as GET /api/maps computes it:
as CSV (one row per buurt: code, name, gemeente, value, class, label, flags, inhabitants)
or as GeoJSON. With --summary (or --area all): per gemeente the buurten and inhabitants per
veerkracht class over the period (as GET /api/compare), one CSV row per gemeente.

Engine settings come from --config FILE, else VEERKRACHT_CONFIG, else ./veerkracht.config.json
when present (docs/method.md, "Configuration"); the flags override the file:
  --threshold-concentration τ  thresholds.concentration (national SDs of the index change)
  --threshold-nuisance τ       thresholds.nuisance (national SDs of the nuisance change)
  --min-inhabitants N          minPopulation (fewer: te weinig inwoners)
  --min-components N           minComponents of the concentration index`;

const FLAG_NAMES = '--threshold-concentration, --threshold-nuisance, --min-inhabitants, --min-components';

type App = ReturnType<typeof createApp>;

export const mapsCommand: Command = {
  name: 'maps',
  summary: 'one map (or per-gemeente class figures) as CSV or GeoJSON',
  async run(args) {
    const { values } = parseCommandArgs(
      'maps',
      args,
      {
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
      },
      HELP,
    );
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'geojson')
      throw new AppError('USAGE', `--format must be csv or geojson, got '${format}'`);
    if (!values.area) throw new AppError('USAGE', `maps: --area is required\n\n${HELP}`);
    const config = configWithFlags(values);
    const store = openDefaultStore();
    try {
      const app = createApp(store, { webRoot: '', engineConfig: config.engine, configSource: config.file });
      if (values.summary || values.area === 'all') {
        process.stdout.write(await summaryCsv(app, values.area, values.period));
        return;
      }
      if (!values.map) throw new AppError('USAGE', `maps: --map is required\n\n${HELP}`);
      const q = new URLSearchParams({ area: values.area, map: values.map });
      if (values.period) q.set('period', values.period);
      if (values.year) q.set('year', values.year);
      const body = MapResponseSchema.parse(await getJson(app, `/api/maps?${q}`));
      process.stdout.write(format === 'geojson' ? `${JSON.stringify(body)}\n` : mapCsv(body));
    } finally {
      await store.close();
    }
  },
};

/** The configuration file (if any) with the flags on top, validated as a whole. */
function configWithFlags(values: Record<string, string | boolean | undefined>): LoadedConfig {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const loaded = loadConfig(str('config'));
  const concentration = numberFlag(str('threshold-concentration'), '--threshold-concentration');
  const nuisance = numberFlag(str('threshold-nuisance'), '--threshold-nuisance');
  const minPopulation = numberFlag(str('min-inhabitants'), '--min-inhabitants');
  const minComponents = numberFlag(str('min-components'), '--min-components');
  const overrides: EngineConfigInput = {
    ...(concentration !== undefined || nuisance !== undefined
      ? {
          thresholds: {
            ...(concentration !== undefined ? { concentration } : {}),
            ...(nuisance !== undefined ? { nuisance } : {}),
          },
        }
      : {}),
    ...(minPopulation !== undefined ? { minPopulation } : {}),
    ...(minComponents !== undefined ? { minComponents } : {}),
  };
  if (!Object.keys(overrides).length) return loaded;
  return withOverrides(
    loaded,
    overrides,
    `flags (${FLAG_NAMES})${loaded.file ? ` over ${loaded.file}` : ''}`,
  );
}

async function getJson(app: App, path: string): Promise<unknown> {
  const res = await app.request(path);
  const json: unknown = await res.json();
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(json);
    const code = (
      err.success && err.data.error.code in ERROR_CODES ? err.data.error.code : 'INTERNAL'
    ) as ErrorCode;
    throw new AppError(code, err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  return json;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function mapCsv(body: ReturnType<typeof MapResponseSchema.parse>): string {
  const lines = ['code,name,gemeente,value,class_id,label,flags,inhabitants'];
  for (const f of body.features) {
    const p = f.properties;
    lines.push(
      [p.code, p.name, p.gemeente, p.value, p.classId, p.label, p.flags.join(' '), p.inhabitants]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function summaryCsv(app: App, area: string, period: string | undefined): Promise<string> {
  let areas: string[];
  if (area === 'all') {
    const g = GemeentenResponseSchema.parse(await getJson(app, '/api/gemeenten'));
    areas = g.gemeenten.map((x) => x.code);
  } else areas = area.split(',');
  const lines: string[] = [];
  for (let i = 0; i < areas.length; i += 50) {
    const q = new URLSearchParams({ areas: areas.slice(i, i + 50).join(',') });
    if (period) q.set('period', period);
    const body = CompareResponseSchema.parse(await getJson(app, `/api/compare?${q}`));
    if (!lines.length) {
      const classes = body.areas[0]?.perClass.map((c) => c.classId) ?? [];
      lines.push(
        [
          'area',
          'name',
          'period',
          'buurten',
          'inhabitants',
          ...classes.flatMap((c) => [`buurten_${c}`, `inhabitants_${c}`]),
          'corporatiebuurten',
          'mean_index',
          'measure',
        ].join(','),
      );
    }
    for (const a of body.areas) {
      const cells = [
        a.area,
        a.name,
        body.period,
        a.buurten,
        a.inhabitants,
        ...a.perClass.flatMap((c) => [c.buurten, c.inhabitants]),
        a.corporatiebuurten,
      ];
      lines.push(
        [...cells, a.meanIndex === null ? null : a.meanIndex.toFixed(3), a.measureUsed ?? null]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
