/**
 * What a scenario is: the assumptions of the stock-flow model (stock-flow.ts) for every buurt of
 * an area, plus up to three policies that treat buurten differently (spreiden, sociale huur
 * toevoegen, middenhuur toevoegen). Every default says where its number comes from
 * (docs/method.md, "Scenario planner"); open data has no number for several of them, and those
 * are marked as assumptions. Rates are fractions (0.075 = 7.5 %).
 */

export interface SpreadPolicy {
  /** Buurten whose starting concentration is at least this share (0–1) let fewer dwellings to the target group. */
  threshold: number;
  /** The part of their target-group lettings that goes to buurten below the threshold in the same gemeente instead (0–1). */
  reduction: number;
}

export interface AddSocialPolicy {
  /** Buurten with a corporation share below this (0–1) get new social rent. */
  maxCorpShare: number;
  /** New corporation dwellings per year, as a share of the buurt's starting dwellings (0–0.05). */
  ratePerYear: number;
}

export interface AddMiddlePolicy {
  /** Buurten with a corporation share of at least this (0–1) get new other (middle-rent) dwellings. */
  minCorpShare: number;
  /** New other dwellings per year, as a share of the buurt's starting dwellings (0–0.05). */
  ratePerYear: number;
  /** Share of the target group among their new households (0–1). */
  targetShare: number;
}

export interface ScenarioSpec {
  name: string;
  /** Years projected (1–30). */
  years: number;
  /** Mutatiegraad: the yearly share of the corporation stock that falls vacant. */
  turnover: number;
  /** Move-out rate of target-group tenants relative to the others (1 = equal). */
  moveOutRatio: number;
  /** How many times more often a corporation household belongs to the target group than another (ρ). */
  targetRatio: number;
  /** Share of lettings to the target group; null = per buurt, the share that keeps its current mix. */
  lettingShare: number | null;
  /** Added to every buurt's letting share (share points, −0.5–0.5), e.g. +0.05 when new tenants are more vulnerable. */
  lettingShift: number;
  /** Yearly share of the corporation stock sold (from the vacancies). */
  salesRate: number;
  /** Yearly share of the corporation stock demolished. */
  demolitionRate: number;
  spread: SpreadPolicy | null;
  addSocial: AddSocialPolicy | null;
  addMiddle: AddMiddlePolicy | null;
}

export type AssumptionKind = 'data' | 'source' | 'assumption';

/** Where a default comes from, for the page and the API. */
export interface DefaultSource {
  kind: AssumptionKind;
  nl: string;
  en: string;
}

/** The model's defaults that hold for every area (the area's own ones come from scenarioDefaults). */
export const BASE_DEFAULTS = {
  years: 10,
  turnover: 0.075,
  moveOutRatio: 1,
  targetRatio: 1.85,
  lettingShare: null,
  lettingShift: 0,
  salesRate: 0,
  demolitionRate: 0,
} as const satisfies Omit<ScenarioSpec, 'name' | 'spread' | 'addSocial' | 'addMiddle'>;

export const DEFAULT_SOURCES: Record<
  | 'years'
  | 'turnover'
  | 'moveOutRatio'
  | 'targetRatio'
  | 'lettingShare'
  | 'lettingShift'
  | 'salesRate'
  | 'demolitionRate'
  | 'spreadThreshold'
  | 'concentration'
  | 'corpShare'
  | 'dwellings',
  DefaultSource
