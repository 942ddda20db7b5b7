import { describe, expect, it } from 'vitest';
import { findHeader, isUnitText, normaliseTitle } from './column-title.js';

describe('normaliseTitle(raw): one form for a title, whatever tool wrote it', () => {
  const variants: [string, string[]][] = [
    [
      'regioaanduiding codering',
      [
        'Regioaanduiding/Codering (code)',
        'Regioaanduiding.Codering..code.',
        'Regioaanduiding_Codering',
        ' "Regioaanduiding | Codering" ',
      ],
    ],
    [
      '40 huishoudens met laagste inkomen',
      [
        '40% huishoudens met laagste inkomen (%)',
        'X40..huishoudens.met.laagste.inkomen',
        '40proc_huishoudens_met_laagste_inkomen',
        '40 % huishoudens met laagste inkomen [%]',
      ],
    ],
    [
      'bevolkingsdichtheid',
      [
        'Bevolkingsdichtheid (aantal inwoners per km²)',
        'Bevolkingsdichtheid..aantal.inwoners.per.km..',
        'BEVOLKINGSDICHTHEID',
      ],
    ],
    [
      'gemiddelde woz waarde van woningen',
      [
        'Gemiddelde WOZ-waarde van woningen (x 1 000 euro)',
        'Gemiddelde.WOZ.waarde.van.woningen..x.1.000.euro.',
      ],
    ],
    ['wijk buurt', ['"Wijk_Buurt\uFEFF"', '\uFEFFWijk/Buurt', 'Wijk.Buurt']],
    [
      'wmo clienten relatief',
      [
        'Zorg_Wmo_cliënten_relatief_'.slice(5),
        'Wmo-cliënten relatief (per 1 000 inwoners)',
        'Wmo.cliënten.relatief..per.1.000.inwoners.',
      ],
    ],
    ['personen in armoede', ['Personen in armoede (2023)', 'Personen in armoede (%)']],
  ];
  for (const [want, raws] of variants) {
    it(`reads ${raws.length} spellings as '${want}'`, () => {
      for (const raw of raws) expect(normaliseTitle(raw), raw).toBe(want);
    });
  }

  it('keeps brackets that are part of a name, and does not drop words that only look like units elsewhere', () => {
    expect(normaliseTitle('Bergen (NH.)')).toBe('bergen nh');
    expect(normaliseTitle('Huish..onder.of.rond.sociaal.minimum....')).toBe(
      'huish onder of rond sociaal minimum',
    );
    expect(normaliseTitle('gm_naam')).not.toBe(normaliseTitle('gm_code'));
    expect(normaliseTitle('Aantal inwoners')).toBe('aantal inwoners');
  });
});

describe('isUnitText(raw)', () => {
  it('knows the units CBS prints', () => {
    for (const u of [
      '%',
      'aantal',
      'x 1 000 euro',
      'per 1 000 inwoners',
      'aantal inwoners per km²',
      'km²',
      'ha',
      'code',
    ])
      expect(isUnitText(u), u).toBe(true);
    expect(isUnitText('NH.')).toBe(false);
  });
});

describe('findHeader(header, name)', () => {
  it('finds a column by name in any spelling, or undefined', () => {
    const header = ['', ' "bu_code" ', 'JAAR', 'lbm'];
    expect(findHeader(header, 'bu_code')).toBe(1);
    expect(findHeader(header, 'jaar')).toBe(2);
    expect(findHeader(header, 'bu_naam')).toBeUndefined();
  });
});
