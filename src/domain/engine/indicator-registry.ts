/**
 * The indicator registry of the engine: every indicator a map or the index can use, with its
 * titles, unit, direction, formula over stored (catalogue) indicators, sources and the minimum
 * population for a reliable value. Stored indicators enter as `source` formulas; derived rates
 * are computed from numerator and denominator, not from the rounded published rate, when both
 * exist (docs/method.md, "Indicators").
 */
import { INDICATOR_CATALOGUE, type IndicatorUnit } from '../indicator-catalogue.js';

export type Direction = 'higher-is-better' | 'higher-is-worse' | 'neutral';

/** How an indicator is computed from stored indicators, per buurt and year. */
export type Formula =
  | { kind: 'source'; indicator: string }
  /** numerator / Σ denominator × per; the denominator may come from the nearest year within the tolerance (flagged estimated). */
  | {
      kind: 'rate';
      numerator: string;
      denominator: readonly string[];
      per: number;
      denominatorYearTolerance: number;
    }
  /** Σ of the indicators; missing when any is missing. */
  | { kind: 'sum'; indicators: readonly string[] }
  /** Per buurt and year, the first option that yields a value. */
  | { kind: 'first-available'; options: readonly Formula[] };

export interface IndicatorDefinition {
  id: string;
  titleNl: string;
  titleEn: string;
  unit: IndicatorUnit;
  direction: Direction;
  formula: Formula;
  /** Human-readable source references (tables, variables). */
  sources: readonly string[];
  /** Buurten with fewer inhabitants get no value (flag too-few-residents); null = no minimum. */
  minPopulation: number | null;
  definitionNl: string;
  definitionEn: string;
}

/** Minimum inhabitants for an engine-computed rate per 1,000 (below it one person moves the rate by > 5 ‰). */
export const RATE_MIN_POPULATION = 200;

const AGE_15_64 = ['inhabitants_15_24', 'inhabitants_25_44', 'inhabitants_45_64'] as const;

const DIRECTIONS: Record<string, Direction> = {
  corporation_share: 'neutral',
  low_income_households_share: 'higher-is-worse',
  social_minimum_households_share: 'higher-is-worse',
  persons_in_poverty_share: 'higher-is-worse',
  persons_near_poverty_share: 'higher-is-worse',
  lbm_total: 'higher-is-better',
  lbm_afw: 'higher-is-better',
  lbm_fys: 'higher-is-better',
  lbm_onv: 'higher-is-better',
  lbm_soc: 'higher-is-better',
  lbm_vrz: 'higher-is-better',
  lbm_won: 'higher-is-better',
  rivm_high_risk_anxiety_depression: 'higher-is-worse',
  rivm_difficulty_making_ends_meet: 'higher-is-worse',
  rivm_noise_neighbours: 'higher-is-worse',
  rivm_lonely: 'higher-is-worse',
  rivm_severely_lonely: 'higher-is-worse',
  police_crimes_per_1000: 'higher-is-worse',
};

const rate = (numerator: string, denominator: readonly string[], tolerance = 0): Formula => ({
  kind: 'rate',
  numerator,
  denominator,
  per: 1000,
  denominatorYearTolerance: tolerance,
});

