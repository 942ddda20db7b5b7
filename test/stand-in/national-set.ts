/**
 * A generated national set of areas for the stand-in services: G gemeenten × B buurten in W
 * wijken, with RD New squares laid out on a grid inside the Netherlands' extent, for every
 * division year. Divisions change as real ones do: every year after the first, one wijk of one
 * gemeente is redrawn and its buurten get new codes (bb + 50), so older codes disappear from
 * later divisions and the boundary-year choice has something to cover. Deterministic (seeded);
 * nothing here is real data.
 */
import { seededRandom } from '../synthetic/synthetic-country.js';

export interface NationOptions {
  gemeenten: number;
  buurtenPerGemeente: number;
  /** Buurten per wijk (default 6). */
  buurtenPerWijk?: number;
  firstYear?: number;
  lastYear?: number;
  seed?: number;
}

export interface StandInArea {
  code: string;
  name: string;
  level: 'gemeente' | 'wijk' | 'buurt';
  gemeente: string;
  gemeenteName: string;
  wijk: string | null;
  /** RD New square: lower-left corner and side (m); gemeenten and wijken: their bounding box. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Relative size (inhabitants scale). */
  size: number;
}

export interface Division {
  year: number;
  gemeenten: StandInArea[];
  wijken: StandInArea[];
  buurten: StandInArea[];
  /** Every area, gemeente first, then its wijken and buurten (CBS order). */
  all: StandInArea[];
}

export interface Nation {
  years: number[];
  division(year: number): Division;
  /** Total areas of the last division. */
  areaCount: number;
}

const BUURT_SIDE = 400;
const X0 = 20_000;
const Y0 = 320_000;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function generateNation(o: NationOptions): Nation {
  const first = o.firstYear ?? 2014;
  const last = o.lastYear ?? 2024;
  const perWijk = Math.min(9, o.buurtenPerWijk ?? 6);
  const rnd = seededRandom(o.seed ?? 7);
  const cols = Math.ceil(Math.sqrt(o.gemeenten));
  const bCols = Math.ceil(Math.sqrt(o.buurtenPerGemeente));
  const bRows = Math.ceil(o.buurtenPerGemeente / bCols);
  const gmW = bCols * BUURT_SIDE + 200;
  const gmH = bRows * BUURT_SIDE + 200;
  const wijken = Math.ceil(o.buurtenPerGemeente / perWijk);
  const sizes = Array.from({ length: o.gemeenten * o.buurtenPerGemeente }, () =>
    Math.round(20 + rnd() * 3000),
  );
  /** Per year: gemeente index and wijk number whose buurten got new codes that year. */
  const redrawn = new Map<number, { g: number; w: number }>();
  for (let y = first + 1; y <= last; y++)
    redrawn.set(y, { g: (y * 7) % o.gemeenten, w: 1 + ((y * 3) % Math.max(1, wijken)) });

  const cache = new Map<number, Division>();
  const division = (year: number): Division => {
    const hit = cache.get(year);
    if (hit) return hit;
    const gemeenten: StandInArea[] = [];
    const wijkAreas: StandInArea[] = [];
    const buurten: StandInArea[] = [];
    const all: StandInArea[] = [];
    for (let g = 0; g < o.gemeenten; g++) {
      const gmNum = 10 + g * 3;
      const gm = `GM${pad(gmNum, 4)}`;
      const gmName = `Gemeente ${pad(gmNum, 4)}`;
      const gx = X0 + (g % cols) * gmW;
      const gy = Y0 + Math.floor(g / cols) * gmH;
      const gemeente: StandInArea = {
        code: gm,
        name: gmName,
        level: 'gemeente',
        gemeente: gm,
        gemeenteName: gmName,
        wijk: null,
        x: gx,
        y: gy,
        w: bCols * BUURT_SIDE,
        h: bRows * BUURT_SIDE,
        size: 0,
      };
      gemeenten.push(gemeente);
      all.push(gemeente);
      for (let w = 1; w <= wijken; w++) {
        const wk = `WK${pad(gmNum, 4)}${pad(w, 2)}`;
        // buurten of this wijk get new codes from the year their wijk was redrawn on
        let redraws = 0;
        for (const [y, r] of redrawn) if (y <= year && r.g === g && r.w === w) redraws++;
        const shift = redraws === 0 ? 0 : 50 + 10 * (Math.min(redraws, 4) - 1);
        const members: StandInArea[] = [];
        for (let k = 0; k < perWijk; k++) {
          const b = (w - 1) * perWijk + k;
          if (b >= o.buurtenPerGemeente) break;
          const bb = k + shift;
          const code = `BU${pad(gmNum, 4)}${pad(w, 2)}${pad(bb, 2)}`;
          members.push({
            code,
            name: `Buurt ${pad(gmNum, 4)}-${pad(w, 2)}-${pad(bb, 2)}`,
            level: 'buurt',
            gemeente: gm,
            gemeenteName: gmName,
            wijk: wk,
            x: gx + (b % bCols) * BUURT_SIDE,
            y: gy + Math.floor(b / bCols) * BUURT_SIDE,
            w: BUURT_SIDE,
            h: BUURT_SIDE,
            size: sizes[g * o.buurtenPerGemeente + b]!,
          });
        }
        if (members.length === 0) continue;
        const xs = members.map((m) => m.x);
        const ys = members.map((m) => m.y);
        const wijk: StandInArea = {
          code: wk,
          name: `Wijk ${pad(gmNum, 4)}-${pad(w, 2)}`,
          level: 'wijk',
          gemeente: gm,
          gemeenteName: gmName,
          wijk: wk,
          x: Math.min(...xs),
          y: Math.min(...ys),
          w: Math.max(...xs) - Math.min(...xs) + BUURT_SIDE,
          h: Math.max(...ys) - Math.min(...ys) + BUURT_SIDE,
          size: members.reduce((s, m) => s + m.size, 0),
        };
        wijkAreas.push(wijk);
        all.push(wijk, ...members);
        buurten.push(...members);
        gemeente.size += wijk.size;
      }
    }
    const d = { year, gemeenten, wijken: wijkAreas, buurten, all };
    cache.set(year, d);
    return d;
  };
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return { years, division, areaCount: division(last).all.length };
}

/** A deterministic number in [0, 1) from a string (FNV-1a). */
export function hash01(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}
