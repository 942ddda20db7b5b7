/**
 * The own-stock layer: a map in the shape of GET /api/maps (MapResponse) for an area, whose
 * value per buurt is the share of the buurt's corporation stock that is the organisation's, in
 * fixed classes. Served at GET /api/own-stock/map to the organisation's users and to share links
 * that include own stock; the web app shows it as the layer `eigen-bezit`.
 */
import type { LegendEntry, MapFeature, MapResponse } from '../../api/schemas.js';
import type { PolygonGeometry } from '../../core/records.js';
import type { ReadContext } from '../read-context.js';
import { resolveArea } from '../resolve-area.js';
import { authoriseArea } from './access.js';
import { ownStockBuurt, ownStockOrganisation, stockOfYear } from './own-stock.js';
import type { AccessMode, Viewer } from './viewer.js';

export const OWN_STOCK_LAYER = 'eigen-bezit';

const CLASSES: { min: number; max: number | null; color: string }[] = [
  { min: 0, max: 10, color: '#eff3ff' },
  { min: 10, max: 25, color: '#bdd7e7' },
  { min: 25, max: 50, color: '#6baed6' },
  { min: 50, max: 75, color: '#3182bd' },
  { min: 75, max: null, color: '#08519c' },
];
const NONE = {
  classId: 'geen-eigen-bezit',
  label: 'Geen eigen bezit',
  labelEn: 'No own stock',
  color: '#f2f2f2',
};
const UNKNOWN = {
  classId: 'missing',
  label: 'Corporatiebezit onbekend',
  labelEn: 'Corporation stock unknown',
  color: '#bdbdbd',
};

function classOf(share: number): number {
  const i = CLASSES.findIndex((c) => c.max === null || share < c.max);
  return i < 0 ? CLASSES.length - 1 : i;
}

function label(c: (typeof CLASSES)[number]): { nl: string; en: string } {
  const nl = c.max === null ? `${c.min}% of meer` : `${c.min} tot ${c.max}%`;
  const en = c.max === null ? `${c.min}% or more` : `${c.min} to ${c.max}%`;
  return { nl, en };
}

export async function ownStockMap(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  q: { area: string; year?: number | undefined },
): Promise<MapResponse> {
  const organisationId = ownStockOrganisation(viewer);
  await authoriseArea(ctx, viewer, access, q.area);
  const state = await ctx.state.get();
  const area = await resolveArea(q.area, state, ctx.store);
  const { year, rows } = await stockOfYear(ctx, organisationId, area.gemeenten, q.year);
  const byCode = new Map(rows.map((r) => [r.buurtCode, ownStockBuurt(state.engine, r)]));
  const geometry = new Map<string, PolygonGeometry | null>();
  for (const gm of area.gemeenten)
    for (const [k, v] of await ctx.state.geometries(gm, state.divisionYear)) geometry.set(k, v);
  const counts = new Array<number>(CLASSES.length).fill(0);
  let none = 0;
  let unknown = 0;
  const features: MapFeature[] = area.rows.map((row) => {
    const b = state.engine.table.buurten[row]!;
    const own = byCode.get(b.code);
    let classId = NONE.classId;
    let text = { nl: NONE.label, en: NONE.labelEn };
    let classIndex: number | null = null;
    if (!own) none++;
    else if (own.share === null) {
      unknown++;
      classId = UNKNOWN.classId;
      text = { nl: UNKNOWN.label, en: UNKNOWN.labelEn };
    } else {
      classIndex = classOf(own.share);
      counts[classIndex]!++;
      classId = `c${classIndex}`;
      text = label(CLASSES[classIndex]!);
    }
    return {
      type: 'Feature',
      id: b.code,
      geometry: geometry.get(b.code) ?? null,
      properties: {
        code: b.code,
        name: b.name,
        gemeente: b.gemeente,
        value: own?.share ?? null,
        classIndex,
        classId,
        label: text.nl,
        labelEn: text.en,
        flags: [],
        inhabitants: null,
        missing: own && own.share === null ? 'missing' : null,
      },
    };
  });
  const legend: LegendEntry[] = [
    ...CLASSES.map((c, i) => ({
      classId: `c${i}`,
      label: label(c).nl,
      labelEn: label(c).en,
      color: c.color,
      count: counts[i]!,
      min: c.min,
      max: c.max,
    })),
    { ...NONE, count: none, min: null, max: null },
    { ...UNKNOWN, count: unknown, min: null, max: null },
  ];
  const organisation = await ctx.store.members.findOrganisation({ id: organisationId });
  const who = organisation?.name ?? '';
  return {
    type: 'FeatureCollection',
    features,
    legend,
    meta: {
      map: OWN_STOCK_LAYER,
      kind: 'level',
      titleNl: `Eigen bezit ${who}`,
      titleEn: `Own stock ${who}`,
      area: area.id,
      areaName: area.name,
      period: null,
      year,
      divisionYear: state.divisionYear,
      classMethod: 'fixed',
      unit: 'percent',
      sources: [],
      harmonisation: `Eigen opgave van ${who}, per buurt van indeling ${state.divisionYear}.`,
      measureUsed: null,
      caveatsNl:
        'Alleen zichtbaar voor uw organisatie (en deellinks die eigen bezit tonen). Het aandeel is eigen woningen gedeeld door het corporatiebezit volgens CBS (woningvoorraad × aandeel corporatiewoningen).',
      caveatsEn:
        'Visible only to your organisation (and share links that include own stock). The share is own dwellings divided by the corporation stock according to CBS (dwellings × corporation share).',
      howToReadNl:
        'Hoe donkerder, hoe groter het deel van het corporatiebezit in de buurt dat van uw organisatie is.',
      howToReadEn:
        'The darker, the larger the part of the corporation stock in the buurt that is your organisation’s.',
      demo: state.demo,
      headingNl: `Eigen bezit ${who}${year !== null ? ` (${year})` : ''}`,
      headingEn: `Own stock ${who}${year !== null ? ` (${year})` : ''}`,
      legendTitleNl: 'Aandeel van het corporatiebezit',
      legendTitleEn: 'Share of the corporation stock',
    },
  };
}
