import { describe, expect, it } from 'vitest';
import { findCatalogueEntry } from '../../../domain/indicator-catalogue.js';
import {
  KWB_ALIASES,
  keyStem,
  normaliseTitle,
  resolveKwbHeader,
  resolveODataColumn,
} from './column-aliases.js';

const indicatorOf = (header: string): string | undefined => {
  const c = resolveKwbHeader(header);
  return c?.kind === 'indicator' ? c.indicator : undefined;
};
const odataIndicatorOf = (key: string, title?: string): string | undefined => {
  const c = resolveODataColumn(key, title);
  return c?.kind === 'indicator' ? c.indicator : undefined;
};

/** The key variables in every layout: StatLine title, `_`-joined export, OData key (title and stem), mnemonic. */
const KEY_VARIABLES: Record<
  string,
  { title: string; exported: string; key: string; odataTitle: string; mnemonic: string }
> = {
  corporation_share: {
    title: 'Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie (%)',
    exported: 'Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie',
    key: 'InBezitWoningcorporatie_49',
    odataTitle: 'Wonen/Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie',
    mnemonic: 'p_wcorpw',
  },
  low_income_households_share: {
    title: 'Inkomen van huishoudens/Huishoudens met een laag inkomen (%)',
    exported: 'Inkomen_Inkomen_van_huishoudens_Huishoudens_met_een_laag_inkomen',
    key: 'HuishoudensMetEenLaagInkomen_72',
    odataTitle: 'Inkomen/Inkomen van huishoudens/Huishoudens met een laag inkomen',
    mnemonic: 'p_hh_lkk',
  },
  social_minimum_households_share: {
    title: 'Huish. onder of rond sociaal minimum (%)',
    exported: 'Inkomen_Inkomen_van_huishoudens_Huish_onder_of_rond_sociaal_minimum',
    key: 'HuishOnderOfRondSociaalMinimum_73',
    odataTitle: 'Inkomen/Inkomen van huishoudens/Huish. onder of rond sociaal minimum',
    mnemonic: 'p_hh_osm',
  },
  social_assistance_persons: {
    title: 'Sociale zekerheid/Personen per soort uitkering/Bijstand (aantal)',
    exported: 'Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand',
    key: 'PersonenPerSoortUitkeringBijstand_74',
    odataTitle: 'Sociale zekerheid/Personen per soort uitkering/Bijstand',
    mnemonic: 'a_soz_wb',
  },
  disability_benefit_persons: {
    title: 'Personen per soort uitkering/AO (aantal)',
    exported: 'Sociale_zekerheid_Personen_per_soort_uitkering_AO',
    key: 'PersonenPerSoortUitkeringAO_75',
    odataTitle: 'Sociale zekerheid/Personen per soort uitkering/AO',
    mnemonic: 'a_soz_ao',
  },
  wmo_clients: {
    title: 'Zorg/Wmo-cliënten (aantal)',
    exported: 'Zorg_Wmo_cliënten_',
    key: 'WmoClienten_80',
    odataTitle: 'Zorg/Wmo-cliënten',
    mnemonic: 'a_wmo_t',
  },
  inhabitants: {
    title: 'Bevolking/Aantal inwoners (aantal)',
    exported: 'Bevolking_Aantal_inwoners',
    key: 'AantalInwoners_5',
    odataTitle: 'Bevolking/Aantal inwoners',
    mnemonic: 'a_inw',
  },
  households: {
    title: 'Bevolking/Particuliere huishoudens/Huishoudens totaal (aantal)',
    exported: 'Bevolking_Particuliere_huishoudens_Huishoudens_totaal',
    key: 'HuishoudensTotaal_28',
    odataTitle: 'Bevolking/Particuliere huishoudens/Huishoudens totaal',
    mnemonic: 'a_hh',
  },
  dwellings: {
    title: 'Wonen/Woningvoorraad (aantal)',
    exported: 'Wonen_Woningvoorraad',
    key: 'Woningvoorraad_34',
    odataTitle: 'Wonen/Woningvoorraad',
    mnemonic: 'a_woning',
  },
};

describe('normaliseTitle(raw)', () => {
  it('ignores case, accents, separators and units', () => {
    expect(normaliseTitle('Huurwoningen/In bezit woningcorporatie (%)')).toBe(
      'huurwoningen in bezit woningcorporatie',
    );
    expect(normaliseTitle('Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie')).toBe(
      'wonen woningen naar eigendom huurwoningen in bezit woningcorporatie',
    );
    expect(normaliseTitle('Zorg_Wmo_cliënten_')).toBe('zorg wmo clienten');
    expect(normaliseTitle('Gemiddeld inkomen per inwoner (x 1 000 euro)')).toBe(
      'gemiddeld inkomen per inwoner',
    );
    expect(normaliseTitle('Huishoudens tot 110% van sociaal minimum (%)')).toBe(
      'huishoudens tot 110 van sociaal minimum',
    );
  });
});

describe('keyStem(key)', () => {
  it('drops only the numeric suffix', () => {
    expect(keyStem('InBezitWoningcorporatie_49')).toBe('InBezitWoningcorporatie');
    expect(keyStem('k_0Tot15Jaar_8')).toBe('k_0Tot15Jaar');
  });
});

