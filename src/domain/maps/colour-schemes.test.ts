import { describe, expect, it } from 'vitest';
import { MISSING_KINDS } from '../engine/missing-kinds.js';
import { VEERKRACHT_CLASS_IDS } from '../engine/veerkracht-classes.js';
import { CATEGORY_COLOURS, schemeColours } from './colour-schemes.js';
import { colourDifference } from './colour-vision.js';

const DEFICIENCIES = ['none', 'deuteranopia', 'protanopia'] as const;

describe('colour schemes', () => {
  it('the four veerkracht data classes stay distinguishable (ΔE76 ≥ 25) with deuteranopia and protanopia', () => {
    const data = VEERKRACHT_CLASS_IDS.slice(0, 4).map((id) => CATEGORY_COLOURS[id]);
    for (const d of DEFICIENCIES) {
      for (let i = 0; i < data.length; i++)
        for (let j = i + 1; j < data.length; j++)
          expect(colourDifference(data[i]!, data[j]!, d)).toBeGreaterThanOrEqual(25);
    }
  });

  it('special entries (every kind of missing) differ from every data class (ΔE76 ≥ 15)', () => {
    const data = VEERKRACHT_CLASS_IDS.slice(0, 4).map((id) => CATEGORY_COLOURS[id]);
    const specials = MISSING_KINDS.map((k) => CATEGORY_COLOURS[k]);
    expect(specials).toHaveLength(9);
    for (const d of DEFICIENCIES)
      for (const a of data)
        for (const s of specials) expect(colourDifference(a, s, d)).toBeGreaterThanOrEqual(15);
  });

  it('sequential and diverging ramps are ordered in lightness for every deficiency (monotone L*)', async () => {
    const { toLab, simulate, parseHex } = await import('./colour-vision.js');
    for (const d of DEFICIENCIES) {
      const seq = schemeColours('viridis', 7).map((c) => toLab(simulate(parseHex(c), d))[0]);
      for (let i = 1; i < seq.length; i++) expect(seq[i]!).toBeLessThan(seq[i - 1]!);
    }
    const div = schemeColours('puor', 7);
    expect(div).toHaveLength(7);
    expect(div[3]).toBe('#f7f7f7');
  });
});