/** Indicators the engine computes. */
export const DERIVED_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'social_assistance_per_1000_15_64',
    titleNl: 'Bijstand per 1.000 inwoners van 15–64 jaar',
    titleEn: 'Social assistance per 1,000 inhabitants aged 15–64',
    unit: 'per_1000',
    direction: 'higher-is-worse',
    formula: rate('social_assistance_persons', AGE_15_64),
    sources: ['CBS KWB a_soz_wb', 'CBS KWB a_15_24 + a_25_44 + a_45_64'],
    minPopulation: RATE_MIN_POPULATION,
    definitionNl:
      'Personen met bijstand per 1.000 inwoners van 15 tot 65 jaar. Bijstand geldt voor 18 jaar tot de AOW-leeftijd; 15–64 is de leeftijdsgroep die de KWB per buurt publiceert die daar het dichtst bij ligt.',
    definitionEn:
      'Persons on social assistance per 1,000 inhabitants aged 15 to 64. Assistance applies from 18 to the state pension age; 15–64 is the closest age band KWB publishes per buurt.',
  },
  {
    id: 'disability_benefit_per_1000_15_64',
    titleNl: 'Arbeidsongeschiktheidsuitkering per 1.000 inwoners van 15–64 jaar',
    titleEn: 'Disability benefit per 1,000 inhabitants aged 15–64',
    unit: 'per_1000',
    direction: 'higher-is-worse',
    formula: rate('disability_benefit_persons', AGE_15_64),
    sources: ['CBS KWB a_soz_ao', 'CBS KWB a_15_24 + a_25_44 + a_45_64'],
    minPopulation: RATE_MIN_POPULATION,
    definitionNl:
      'Personen met een AO-uitkering per 1.000 inwoners van 15 tot 65 jaar (de leeftijdsgroep met recht op AO).',
    definitionEn:
      'Persons on a disability benefit per 1,000 inhabitants aged 15 to 64 (the ages entitled to it).',
  },
  {
    id: 'wmo_per_1000',
    titleNl: 'Wmo-cliënten per 1.000 inwoners',
    titleEn: 'Wmo clients per 1,000 inhabitants',
    unit: 'per_1000',
    direction: 'higher-is-worse',
    formula: {
      kind: 'first-available',
      options: [rate('wmo_clients', ['inhabitants']), { kind: 'source', indicator: 'wmo_clients_per_1000' }],
    },
    sources: ['CBS KWB a_wmo_t / a_inw', 'CBS KWB p_wmo_t (when the count is not published)'],
    minPopulation: RATE_MIN_POPULATION,
    definitionNl:
      'Wmo-cliënten per 1.000 inwoners: berekend uit aantal en inwoners, anders het gepubliceerde (afgeronde) cijfer.',
    definitionEn:
      'Wmo clients per 1,000 inhabitants: computed from the count and inhabitants, else the published (rounded) rate.',
  },
  {
    id: 'police_crime_rate',
    titleNl: 'Geregistreerde misdrijven per 1.000 inwoners (per kalenderjaar, berekend)',
    titleEn: 'Registered crimes per 1,000 inhabitants (per calendar year, computed)',
    unit: 'per_1000',
    direction: 'higher-is-worse',
    formula: {
      kind: 'first-available',
      options: [
        rate('police_crimes', ['inhabitants'], 3),
        { kind: 'source', indicator: 'police_crimes_per_1000' },
      ],
    },
    sources: [
      'Politie/CBS 47022NED misdrijven',
      'CBS KWB a_inw (same year, else the nearest within 3 years, flagged estimated)',
    ],
    minPopulation: RATE_MIN_POPULATION,
    definitionNl:
      'Alle geregistreerde misdrijven in het jaar per 1.000 inwoners. Zonder inwonertal van hetzelfde jaar wordt het dichtstbijzijnde jaar (≤ 3 jaar) gebruikt en is de waarde geschat.',
    definitionEn:
      'All registered crimes in the year per 1,000 inhabitants. Without inhabitants of the same year the nearest year (≤ 3 years) is used and the value is marked estimated.',
  },
  {
    id: 'kwb_crime_per_1000',
    titleNl: 'Misdrijven per 1.000 inwoners (KWB t/m 2018)',
    titleEn: 'Crimes per 1,000 inhabitants (KWB up to 2018)',
    unit: 'per_1000',
    direction: 'higher-is-worse',
    formula: {
      kind: 'sum',
      indicators: ['crime_burglary_per_1000', 'crime_vandalism_per_1000', 'crime_violence_per_1000'],
    },
    sources: [
      'CBS KWB ≤ 2018 criminaliteit: diefstal uit woning + vernieling/openbare orde + gewelds- en seksuele misdrijven',
    ],
    minPopulation: RATE_MIN_POPULATION,
    definitionNl: 'Som van de drie misdrijfcijfers per 1.000 inwoners uit de KWB-edities tot en met 2018.',
    definitionEn: 'Sum of the three crime rates per 1,000 inhabitants of the KWB editions up to 2018.',
  },
];

/** Every indicator: the stored catalogue (as source formulas) followed by the derived ones. */
export const INDICATOR_REGISTRY: readonly IndicatorDefinition[] = [
  ...INDICATOR_CATALOGUE.map((c): IndicatorDefinition => ({
    id: c.id,
    titleNl: c.titleNl,
    titleEn: c.titleEn,
    unit: c.unit,
    direction: DIRECTIONS[c.id] ?? 'neutral',
    formula: { kind: 'source', indicator: c.id },
    sources: [c.source],
    minPopulation: null,
    definitionNl: c.definition,
    definitionEn: c.definition,
  })),
  ...DERIVED_INDICATORS,
];

const BY_ID = new Map(INDICATOR_REGISTRY.map((d) => [d.id, d]));

/** The definition of an indicator id, or undefined. Unknown stored ids (tidy CSV) get a generic definition. */
export function findIndicator(id: string): IndicatorDefinition | undefined {
  return BY_ID.get(id);
}

/** A generic definition for a user-supplied indicator that is not in the registry. */
export function customIndicator(id: string): IndicatorDefinition {
  return {
    id,
    titleNl: id,
    titleEn: id,
    unit: 'score',
    direction: 'neutral',
    formula: { kind: 'source', indicator: id },
    sources: ['tidy CSV (user supplied)'],
    minPopulation: null,
    definitionNl: 'Door de gebruiker aangeleverde indicator.',
    definitionEn: 'Indicator supplied by the user.',
  };
}
