/**
 * GET /api/editions/changes?area=GM0917&from=&to=: per buurt of a gemeente or region, what
 * changed between two data editions — the class on each of the nine maps (each edition's
 * default year or period for the area, as the app shows it) and the stored values per indicator
 * and year — with the reason (new source year, revised figures, boundaries, context).
 * `to` defaults to the newest edition, `from` to the edition before `to`.
 */
import type {
  BuurtChange,
  ChangeReason,
  EditionChangesQuery,
  EditionChangesResponse,
} from '../api/editions.js';
import { AppError } from '../core/app-error.js';
import { VALUE_FLAGS } from '../core/records.js';
import { NINE_MAPS } from '../domain/maps/map-definitions.js';
import type { DataEditionRow } from '../storage/data-editions.js';
import type { BulkValues } from '../storage/store.js';
import { editionInfo } from './editions.js';
import { getMapRows, type MapRow, type MapRows } from './map-rows.js';
import { getMapDefinitions } from './maps.js';
import { readContextAt, type ReadContext } from './read-context.js';
import { resolveArea, type ResolvedArea } from './resolve-area.js';

/** indicator|year → value (null when missing) and whether it was carried by overlay, per buurt code. */
type BuurtValues = Map<string, Map<string, { value: number | null; overlay: boolean }>>;

interface Side {
  row: DataEditionRow;
  ctx: ReadContext;
  area: ResolvedArea | null;
  buurten: Map<string, { name: string; gemeente: string }>;
  values: BuurtValues;
  maps: Map<string, MapRows | null>;
}

export async function getEditionChanges(
  ctx: ReadContext,
  q: EditionChangesQuery,
): Promise<EditionChangesResponse> {
  const rows = await ctx.store.listDataEditions();
  const newest = rows.at(-1);
  if (!newest) throw new AppError('EDITION_NOT_FOUND', 'the store has recorded no data editions yet');
  const toId = q.to ?? newest.id;
  const toIndex = rows.findIndex((r) => r.id === toId);
  const fromId = q.from ?? (toIndex > 0 ? rows[toIndex - 1]!.id : undefined);
  if (fromId === undefined) {
    throw new AppError(
      'EDITION_NOT_FOUND',
      toIndex === 0
        ? `data edition ${toId} is the first: there is no earlier edition to compare it with`
        : `data edition ${toId} does not exist (GET /api/editions)`,
    );
  }
  const [from, to] = await Promise.all([side(ctx, rows, fromId, q.area), side(ctx, rows, toId, q.area)]);
  const area = to.area ?? from.area;
  if (!area) await resolveArea(q.area, await to.ctx.state.get(), ctx.store); // throws AREA_NOT_FOUND
  const codes = [...new Set([...from.buurten.keys(), ...to.buurten.keys()])].sort();
  const changes: BuurtChange[] = [];
  for (const code of codes) {
    const change = buurtChange(code, from, to);
    if (change) changes.push(change);
  }
  return {
    area: { id: area!.id, name: area!.name },
    from: editionInfo(from.row, newest.id),
    to: editionInfo(to.row, newest.id),
    maps: NINE_MAPS.map((spec) => ({
      map: spec.id,
      titleNl: spec.titleNl,
      titleEn: spec.titleEn,
      from: when(from.maps.get(spec.id)),
      to: when(to.maps.get(spec.id)),
    })),
    buurten: codes.length,
    changes,
  };
}

function when(m: MapRows | null | undefined): string | null {
  return m ? (m.built.period ?? (m.built.year !== null ? String(m.built.year) : null)) : null;
}

