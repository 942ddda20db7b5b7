/**
 * The one alias table of the CBS Kerncijfers Wijken en Buurten (KWB): every name under which a
 * KWB variable appears — StatLine title (also joined by `_`, with or without units), OData v3
 * key stem (key minus its edition-specific numeric suffix), Excel/CSV mnemonic, and the column
 * names of the derived files in ../shared/data — mapped to a stable indicator id of
 * src/domain/indicator-catalogue.ts, plus the columns that identify an area.
 *
 * Resolution order for one header: mnemonic (exact), title alias (the normalised header equals
 * the alias or ends with it on a word boundary; the longest alias wins), key stem. OData
 * columns are resolved by their DataProperties title first; the numeric suffix is never used.
 * See docs/data-sources.md ("CBS KWB: alias rules").
 */

import { normaliseTitle } from '../../column-title.js';

/** What a column holds when it identifies an area rather than a value. */
export type KwbMetaRole = 'code' | 'name' | 'gemeenteName' | 'level';

export interface KwbAlias {
  indicator: string;
  /** StatLine titles (any case/accents/separators; units in parentheses are ignored). */
  titles: readonly string[];
  /** OData v3 key stems (key without `_NN`). */
  keyStems: readonly string[];
  /** Excel/CSV mnemonics and other exact column names (case-insensitive). */
  mnemonics: readonly string[];
}

const a = (indicator: string, titles: string[], keyStems: string[], mnemonics: string[]): KwbAlias => ({
  indicator,
  titles,
  keyStems,
  mnemonics,
});

/**
 * Units: KWB percentages stay percent (0–100), counts stay counts, rates per 1,000 stay per
 * 1,000. The 2024+ poverty measure has its own ids; it is never "low income".
 */