> = {
  years: { kind: 'assumption', nl: 'Keuze: tien jaar vooruit.', en: 'Choice: ten years ahead.' },
  turnover: {
    kind: 'source',
    nl: 'Ca. 7 % per jaar: ruim 160.000 vrijgekomen corporatiewoningen per jaar (CBS 2021–2023) op een voorraad van ca. 2,3 miljoen (methodology §9); 7,5 % gekozen.',
    en: 'About 7 %/yr: some 160,000 vacated corporation dwellings a year (CBS 2021–2023) on a stock of about 2.3 million (methodology §9); 7.5 % chosen.',
  },
  moveOutRatio: {
    kind: 'assumption',
    nl: 'Geen getal in open data: doelgroep verhuist even vaak als anderen (1). De bronnen zeggen dat hogere inkomens vaker vertrekken; een lagere waarde laat de concentratie sneller stijgen.',
    en: 'No number in open data: the target group moves as often as others (1). Sources say higher incomes leave more often; a lower value makes the concentration rise faster.',
  },
  targetRatio: {
    kind: 'source',
    nl: '43 % van de laagste inkomens woonde in 2021 in sociale huur (Aedes 2023) bij ca. 29 % corporatiebezit: (0,43/0,29)/(0,57/0,71) ≈ 1,85.',
    en: '43 % of the lowest incomes lived in social rent in 2021 (Aedes 2023) with about 29 % corporation stock: (0.43/0.29)/(0.57/0.71) ≈ 1.85.',
  },
  lettingShare: {
    kind: 'assumption',
    nl: 'Geen getal in open data (methodology §11, vraag 6): per buurt het aandeel dat de huidige samenstelling gelijk houdt (huidig beleid).',
    en: 'No number in open data (methodology §11, question 6): per buurt the share that keeps the current mix (current policy).',
  },
  lettingShift: {
    kind: 'assumption',
    nl: 'Geen verschuiving; nieuwe huurders zijn volgens de bronnen vaker kwetsbaar, maar een getal ontbreekt.',
    en: 'No shift; sources say new tenants are more often vulnerable, but give no number.',
  },
  salesRate: {
    kind: 'assumption',
    nl: 'Geen verkoop: per buurt niet in open data.',
    en: 'No sales: not in open data per buurt.',
  },
  demolitionRate: {
    kind: 'assumption',
    nl: 'Geen sloop: per buurt niet in open data.',
    en: 'No demolition: not in open data per buurt.',
  },
  spreadThreshold: {
    kind: 'data',
    nl: 'Het 75e percentiel van de startconcentratie van de buurten in dit gebied.',
    en: 'The 75th percentile of the starting concentration of the buurten in this area.',
  },
  concentration: {
    kind: 'data',
    nl: 'Aandeel huishoudens met een laag inkomen (CBS KWB), laatste jaar met een waarde; anders personen in armoede.',
    en: 'Share of low-income households (CBS KWB), latest year with a value; else persons in poverty.',
  },
  corpShare: {
    kind: 'data',
    nl: 'Huurwoningen in bezit van woningcorporaties (CBS KWB), laatste jaar.',
    en: 'Rental dwellings owned by housing corporations (CBS KWB), latest year.',
  },
  dwellings: {
    kind: 'data',
    nl: 'Woningvoorraad (CBS KWB), laatste jaar.',
    en: 'Dwellings (CBS KWB), latest year.',
  },
};

/** Limits of every input (the API schema and the page use them). */
export const SPEC_LIMITS = {
  years: [1, 30],
  turnover: [0, 0.3],
  moveOutRatio: [0.5, 2],
  targetRatio: [1, 5],
  lettingShare: [0, 1],
  lettingShift: [-0.5, 0.5],
  salesRate: [0, 0.2],
  demolitionRate: [0, 0.2],
  share: [0, 1],
  ratePerYear: [0, 0.05],
} as const;

/** Defaults of the policies' own settings ([I]: choices, not from a source; docs/method.md). */
export const POLICY_DEFAULTS = {
  spread: { reduction: 0.5 },
  addSocial: { maxCorpShare: 0.2, ratePerYear: 0.01 },
  addMiddle: { minCorpShare: 0.67, ratePerYear: 0.01, targetShare: 0.05 },
} as const;

type Partialish<T> = { [K in keyof T]?: T[K] | undefined };

/** What a caller may leave out: every field but the name, and every policy setting. */
export type ScenarioSpecInput = Partialish<
  Omit<ScenarioSpec, 'spread' | 'addSocial' | 'addMiddle' | 'lettingShare'>
> & {
  name: string;
  lettingShare?: number | null | undefined;
  spread?: Partialish<SpreadPolicy> | null | undefined;
  addSocial?: Partialish<AddSocialPolicy> | null | undefined;
  addMiddle?: Partialish<AddMiddlePolicy> | null | undefined;
};

function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A full scenario from an input: the defaults where it says nothing; `spreadThreshold` from the area's data. */
export function resolveSpec(input: ScenarioSpecInput, spreadThreshold: number): ScenarioSpec {
  const { spread, addSocial, addMiddle, ...rest } = input;
  return {
    ...BASE_DEFAULTS,
    ...defined(rest),
    name: input.name,
    spread: spread ? { threshold: spreadThreshold, ...POLICY_DEFAULTS.spread, ...defined(spread) } : null,
    addSocial: addSocial ? { ...POLICY_DEFAULTS.addSocial, ...defined(addSocial) } : null,
    addMiddle: addMiddle ? { ...POLICY_DEFAULTS.addMiddle, ...defined(addMiddle) } : null,
  };
}

/** The three scenarios the page starts with (basis, spreiden, toevoegen), as inputs. */
export const PRESET_INPUTS: readonly ScenarioSpecInput[] = [
  { name: 'basis' },
  { name: 'spreiden', spread: {} },
  { name: 'toevoegen', addSocial: {}, addMiddle: {} },
];

/** The three presets resolved; `spreadThreshold` comes from the area's data. */
export function presetScenarios(spreadThreshold: number): ScenarioSpec[] {
  return PRESET_INPUTS.map((p) => resolveSpec(p, spreadThreshold));
}