describe('KWB alias table', () => {
  it('maps only to ids of the indicator catalogue', () => {
    for (const al of KWB_ALIASES) expect(findCatalogueEntry(al.indicator), al.indicator).toBeDefined();
  });

  for (const [indicator, v] of Object.entries(KEY_VARIABLES)) {
    it(`maps ${indicator} in every layout`, () => {
      expect(indicatorOf(v.title)).toBe(indicator);
      expect(indicatorOf(v.exported)).toBe(indicator);
      expect(indicatorOf(v.mnemonic)).toBe(indicator);
      expect(indicatorOf(v.mnemonic.toUpperCase())).toBe(indicator);
      expect(odataIndicatorOf(v.key, v.odataTitle)).toBe(indicator);
      expect(odataIndicatorOf(v.key)).toBe(indicator);
    });
  }

  it('resolves OData columns by title and stem, whatever the suffix', () => {
    expect(odataIndicatorOf('InBezitWoningcorporatie_42')).toBe('corporation_share');
    expect(odataIndicatorOf('InBezitWoningcorporatie_49')).toBe('corporation_share');
    // an unknown stem with a known title: the title decides
    expect(
      odataIndicatorOf('HuurwoningenInBezitCorporaties_49', 'Huurwoningen/In bezit woningcorporatie'),
    ).toBe('corporation_share');
    // the title wins over a stem that would say otherwise
    expect(
      odataIndicatorOf(
        'Koopwoningen_40',
        'Wonen/Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie',
      ),
    ).toBe('corporation_share');
  });

  it('keeps the 2024 poverty measure apart from low income', () => {
    expect(indicatorOf('Personen in armoede (%)')).toBe('persons_in_poverty_share');
    expect(indicatorOf('Inkomen_Armoede_Personen_tot_25proc_boven_armoedegrens')).toBe(
      'persons_near_poverty_share',
    );
    expect(indicatorOf('p_ink_ar')).toBe('persons_in_poverty_share');
    expect(odataIndicatorOf('PersonenInArmoede_81', 'Personen in armoede')).toBe('persons_in_poverty_share');
  });

  it('maps the KWB ≤2018 crime columns to rates per 1,000', () => {
    expect(indicatorOf('Criminaliteit_Totaal_diefstal_uit_woning_schuur_ed')).toBe('crime_burglary_per_1000');
    expect(indicatorOf('Criminaliteit_Vernieling_misdrijf_tegen_openbare_orde')).toBe(
      'crime_vandalism_per_1000',
    );
    expect(indicatorOf('Criminaliteit_Gewelds__en_seksuele_misdrijven')).toBe('crime_violence_per_1000');
    expect(indicatorOf('Criminaliteit/Totaal diefstal uit woning, schuur ed. (per 1 000 inwoners)')).toBe(
      'crime_burglary_per_1000',
    );
    expect(odataIndicatorOf('GeweldsEnSeksueleMisdrijven_80')).toBe('crime_violence_per_1000');
  });

  it('tells counts and rates apart (Wmo absolute vs relative, AO vs AOW)', () => {
    expect(indicatorOf('Zorg_Wmo_cliënten_relatief_')).toBe('wmo_clients_per_1000');
    expect(indicatorOf('Sociale_zekerheid_Personen_per_soort_uitkering_AOW')).toBe('aow_persons');
    expect(indicatorOf('Inkomen_Inkomen_van_personen_40proc_personen_met_laagste_inkomen')).toBeUndefined();
    expect(indicatorOf('Inkomen_Inkomen_van_huishoudens_40proc_huishoudens_met_laagste_inkomen')).toBe(
      'lowest_40_income_households_share',
    );
  });

  it('recognises the area columns and nothing else as meta', () => {
    expect(resolveKwbHeader('gwb_code_10')).toEqual({ kind: 'meta', role: 'code' });
    expect(resolveKwbHeader('Regioaanduiding/Codering (code)')).toEqual({ kind: 'meta', role: 'code' });
    expect(resolveKwbHeader('Wijk_Buurt')).toEqual({ kind: 'meta', role: 'name' });
    expect(resolveKwbHeader('recs')).toEqual({ kind: 'meta', role: 'level' });
    expect(resolveKwbHeader('Regioaanduiding_Indelingswijziging_wijken_en_buurten')).toBeUndefined();
    expect(
      resolveKwbHeader('Energie_Gemiddeld_elektriciteitsverbruik_Naar_eigendom_Huurwoning'),
    ).toBeUndefined();
  });

  it('maps the derived files’ column names (KWB 2024 subset, Amsterdam selection)', () => {
    expect(indicatorOf('kwb_inwoners')).toBe('inhabitants');
    expect(indicatorOf('kwb_huishoudens')).toBe('households');
    expect(indicatorOf('kwb_koopwoningen')).toBe('owner_occupied_share');
    expect(indicatorOf('Pct_Low_Income_Households')).toBe('low_income_households_share');
    expect(indicatorOf('Population_Total')).toBe('inhabitants');
  });
});
