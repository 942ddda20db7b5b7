/** The work of `veerkracht maps`, loaded only when the command runs (maps.ts holds its help and options). */
import type { MAPS_OPTIONS } from './maps.js';
import type { CompareResponse, MapResponse } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { parseEngineConfig, type EngineConfigInput } from '../../domain/engine/engine-config.js';
import { compareAreas, MAX_COMPARE_AREAS } from '../../service/compare.js';
import { listGemeenten } from '../../service/gemeente-list.js';
import { getMap } from '../../service/maps.js';
import { createReadContext, type ReadContext } from '../../service/read-context.js';
import { loadConfig, numberFlag, withOverrides, type LoadedConfig } from '../config-file.js';
import { openDefaultStore } from '../store-path.js';

const FLAG_NAMES = '--threshold-concentration, --threshold-nuisance, --min-inhabitants, --min-components';

type MapsValues = {
  [K in keyof typeof MAPS_OPTIONS]?: (typeof MAPS_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/** `veerkracht maps` after its arguments were parsed: one map or the per-gemeente summary to stdout. */
export async function runMaps(values: MapsValues, help: string): Promise<void> {
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'geojson')
    throw new AppError('USAGE', `--format must be csv or geojson, got '${format}'`);
  if (!values.area) throw new AppError('USAGE', `maps: --area is required\n\n${help}`);
  const config = configWithFlags(values);
  if (!values.summary && values.area !== 'all' && !values.map)
    throw new AppError('USAGE', `maps: --map is required\n\n${help}`);
  const period = values.period === undefined ? undefined : parsePeriodFlag(values.period);
  const year = values.year === undefined ? undefined : parseYearFlag(values.year);
  const store = await openDefaultStore({ readonly: true });
  try {
    const ctx = createReadContext(store, { engineConfig: parseEngineConfig(config.engine) });
    if (values.summary || values.area === 'all') {
      process.stdout.write(await summaryCsv(ctx, values.area, period));
      return;
    }
    const body = await getMap(ctx, {
      area: values.area,
      map: values.map!,
      ...(period !== undefined ? { period } : {}),
      ...(year !== undefined ? { year } : {}),
    });
    process.stdout.write(format === 'geojson' ? `${JSON.stringify(body)}\n` : mapCsv(body));
  } finally {
    await store.close();
  }
}

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

function parsePeriodFlag(raw: string): string {
  if (!/^\d{4}-\d{4}$/.test(raw))
    throw new AppError('USAGE', `--period: a period looks like 2016-2020, got '${raw}'`);
  return raw;
}

function parseYearFlag(raw: string): number {
  if (!/^\d{4}$/.test(raw)) throw new AppError('USAGE', `--year must be a four-digit year, got '${raw}'`);
  return Number(raw);
}

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function mapCsv(body: MapResponse): string {
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

async function summaryCsv(ctx: ReadContext, area: string, period: string | undefined): Promise<string> {
  let areas: string[];
  if (area === 'all') areas = (await listGemeenten(ctx)).gemeenten.map((x) => x.code);
  else areas = area.split(',');
  const lines: string[] = [];
  for (let i = 0; i < areas.length; i += MAX_COMPARE_AREAS) {
    const body: CompareResponse = await compareAreas(ctx, {
      areas: areas.slice(i, i + MAX_COMPARE_AREAS),
      period,
    });
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
          'corporatiebuurten_year',
          'mean_index',
          'mean_index_year',
          'mean_index_weighted',
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
        a.corporatiebuurtenYear,
        a.meanIndex === null ? null : a.meanIndex.toFixed(3),
        a.meanIndexYear,
        a.meanIndexWeighted,
        a.measureUsed ?? null,
      ];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