export const KWB_ALIASES: readonly KwbAlias[] = [
  a(
    'inhabitants',
    ['Aantal inwoners'],
    ['AantalInwoners'],
    ['a_inw', 'kwb_inwoners', 'Population_Total', 'aantal_inwoners'],
  ),
  a(
    'inhabitants_0_14',
    ['Leeftijdsgroepen/0 tot 15 jaar', '0 tot 15 jaar'],
    ['k_0Tot15Jaar'],
    ['a_00_14', 'kwb_inwoners0tot15', 'Pop_Age_0_15'],
  ),
  a(
    'inhabitants_15_24',
    ['Leeftijdsgroepen/15 tot 25 jaar', '15 tot 25 jaar'],
    ['k_15Tot25Jaar'],
    ['a_15_24', 'Pop_Age_15_25'],
  ),
  a(
    'inhabitants_25_44',
    ['Leeftijdsgroepen/25 tot 45 jaar', '25 tot 45 jaar'],
    ['k_25Tot45Jaar'],
    ['a_25_44', 'Pop_Age_25_45'],
  ),
  a(
    'inhabitants_45_64',
    ['Leeftijdsgroepen/45 tot 65 jaar', '45 tot 65 jaar'],
    ['k_45Tot65Jaar'],
    ['a_45_64', 'Pop_Age_45_65'],
  ),
  a(
    'inhabitants_65_plus',
    ['Leeftijdsgroepen/65 jaar of ouder', '65 jaar of ouder'],
    ['k_65JaarOfOuder'],
    ['a_65_oo', 'kwb_inwoners65plus', 'Pop_Age_65_Plus'],
  ),
  a(
    'households',
    ['Particuliere huishoudens/Huishoudens totaal', 'Huishoudens totaal'],
    ['HuishoudensTotaal'],
    ['a_hh', 'kwb_huishoudens'],
  ),
  a(
    'household_size',
    ['Gemiddelde huishoudensgrootte'],
    ['GemiddeldeHuishoudensgrootte'],
    ['g_hhgro', 'kwb_huishoudensgrootte', 'Avg_Household_Size'],
  ),
  a('population_density', ['Bevolkingsdichtheid'], ['Bevolkingsdichtheid'], ['bev_dich', 'kwb_dichtheid']),
  a('dwellings', ['Woningvoorraad'], ['Woningvoorraad'], ['a_woning']),
  a(
    'address_density',
    ['Omgevingsadressendichtheid'],
    ['Omgevingsadressendichtheid'],
    ['ste_oad', 'kwb_adressendichtheid'],
  ),
  a(
    'woz_value',
    ['Gemiddelde woningwaarde', 'Gemiddelde WOZ-waarde woningen', 'Gemiddelde WOZ-waarde van woningen'],
    ['GemiddeldeWoningwaarde', 'GemiddeldeWOZWaardeVanWoningen'],
    ['g_woz', 'g_wozbag', 'kwb_wozWaarde', 'Avg_Property_Value_1000EUR'],
  ),
  a(
    'owner_occupied_share',
    ['Woningen naar eigendom/Koopwoningen', 'Koopwoningen'],
    ['Koopwoningen'],
    ['p_koopw', 'kwb_koopwoningen', 'Pct_Owner_Occupied'],
  ),
  a(
    'rental_share',
    ['Huurwoningen/Huurwoningen totaal', 'Huurwoningen totaal'],
    ['HuurwoningenTotaal'],
    ['p_huurw', 'Pct_Rental'],
  ),
  a(
    'corporation_share',
    ['Huurwoningen/In bezit woningcorporatie', 'In bezit woningcorporatie'],
    ['InBezitWoningcorporatie'],
    ['p_wcorpw'],
  ),
  a(
    'other_landlord_share',
    ['Huurwoningen/In bezit overige verhuurders', 'In bezit overige verhuurders'],
    ['InBezitOverigeVerhuurders'],
    ['p_ov_hw'],
  ),
  a(
    'avg_income_per_inhabitant',
    ['Gemiddeld inkomen per inwoner'],
    ['GemiddeldInkomenPerInwoner'],
    ['g_ink_pi', 'kwb_inkomenPerInwoner', 'Avg_Income_Per_Inhabitant_1000EUR'],
  ),
  a(
    'low_income_households_share',
    ['Huishoudens met een laag inkomen'],
    ['HuishoudensMetEenLaagInkomen'],
    ['p_hh_lkk', 'Pct_Low_Income_Households'],
  ),
  a(
    'social_minimum_households_share',
    ['Huish. onder of rond sociaal minimum', 'Huishoudens onder of rond sociaal minimum'],
    ['HuishOnderOfRondSociaalMinimum', 'HuishoudensOnderOfRondSociaalMinimum'],
    ['p_hh_osm'],
  ),
  a(
    'social_minimum_110_households_share',
    ['Huishoudens tot 110% van sociaal minimum'],
    ['HuishoudensTot110VanSociaalMinimum'],
    ['p_hh_110'],
  ),
  a(
    'social_minimum_120_households_share',
    ['Huishoudens tot 120% van sociaal minimum'],
    ['HuishoudensTot120VanSociaalMinimum'],
    ['p_hh_120', 'Pct_Below_120Pct_Social_Min'],
  ),
  a(
    'lowest_40_income_households_share',
    ['40% huishoudens met laagste inkomen'],
    ['k_40HuishoudensMetLaagsteInkomen'],
    ['p_hh_li', 'Pct_Lowest_40Pct_Income'],
  ),
  a('persons_in_poverty_share', ['Personen in armoede'], ['PersonenInArmoede'], ['p_ink_ar']),
  a(
    'persons_near_poverty_share',
    ['Personen tot 25% boven armoedegrens', 'Tot 25% boven armoedegrens'],
    ['PersonenTot25BovenArmoedegrens', 'Tot25BovenArmoedegrens'],
    [],
  ),
  a(
    'social_assistance_persons',
    ['Personen per soort uitkering/Bijstand'],
    ['PersonenPerSoortUitkeringBijstand'],
    ['a_soz_wb'],
  ),
  a(
    'disability_benefit_persons',
    ['Personen per soort uitkering/AO'],
    ['PersonenPerSoortUitkeringAO'],
    ['a_soz_ao'],
  ),
  a(
    'unemployment_benefit_persons',
    ['Personen per soort uitkering/WW'],
    ['PersonenPerSoortUitkeringWW'],
    ['a_soz_ww'],
  ),
  a('aow_persons', ['Personen per soort uitkering/AOW'], ['PersonenPerSoortUitkeringAOW'], ['a_soz_ow']),
  a('wmo_clients', ['Wmo-cliënten'], ['WmoClienten'], ['a_wmo_t']),
  a('wmo_clients_per_1000', ['Wmo-cliënten relatief'], ['WmoClientenRelatief'], ['p_wmo_t']),
  a(
    'youth_care_share',
    ['Percentage jongeren met jeugdzorg'],
    ['PercentageJongerenMetJeugdzorg'],
    ['p_jz_tn'],
  ),
  a(
    'crime_burglary_per_1000',
    ['Totaal diefstal uit woning, schuur ed.'],
    ['TotaalDiefstalUitWoningSchuurED'],
    ['g_wodief'],
  ),
  a(
    'crime_vandalism_per_1000',
    ['Vernieling,misdrijf tegen openbare orde', 'Vernieling, misdrijf tegen openbare orde'],
    ['VernielingMisdrijfTegenOpenbareOrde'],
    ['g_vernoo'],
  ),
  a(
    'crime_violence_per_1000',
    ['Gewelds- en seksuele misdrijven'],
    ['GeweldsEnSeksueleMisdrijven'],
    ['g_gewsek'],
  ),
];

