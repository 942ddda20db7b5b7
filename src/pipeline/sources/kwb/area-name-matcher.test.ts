import { describe, expect, it } from 'vitest';
import { AreaNameIndex, matchRowsByName, normaliseAreaName } from './area-name-matcher.js';

const KNOWN = [
  { code: 'GM0917', name: 'Heerlen', level: 'gemeente' },
  { code: 'WK091710', name: 'Wijk 10 Maria Gewanden en Terschuren', level: 'wijk' },
  { code: 'WK091741', name: 'Wijk 41 Heerlerbaan-Schil', level: 'wijk' },
  { code: 'WK091742', name: 'Wijk 42 De Beitel', level: 'wijk' },
  { code: 'BU09171000', name: 'Maria Gewanden', level: 'buurt' },
  { code: 'BU09172003', name: 'Versiliënbosch', level: 'buurt' },
  { code: 'BU09174200', name: 'Beitel', level: 'buurt' },
  { code: 'BU09171099', name: 'Kerkbuurt', level: 'buurt' },
  { code: 'BU09174199', name: 'Kerkbuurt', level: 'buurt' },
];

describe('normaliseAreaName(raw)', () => {
  it('ignores case, accents, hyphens, dots and spacing', () => {
    expect(normaliseAreaName('  Nieuw-Einde ')).toBe(normaliseAreaName('nieuw einde'));
    expect(normaliseAreaName('Versiliënbosch')).toBe('versilienbosch');
    expect(normaliseAreaName('Dr. Nolensplein')).toBe('dr nolensplein');
  });
});

describe('AreaNameIndex.match(name, inWijk)', () => {
  const index = new AreaNameIndex('GM0917', KNOWN);

  it('matches buurten by normalised name', () => {
    expect(index.match('VERSILIENBOSCH', undefined).match).toEqual({ code: 'BU09172003', level: 'buurt' });
  });

  it('matches wijk rows by full name, by name without the number, then by number', () => {
    expect(index.match('Wijk 10 Maria Gewanden en Terschuren', undefined).match?.code).toBe('WK091710');
    expect(index.match('Wijk 10 Iets anders', undefined).match?.code).toBe('WK091710');
    const conflict = index.match('Wijk 41 De Beitel', undefined);
    expect(conflict.match?.code).toBe('WK091742');
    expect(conflict.note).toContain('not to WK091741');
    expect(index.match('Wijk 77 Onbekend', undefined)).toEqual({});
  });

  it('takes a wijk number as known when one of its buurten is known (buurt-only name sources)', () => {
    const buurtenOnly = new AreaNameIndex('GM0917', [
      { code: 'BU09173300', name: 'Heerlen-Centrum', level: 'buurt' },
    ]);
    expect(buurtenOnly.match('Wijk 33 Heerlen-Centrum', undefined).match?.code).toBe('WK091733');
    expect(buurtenOnly.match('Wijk 34 Eikenderveld', undefined)).toEqual({});
  });

  it('prefers the buurt when a wijk has the same name (wijk names without "Wijk NN")', () => {
    const same = new AreaNameIndex('GM0917', [
      { code: 'WK091722', name: 'Heksenberg', level: 'wijk' },
      { code: 'BU09172200', name: 'Heksenberg', level: 'buurt' },
    ]);
    expect(same.match('Heksenberg', 'WK091722').match?.code).toBe('BU09172200');
    expect(same.match('Wijk 22 Heksenberg', undefined).match?.code).toBe('WK091722');
  });

  it('uses the preceding wijk to choose between buurten of the same name, else reports the ambiguity', () => {
    expect(index.match('Kerkbuurt', 'WK091741').match?.code).toBe('BU09174199');
    expect(index.match('Kerkbuurt', undefined).note).toContain('BU09171099, BU09174199');
  });
});

describe('matchRowsByName(rows, ctx, file)', () => {
  const ctx = {
    findGemeenteByName: async (n: string) => (n.toLowerCase() === 'heerlen' ? ['GM0917'] : []),
    listAreaNames: async (gm: string) => (gm === 'GM0917' ? KNOWN : []),
  };
  const rows = ['Heerlen', 'Wijk 10 Maria Gewanden en Terschuren', 'Maria Gewanden', 'Nergensbuurt'].map(
    (name, index) => ({ index, name, line: index + 2 }),
  );

  it('matches the gemeente on the first row and warns about rows that match nothing', async () => {
    const { matches, warnings } = await matchRowsByName(rows, ctx, 'x.csv');
    expect([...matches.values()].map((m) => m.code)).toEqual(['GM0917', 'WK091710', 'BU09171000']);
    expect(warnings).toEqual([
      {
        code: 'AREA_UNMATCHED',
        message: "'Nergensbuurt' (line 5) matches no known area of GM0917; row skipped",
        file: 'x.csv',
        row: 4,
      },
    ]);
  });

  it('refuses with AREA_UNMATCHED, saying what to import first, when the gemeente is unknown', async () => {
    const e = await matchRowsByName([{ index: 0, name: 'Kerkrade', line: 2 }], ctx, 'x.csv').catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'AREA_UNMATCHED' });
    expect((e as Error).message).toMatch(/KWB 2024 subset/);
  });
});
