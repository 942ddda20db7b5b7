/**
 * Colour schemes of the maps, all colour-blind safe:
 * - sequential: viridis (perceptually uniform, readable with every common deficiency), light → dark;
 * - diverging: ColorBrewer PuOr (colour-blind safe per ColorBrewer), purple = decrease, orange = increase;
 * - categorical veerkracht classes: Okabe–Ito colours, checked for deuteranopia and protanopia
 *   in colour-schemes.test.ts (ΔE76 between simulated colours);
 * - special entries (missing, suppressed, too few residents): light greys and white, distinct
 *   from every data colour; the web app adds a hatch so they never read as a low value.
 */
import { AppError } from '../../core/app-error.js';

export type SchemeId = 'viridis' | 'puor' | 'corporation';

const VIRIDIS = [
  '#fde725',
  '#b5de2b',
  '#6ece58',
  '#35b779',
  '#1f9e89',
  '#26828e',
  '#31688e',
  '#3e4989',
  '#482878',
  '#440154',
];
/** PuOr, 11 classes, purple (low) → orange (high). */
const PUOR = [
  '#2d004b',
  '#542788',
  '#8073ac',
  '#b2abd2',
  '#d8daeb',
  '#f7f7f7',
  '#fee0b6',
  '#fdb863',
  '#e08214',
  '#b35806',
  '#7f3b08',
];
/** Corporation bands: a single-hue blue ramp (ColorBrewer Blues), safe for every deficiency. */
const BLUES = ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5', '#08519c', '#08306b'];

/** `k` colours of a scheme, ordered from the lowest class to the highest. */
export function schemeColours(scheme: SchemeId, k: number): string[] {
  if (k < 1 || k > 11) throw new AppError('CONFIG_INVALID', `a colour scheme has 1 to 11 classes, got ${k}`);
  switch (scheme) {
    case 'viridis':
      return sample(VIRIDIS, k);
    case 'corporation':
      return sample(BLUES.slice(0, 5), k);
    case 'puor':
      return divergingSample(k);
  }
}

/** Evenly spread picks from a ramp. */
function sample(ramp: readonly string[], k: number): string[] {
  if (k === 1) return [ramp[Math.floor(ramp.length / 2)]!];
  return Array.from({ length: k }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (k - 1))]!);
}

/** Symmetric picks from PuOr so the middle class (odd k) is the neutral white. */
function divergingSample(k: number): string[] {
  const mid = (PUOR.length - 1) / 2;
  const half = Math.floor(k / 2);
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const offset = i - (k - 1) / 2;
    const step = half === 0 ? 0 : (offset / ((k - 1) / 2)) * mid;
    const index = k % 2 === 1 ? Math.round(mid + step) : Math.round(mid + step + (offset < 0 ? -0.5 : 0.5));
    out.push(PUOR[Math.max(0, Math.min(PUOR.length - 1, index))]!);
  }
  return out;
}

/** Colours of the veerkracht classes and of the special legend entries. */
export const CATEGORY_COLOURS = {
  'veerkracht-onder-druk': '#d55e00',
  veerkrachtig: '#009e73',
  'meer-overlast': '#f0e442',
  'stabiel-of-verbeterd': '#56b4e9',
  'onvoldoende-gegevens': '#e0e0e0',
  'te-weinig-inwoners': '#ffffff',
  missing: '#e0e0e0',
  suppressed: '#b0b0b0',
  'too-few-residents': '#ffffff',
  'no-score': '#c8c8c8',
  'not-published': '#d4d4d4',
  'not-loaded': '#f2f2f2',
  'not-in-source': '#e9e9e9',
  'population-unknown': '#bcbcbc',
  'no-comparison': '#dadada',
} as const;
