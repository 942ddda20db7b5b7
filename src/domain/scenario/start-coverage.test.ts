import { describe, expect, it } from 'vitest';
import { noStartText, startCoverage } from './start-coverage.js';
import type { StartValues } from './start-values.js';

const excluded = (missing: StartValues['excluded'][number]['missing'][]): StartValues => ({
  buurten: [],
  sources: [],
  excluded: missing.map((m, i) => ({
    code: `BU000100${i}`,
    name: `Buurt ${i}`,
    gemeente: 'GM0001',
    missing: m,
  })),
});

describe('startCoverage', () => {
  it('counts per starting value the buurten that have it, of all buurten sought', () => {
    const start = excluded([['corpShare'], ['corpShare', 'concentration'], ['dwellings']]);
    expect(startCoverage(start, 3).map((c) => [c.field, c.buurten])).toEqual([
      ['dwellings', 2],
      ['corpShare', 1],
      ['concentration', 2],
    ]);
    expect(startCoverage(start, 3).find((c) => c.field === 'concentration')!.indicators).toEqual([
      'low_income_households_share',
      'persons_in_poverty_share',
    ]);
  });
});

describe('noStartText', () => {
  it('names the area, every count of the total and how to load KWB, in Dutch and English', () => {
    const start = excluded([['corpShare'], ['corpShare'], ['corpShare', 'dwellings']]);
    const text = noStartText('Arnhem', 3, startCoverage(start, 3));
    expect(text.nl).toBe(
      'Voor Arnhem kan geen scenario worden doorgerekend: het model begint per buurt bij het aantal woningen, het aandeel corporatiebezit en het aandeel huishoudens met een laag inkomen, en geen van de 3 buurten heeft ze alle drie (buurten met een waarde — woningen: 2 van 3; aandeel corporatiebezit: 0 van 3; aandeel huishoudens met een laag inkomen (of personen in armoede): 3 van 3). Deze gegevens komen uit de CBS Kerncijfers wijken en buurten; laad ze met `veerkracht fetch --sources kwb`, of importeer een KWB-bestand met `veerkracht import <bestand>`.',
    );
    expect(text.en).toContain('none of its 3 buurten has all three');
    expect(text.en).toContain('dwellings: 2 of 3; corporation share: 0 of 3');
  });

  it('says of a one-buurt area that its buurt lacks one, not that it has all three', () => {
    const text = noStartText('Vlieland', 1, startCoverage(excluded([['concentration']]), 1));
    expect(text.nl).toContain('de enige buurt heeft ze niet alle drie');
    expect(text.en).toContain('its one buurt does not have all three');
  });
});