/** Columns that identify the area of a row (never imported as values). */
export const KWB_META_ALIASES: Readonly<
  Record<KwbMetaRole, { titles: string[]; keyStems: string[]; mnemonics: string[] }>
> = {
  code: {
    titles: ['Regioaanduiding/Codering', 'Codering'],
    keyStems: ['WijkenEnBuurten', 'Codering'],
    mnemonics: ['gwb_code_10', 'gwb_code', 'gwb_code_8', 'code', 'Area_Code', 'gwb_code10'],
  },
  name: {
    // exact names only: 'Regioaanduiding_Indelingswijziging_wijken_en_buurten' must not match
    titles: [],
    keyStems: [],
    mnemonics: ['regio', 'naam', 'District_Type', 'Wijk_Buurt', 'Wijk/Buurt', 'Wijken en buurten', "Regio's"],
  },
  gemeenteName: {
    titles: ['Regioaanduiding/Gemeentenaam', 'Gemeentenaam'],
    keyStems: ['Gemeentenaam'],
    mnemonics: ['gm_naam', 'Municipality_Name'],
  },
  level: {
    titles: ['Regioaanduiding/Soort regio', 'Soort regio'],
    keyStems: ['SoortRegio'],
    mnemonics: ['recs', 'niveau'],
  },
};

/** The one normalisation of titles (column-title.ts), re-exported for the KWB modules. */
export { normaliseTitle };

/** The OData key without its edition-specific numeric suffix: `InBezitWoningcorporatie_49` → `InBezitWoningcorporatie`. */
export function keyStem(key: string): string {
  return key.trim().replace(/_\d+$/, '');
}

export type KwbColumn = { kind: 'indicator'; indicator: string } | { kind: 'meta'; role: KwbMetaRole };

interface TitleEntry {
  alias: string;
  column: KwbColumn;
}

const MNEMONICS = new Map<string, KwbColumn>();
/** The mnemonics and exact names again by normalised title (`Wijken.en.buurten` as R writes it). */
const MNEMONIC_TITLES = new Map<string, KwbColumn>();
const STEMS = new Map<string, KwbColumn>();
const TITLES: TitleEntry[] = [];

function register(
  column: KwbColumn,
  titles: readonly string[],
  stems: readonly string[],
  mnemonics: readonly string[],
): void {
  for (const m of mnemonics) {
    MNEMONICS.set(m.toLowerCase(), column);
    MNEMONIC_TITLES.set(normaliseTitle(m), column);
  }
  for (const s of stems) STEMS.set(s.toLowerCase(), column);
  for (const t of titles) TITLES.push({ alias: normaliseTitle(t), column });
}
for (const al of KWB_ALIASES)
  register({ kind: 'indicator', indicator: al.indicator }, al.titles, al.keyStems, al.mnemonics);
for (const [role, m] of Object.entries(KWB_META_ALIASES))
  register({ kind: 'meta', role: role as KwbMetaRole }, m.titles, m.keyStems, m.mnemonics);
TITLES.sort((x, y) => y.alias.length - x.alias.length);

/** Resolves a (normalised) title by alias: equal, or ending with the alias on a word boundary; longest alias wins. */
export function findByTitle(title: string): KwbColumn | undefined {
  const t = normaliseTitle(title);
  if (t === '') return undefined;
  for (const e of TITLES) if (t === e.alias || t.endsWith(` ${e.alias}`)) return e.column;
  return undefined;
}

/** Resolves an OData key by its stem (case-insensitive), ignoring the numeric suffix. */
export function findByKeyStem(key: string): KwbColumn | undefined {
  return STEMS.get(keyStem(key).toLowerCase());
}

/** Resolves an Excel/CSV mnemonic or other exact column name (case-insensitive). */
export function findByMnemonic(name: string): KwbColumn | undefined {
  const exact = name.replace(/[\uFEFF"]/g, '').trim();
  return MNEMONICS.get(exact.toLowerCase()) ?? MNEMONIC_TITLES.get(normaliseTitle(exact));
}

/**
 * Resolves any header of a KWB table (CSV, XLSX): mnemonic, then title, then key stem.
 * Returns undefined for columns Veerkracht does not import.
 */
export function resolveKwbHeader(header: string): KwbColumn | undefined {
  return findByMnemonic(header) ?? findByTitle(header) ?? findByKeyStem(header);
}

/**
 * Resolves an OData column by its DataProperties title (the full path of group titles joined
 * with `/` when known), falling back to the key stem; never by the numeric suffix.
 */
export function resolveODataColumn(key: string, title: string | undefined): KwbColumn | undefined {
  return (title !== undefined ? findByTitle(title) : undefined) ?? findByKeyStem(key);
}

/** Indicator ids the alias table can produce. */
export function kwbIndicatorIds(): string[] {
  return KWB_ALIASES.map((x) => x.indicator);
}
