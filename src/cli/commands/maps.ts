import { CompareResponseSchema, ErrorBodySchema, GemeentenResponseSchema, MapResponseSchema } from '../../api/schemas.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../core/app-error.js';
import { createApp } from '../../server/app.js';
import { parseCommandArgs, type Command } from '../command.js';
import { openDefaultStore } from '../store-path.js';

const HELP = `veerkracht maps --area GM0917|<region>|all --map <map id or indicator> [--period 2016-2020] [--year 2020] [--format csv|geojson] [--summary]

Writes one map of a gemeente or region to stdout, exactly as GET /api/maps computes it:
as CSV (one row per buurt: code, name, gemeente, value, class, label, flags, inhabitants)
or as GeoJSON. With --summary (or --area all): per gemeente the buurten and inhabitants per
veerkracht class over the period (as GET /api/compare), one CSV row per gemeente.`;

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
      },
      HELP,
    );
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'geojson') throw new AppError('USAGE', `--format must be csv or geojson, got '${format}'`);
    if (!values.area) throw new AppError('USAGE', `maps: --area is required\n\n${HELP}`);
    const store = openDefaultStore();
    try {
      const app = createApp(store, { webRoot: '' });
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

async function getJson(app: App, path: string): Promise<unknown> {
  const res = await app.request(path);
  const json: unknown = await res.json();
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(json);
    const code = (err.success && err.data.error.code in ERROR_CODES ? err.data.error.code : 'INTERNAL') as ErrorCode;
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
    lines.push([p.code, p.name, p.gemeente, p.value, p.classId, p.label, p.flags.join(' '), p.inhabitants].map(csvCell).join(','));
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
        ['area', 'name', 'period', 'buurten', 'inhabitants', ...classes.flatMap((c) => [`buurten_${c}`, `inhabitants_${c}`]), 'corporatiebuurten', 'mean_index', 'measure'].join(','),
      );
    }
    for (const a of body.areas) {
      const cells = [a.area, a.name, body.period, a.buurten, a.inhabitants, ...a.perClass.flatMap((c) => [c.buurten, c.inhabitants]), a.corporatiebuurten];
      lines.push([...cells, a.meanIndex === null ? null : a.meanIndex.toFixed(3), a.measureUsed ?? null].map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