/** One edition's side: its state, the area's buurten, their stored values and the nine maps. */
async function side(ctx: ReadContext, rows: DataEditionRow[], id: number, areaId: string): Promise<Side> {
  const row = rows.find((r) => r.id === id);
  const at = await readContextAt(ctx, id); // EDITION_NOT_FOUND / EDITION_GONE
  const state = await at.state.get();
  const area = await resolveArea(areaId, state, ctx.store).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'AREA_NOT_FOUND') return null;
    throw e;
  });
  const buurten = new Map<string, { name: string; gemeente: string }>();
  for (const r of area?.rows ?? []) {
    const b = state.engine.table.buurten[r]!;
    buurten.set(b.code, { name: b.name, gemeente: b.gemeente });
  }
  const content = await ctx.store.readDataEdition(id);
  if (!row || !content) throw new AppError('EDITION_GONE', `data edition ${id} is no longer kept`);
  const maps = new Map<string, MapRows | null>();
  // each map as the app opens it for the area: its default year or period (definitions asked once)
  const defs = area ? await getMapDefinitions(at, { area: area.id }) : null;
  for (const spec of NINE_MAPS) {
    if (!area) {
      maps.set(spec.id, null);
      continue;
    }
    const def = defs?.maps.find((m) => m.id === spec.id);
    const when = def?.defaultYear ?? def?.defaultPeriod ?? def?.years?.at(-1);
    const q = {
      area: area.id,
      map: spec.id,
      ...(typeof when === 'number' ? { year: when } : { period: when }),
    };
    maps.set(spec.id, await getMapRows(at, q).catch(() => null));
  }
  return { row, ctx: at, area, buurten, values: valuesOf(content.values, buurten), maps };
}

function valuesOf(bulk: BulkValues, buurten: ReadonlyMap<string, unknown>): BuurtValues {
  const out: BuurtValues = new Map();
  for (let i = 0; i < bulk.count; i++) {
    const code = bulk.areaCodes[bulk.area[i]!]!;
    if (!buurten.has(code)) continue;
    const s = bulk.series[bulk.seriesOf[i]!]!;
    const v = bulk.value[i]!;
    let m = out.get(code);
    if (!m) out.set(code, (m = new Map()));
    m.set(`${s.indicator}|${s.year}`, {
      value: Number.isNaN(v) ? null : v,
      overlay: (bulk.flags[i]! & VALUE_FLAGS.overlay) !== 0,
    });
  }
  return out;
}

function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function classOf(m: MapRows | null | undefined, code: string): MapRow | null {
  return m?.rows.find((r) => r.code === code) ?? null;
}

/** What changed for one buurt; undefined when nothing did. */
function buurtChange(code: string, from: Side, to: Side): BuurtChange | undefined {
  const reasons = new Set<ChangeReason>();
  const a = from.values.get(code) ?? new Map();
  const b = to.values.get(code) ?? new Map();
  const values: BuurtChange['values'] = [];
  const yearsBefore = new Set([...a.keys()].map((k) => k.split('|')[1]));
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (sameValue(x?.value ?? null, y?.value ?? null)) continue;
    const [indicator, year] = key.split('|') as [string, string];
    const change =
      x === null || x.value === null ? 'added' : y === null || y.value === null ? 'removed' : 'revised';
    values.push({ indicator, year: Number(year), from: x?.value ?? null, to: y?.value ?? null, change });
    if (x?.overlay || y?.overlay) reasons.add('boundaries');
    else if (change === 'added' && !yearsBefore.has(year)) reasons.add('new-source-year');
    else reasons.add('revised-figures');
  }
  const classes: BuurtChange['classes'] = [];
  for (const spec of NINE_MAPS) {
    const x = classOf(from.maps.get(spec.id), code);
    const y = classOf(to.maps.get(spec.id), code);
    if (x?.classId === y?.classId) continue;
    const at = (r: MapRow | null) => (r ? { classId: r.classId, label: r.label, labelEn: r.labelEn } : null);
    classes.push({ map: spec.id, from: at(x), to: at(y) });
  }
  if (values.length === 0 && classes.length === 0) return undefined;
  if (!from.buurten.has(code) || !to.buurten.has(code) || from.row.divisionYear !== to.row.divisionYear)
    reasons.add('boundaries');
  if (reasons.size === 0) reasons.add('context');
  const info = to.buurten.get(code) ?? from.buurten.get(code)!;
  return { code, name: info.name, gemeente: info.gemeente, reasons: [...reasons].sort(), classes, values };
}
