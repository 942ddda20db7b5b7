/**
 * What a boundary feature's properties say: its area code, name, water flag and year, across
 * the layouts Veerkracht reads — PDOK (buurtcode, buurtnaam, wijkcode, gemeentecode,
 * gemeentenaam, water, jaar), CBS (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER),
 * CBS gegeneraliseerd / TopoJSON (statcode, statnaam), wijkprofielen (WKC, WKN, GMC, GMN),
 * derived files (wk_code, gm_code), Amsterdam (cbsCode) and municipal files that give a
 * 4-digit buurt number next to the gemeentecode (Breda: BUURTCODE + GEMEENTECODE).
 */
import { findAreaLevel, type AreaLevel } from '../../../core/area-code.js';

export type BoundaryLevel = Exclude<AreaLevel, 'land'>;

const CODE_FIELDS: Record<BoundaryLevel, readonly string[]> = {
  buurt: ['buurtcode', 'bu_code', 'cbscode', 'statcode', 'bu_2019', 'code'],
  wijk: ['wijkcode', 'wk_code', 'wkc', 'statcode', 'code'],
  gemeente: ['gemeentecode', 'gm_code', 'gmc', 'statcode', 'code'],
};
const NAME_FIELDS: Record<BoundaryLevel, readonly string[]> = {
  buurt: ['buurtnaam', 'bu_naam', 'statnaam', 'naam', 'buurt', 'name'],
  wijk: ['wijknaam', 'wk_naam', 'wkn', 'statnaam', 'naam', 'name'],
  gemeente: ['gemeentenaam', 'gm_naam', 'gmn', 'statnaam', 'naam', 'name'],
};
const GEMEENTE_NAME_FIELDS = ['gemeentenaam', 'gm_naam', 'gmn', 'gemeente'] as const;

export interface BoundaryIdentity {
  code: string;
  level: BoundaryLevel;
  /** The property the code came from (for messages and the report). */
  field: string;
  name: string | null;
  gemeenteName: string | null;
  /** WATER = JA: a buurt that is (almost) only water. */
  water: boolean;
  year: number | null;
}

/** Lower-cased property names → values. */
export function lowerKeys(props: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Composes a buurt code from a municipal 4-digit number and a 4-digit gemeente code. */
function composedCode(raw: string, level: BoundaryLevel, props: Map<string, unknown>): string | null {
  const gm = text(props.get('gemeentecode'))?.replace(/^GM/i, '');
  if (level === 'buurt' && /^\d{8}$/.test(raw)) return `BU${raw}`;
  if (level === 'buurt' && /^\d{4}$/.test(raw) && gm && /^\d{4}$/.test(gm)) return `BU${gm}${raw}`;
  if (level === 'wijk' && /^\d{6}$/.test(raw)) return `WK${raw}`;
  if (level === 'gemeente' && /^\d{4}$/.test(raw)) return `GM${raw}`;
  return null;
}

/** The most specific area code in the properties (buurt before wijk before gemeente), or undefined. */
export function findCode(
  props: Map<string, unknown>,
): { code: string; level: BoundaryLevel; field: string } | undefined {
  for (const level of ['buurt', 'wijk', 'gemeente'] as const) {
    for (const field of CODE_FIELDS[level]) {
      const raw = text(props.get(field))?.toUpperCase();
      if (!raw) continue;
      const found = findAreaLevel(raw);
      if (found === level) return { code: raw, level, field };
      const composed = found === undefined ? composedCode(raw, level, props) : null;
      if (composed && findAreaLevel(composed) === level) return { code: composed, level, field };
    }
  }
  return undefined;
}

function firstText(props: Map<string, unknown>, fields: readonly string[]): string | null {
  for (const f of fields) {
    const v = text(props.get(f));
    if (v !== null) return v;
  }
  return null;
}

/** Code, name, water flag and year of one feature; undefined when no field holds an area code. */
export function identifyFeature(props: Record<string, unknown>, id?: unknown): BoundaryIdentity | undefined {
  const lower = lowerKeys(props);
  if (!lower.has('statcode') && typeof id === 'string' && findAreaLevel(id)) lower.set('statcode', id);
  const found = findCode(lower);
  if (!found) return undefined;
  const water = /^(ja|j|yes|true|1)$/i.test(text(lower.get('water')) ?? '');
  const rawYear = text(lower.get('jaar'));
  const year = rawYear && /^(19|20)\d{2}$/.test(rawYear) ? Number(rawYear) : null;
  return {
    ...found,
    name: firstText(lower, NAME_FIELDS[found.level]),
    gemeenteName:
      found.level === 'gemeente'
        ? firstText(lower, NAME_FIELDS.gemeente)
        : firstText(lower, GEMEENTE_NAME_FIELDS),
    water,
    year,
  };
}
