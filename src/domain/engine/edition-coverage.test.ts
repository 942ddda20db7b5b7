import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from './buurt-table.js';
import { gemeentenPerEdition } from './edition-coverage.js';
import { engineValue } from './engine-value.fixture.js';
import { createEngine } from './veerkracht-engine.js';

describe('gemeentenPerEdition(table)', () => {
  it('counts the gemeenten with a cell of each edition, a suppressed cell included', () => {
    const buurten: BuurtInfo[] = ['GM0001', 'GM0002', 'GM0003'].flatMap((gemeente, g) =>
      [0, 1].map((b) => ({ code: `BU000${g + 1}000${b}`, name: 'b', gemeente })),
    );
    const values: EngineValueInput[] = [];
    const cell = (areaCode: string, edition: string, value: number | null) =>
      values.push(
        engineValue(areaCode, 'inhabitants', 2020, value, {
          flags: value === null ? 1 : 0,
          edition,
          sourceColumn: 'a_inw',
        }),
      );
    // a national edition for GM0001 and GM0002 (one of GM0002's cells suppressed), one of GM0003 alone
    cell('BU00010000', 'KWB landelijk', 100);
    cell('BU00010001', 'KWB landelijk', 200);
    cell('BU00020000', 'KWB landelijk', null);
    cell('BU00030001', 'KWB Heerlen', 300);
    const reach = gemeentenPerEdition(createEngine(buurten, values).table);
    expect(reach.get('KWB landelijk')).toBe(2);
    expect(reach.get('KWB Heerlen')).toBe(1);
    expect(reach.get('KWB elders')).toBeUndefined();
  });
});
