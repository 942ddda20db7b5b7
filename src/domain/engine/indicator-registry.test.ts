import { describe, expect, it } from 'vitest';
import { EXTRA_MAPS, NINE_MAPS } from '../maps/map-definitions.js';
import { DEFAULT_COMPONENTS } from './engine-config.js';
import { INDICATOR_REGISTRY } from './indicator-registry.js';

/** Titles that name different things: every indicator, index component and map has its own. */
function duplicates(titles: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const t of titles) seen.set(t.toLowerCase(), (seen.get(t.toLowerCase()) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([t]) => t);
}

describe('labels', () => {
  it('every indicator has one Dutch and one English title, and no two indicators share one', () => {
    const ids = INDICATOR_REGISTRY.map((d) => d.id);
    expect(duplicates(ids)).toEqual([]);
    expect(duplicates(INDICATOR_REGISTRY.map((d) => d.titleNl))).toEqual([]);
    expect(duplicates(INDICATOR_REGISTRY.map((d) => d.titleEn))).toEqual([]);
  });

  it('the published and the computed rates are told apart', () => {
    const title = (id: string) => INDICATOR_REGISTRY.find((d) => d.id === id)!.titleNl;
    expect(title('wmo_clients_per_1000')).toBe('Wmo-cliënten per 1.000 inwoners (gepubliceerd, afgerond)');
    expect(title('wmo_per_1000')).toBe('Wmo-cliënten per 1.000 inwoners');
    expect(title('police_crimes_per_1000')).toContain('(gepubliceerd, laatste 12 maanden)');
    expect(title('police_crime_rate')).toContain('(per kalenderjaar, berekend)');
  });

  it('maps and index components have titles of their own', () => {
    const maps = [...NINE_MAPS, ...EXTRA_MAPS];
    expect(duplicates(maps.map((m) => m.titleNl))).toEqual([]);
    expect(duplicates(maps.map((m) => m.titleEn))).toEqual([]);
    expect(duplicates(DEFAULT_COMPONENTS.map((c) => c.titleNl))).toEqual([]);
  });
});
