/**
 * The nine veerkrachtkaarten (product brief §2.4, methodology §5) as definitions: what each
 * map shows, how continuous values are classed and coloured, and the "hoe lees je deze kaart"
 * and caveat texts. Any other indicator becomes an extra layer through `layerSpec`.
 */
import type { IndicatorDefinition } from '../engine/indicator-registry.js';
import type { ClassMethod } from './breaks.js';
import type { SchemeId } from './colour-schemes.js';

/** Where a level map takes its value from. */
export type MapValueSource =
  | { kind: 'indicator'; indicator: string }
  /** A component of the index, raw values, following its definition segments over the years. */
  | { kind: 'component'; component: string }
  | { kind: 'concentration-index' };

interface MapTexts {
  id: string;
  number?: number;
  titleNl: string;
  titleEn: string;
  howToReadNl: string;
  howToReadEn: string;
  caveatsNl: string;
  caveatsEn: string;
}

export type MapSpec =
  | (MapTexts & {
      kind: 'level';
      value: MapValueSource;
      unit: string;
      classMethod: ClassMethod;
      scheme: SchemeId;
      /** Darkest colour for the lowest values (used when low values are the concern). */
      reverse: boolean;
      /** Custom class labels (fixed bands), lowest first. */
      labelsNl?: readonly string[];
      labelsEn?: readonly string[];
    })
  | (MapTexts & { kind: 'change'; quantity: 'concentration' | 'nuisance' })
  | (MapTexts & { kind: 'classification'; version: 'absolute' | 'relative' });

const CAVEAT_CBS_NL =
  'Kleine buurten en door CBS geheimgehouden waarden krijgen een eigen legendaklasse, nooit 0.';
const CAVEAT_CBS_EN = 'Small buurten and values CBS keeps confidential get their own legend entry, never 0.';
const CAVEAT_SIGNAL_NL =
  'Een signaleringskaart: geen oordeel over een buurt, wel een aanleiding voor het gesprek. De index gebruikt open proxy’s (inkomen, uitkeringen, Wmo, RIVM-gezondheidsmonitor), niet de microdata en WoonZorgwijzer van het oorspronkelijke onderzoek.';
const CAVEAT_SIGNAL_EN =
  'A signal map: not a verdict on a buurt but a reason to talk. The index uses open proxies (income, benefits, Wmo, RIVM health monitor), not the microdata and WoonZorgwijzer of the original research.';

/** The nine maps, in their published order. */
export const NINE_MAPS: readonly MapSpec[] = [
  {
    kind: 'level',
    id: 'corporatiebezit',
    number: 1,
    titleNl: 'Aandeel corporatiebezit',
    titleEn: 'Share of corporation-owned dwellings',
    value: { kind: 'indicator', indicator: 'corporation_share' },
    unit: 'percent',
    classMethod: { method: 'fixed', thresholds: [10, 100 / 3, 200 / 3] },
    scheme: 'corporation',
    reverse: false,
    labelsNl: ['0–10 %', '10–33 %', '33–67 %', '> 67 % (corporatiebuurt)'],
    labelsEn: ['0–10%', '10–33%', '33–67%', '> 67% (corporation buurt)'],
    howToReadNl:
      'Hoe donkerder, hoe groter het deel van de woningen in bezit van woningcorporaties. Buurten met meer dan twee derde corporatiebezit heten corporatiebuurten.',
    howToReadEn:
      'The darker, the larger the share of dwellings owned by housing corporations. Over two thirds: a corporation buurt.',
    caveatsNl: `CBS telt woningen in bezit van corporaties, niet sociale huur naar huurprijs. ${CAVEAT_CBS_NL}`,
    caveatsEn: `CBS counts dwellings owned by corporations, not social rent by rent level. ${CAVEAT_CBS_EN}`,
  },
  {
    kind: 'level',
    id: 'concentratie-kwetsbaren',
    number: 2,
    titleNl: 'Concentratie kwetsbare bewoners',
    titleEn: 'Concentration of vulnerable residents',
    value: { kind: 'concentration-index' },
    unit: 'z-score',
    classMethod: { method: 'quantile', k: 5 },
    scheme: 'viridis',
    reverse: false,
    howToReadNl:
      'De index is het gewogen gemiddelde van de componenten (lage inkomens, bijstand, arbeidsongeschiktheid, Wmo, angst/depressie, moeite met rondkomen), elk uitgedrukt in standaarddeviaties ten opzichte van alle buurten van Nederland. 0 = landelijk gemiddelde; hoe donkerder, hoe hoger de concentratie. De klassen zijn landelijke kwintielen.',
    howToReadEn:
      'The index is the weighted mean of its components (low income, social assistance, disability, Wmo, anxiety/depression, difficulty making ends meet), each in standard deviations against all Dutch buurten. 0 = national average; darker = higher concentration. Classes are national quintiles.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} ${CAVEAT_CBS_NL}`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} ${CAVEAT_CBS_EN}`,
  },
  {
    kind: 'change',
    id: 'ontwikkeling-concentratie',
    number: 3,
    quantity: 'concentration',
    titleNl: 'Ontwikkeling concentratie kwetsbare bewoners',
    titleEn: 'Change in the concentration of vulnerable residents',
    howToReadNl:
      'Oranje: de concentratie nam meer toe dan landelijk; paars: minder (of nam af). In standaarddeviaties van de landelijke verdeling van de verandering; de middelste klasse valt binnen de drempel.',
    howToReadEn:
      'Orange: concentration rose more than nationally; purple: less (or fell). In standard deviations of the national distribution of change; the middle class is within the threshold.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} Componenten hebben verschillende meetjaren; de gebruikte jaren staan bij de bronnen.`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} Components have different survey years; the years used are listed with the sources.`,
  },
  {
    kind: 'level',
    id: 'leefbaarheid',
    number: 4,
    titleNl: 'Leefbaarheid (Leefbaarometer)',
    titleEn: 'Liveability (Leefbaarometer)',
    value: { kind: 'indicator', indicator: 'lbm_total' },
    unit: 'score',
    classMethod: { method: 'quantile', k: 5 },
    scheme: 'viridis',
    reverse: false,
    howToReadNl:
      'Totaalscore van de Leefbaarometer 3.0; hoe donkerder, hoe beter de leefbaarheid. Klassen zijn landelijke kwintielen.',
    howToReadEn:
      'Leefbaarometer 3.0 total score; the darker, the better the liveability. Classes are national quintiles.',
    caveatsNl:
      'De Leefbaarometer is een voorspellend model, geen meting; buurten met te weinig woningen hebben geen score.',
    caveatsEn:
      'The Leefbaarometer is a prediction model, not a measurement; buurten with too few dwellings have no score.',
  },
  {
    kind: 'level',
    id: 'overlast-onveiligheid',
    number: 5,
    titleNl: 'Overlast en onveiligheid',
    titleEn: 'Nuisance and insecurity',
    value: { kind: 'indicator', indicator: 'lbm_onv' },
    unit: 'score',
    classMethod: { method: 'quantile', k: 5 },
    scheme: 'viridis',
    reverse: true,
    howToReadNl:
      'Leefbaarometer-dimensie overlast en onveiligheid (bijdrage aan de afwijking van het landelijk niveau). Hoe donkerder, hoe meer overlast en onveiligheid. Klassen zijn landelijke kwintielen.',
    howToReadEn:
      'Leefbaarometer dimension nuisance and insecurity (contribution to the deviation from the national level). The darker, the more nuisance and insecurity. Classes are national quintiles.',
    caveatsNl:
      'Alleen de jaren met volledige Leefbaarometer-dimensies (2014, 2018, 2020, …) hebben een waarde.',
    caveatsEn: 'Only years with full Leefbaarometer dimensions (2014, 2018, 2020, …) have a value.',
  },
  {
    kind: 'change',
    id: 'ontwikkeling-overlast',
    number: 6,
    quantity: 'nuisance',
    titleNl: 'Ontwikkeling overlast en onveiligheid',
    titleEn: 'Change in nuisance and insecurity',
    howToReadNl:
      'Oranje: overlast en onveiligheid namen meer toe dan landelijk; paars: minder (of namen af). In standaarddeviaties van de landelijke verdeling van de verandering van de gebruikte maat.',
    howToReadEn:
      'Orange: nuisance and insecurity rose more than nationally; purple: less (or fell). In standard deviations of the national distribution of change of the measure used.',
    caveatsNl:
      'Waar de Leefbaarometer geen waarde heeft, valt de maat terug op RIVM-geluidhinder door buren of geregistreerde criminaliteit; de gebruikte maat staat per buurt vermeld.',
    caveatsEn:
      'Where the Leefbaarometer has no value the measure falls back to RIVM noise from neighbours or registered crime; the measure used is given per buurt.',
  },
  {
    kind: 'classification',
    id: 'veerkracht-absoluut',
    number: 7,
    version: 'absolute',
    titleNl: 'Veerkracht signaleringskaart (absoluut)',
    titleEn: 'Resilience signal map (absolute)',
    howToReadNl:
      'Rood (veerkracht onder druk): de concentratie kwetsbare bewoners én de overlast namen meer toe dan landelijk. Groen (veerkrachtig): meer kwetsbare bewoners, maar niet meer overlast. Geel: meer overlast zonder meer kwetsbaren. Blauw: stabiel of verbeterd.',
    howToReadEn:
      'Red (resilience under pressure): both the concentration of vulnerable residents and nuisance rose more than nationally. Green (resilient): more vulnerable residents but not more nuisance. Yellow: more nuisance without more vulnerable residents. Blue: stable or improved.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} De drempels zijn instelbaar; de gevoeligheid staat bij de kaart.`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} Thresholds are configurable; the sensitivity is shown with the map.`,
  },
  {
    kind: 'classification',
    id: 'veerkracht-relatief',
    number: 8,
    version: 'relative',
    titleNl: 'Veerkracht signaleringskaart (relatief)',
    titleEn: 'Resilience signal map (relative)',
    howToReadNl:
      'Als de absolute kaart, maar vergeleken met de rest van de gemeente in plaats van met Nederland: waar gelden de landelijke conclusies binnen de gemeente het sterkst en het minst.',
    howToReadEn:
      'Like the absolute map, but compared with the rest of the municipality instead of the country: where the national conclusions apply most and least within the municipality.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} Overlast kan absoluut verbeteren en toch relatief achterblijven.`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} Nuisance can improve in absolute terms and still lag behind relatively.`,
  },
  {
    kind: 'level',
    id: 'lage-inkomens',
    number: 9,
    titleNl: 'Lage inkomens / armoede',
    titleEn: 'Low incomes / poverty',
    value: { kind: 'component', component: 'low-income' },
    unit: 'percent',
    classMethod: { method: 'quantile', k: 5 },
    scheme: 'viridis',
    reverse: false,
    howToReadNl:
      'Tot en met 2023: aandeel huishoudens met een laag inkomen; vanaf 2024: aandeel personen in armoede (nieuwe CBS-maat). Hoe donkerder, hoe hoger. Klassen zijn landelijke kwintielen van het getoonde jaar.',
    howToReadEn:
      'Up to 2023: share of households with a low income; from 2024: share of persons in poverty (new CBS measure). The darker, the higher. Classes are national quintiles of the year shown.',
    caveatsNl: `De twee definities zijn niet vergelijkbaar: vergelijk jaren voor en na 2024 niet. ${CAVEAT_CBS_NL}`,
    caveatsEn: `The two definitions are not comparable: do not compare years before and after 2024. ${CAVEAT_CBS_EN}`,
  },
];

const BY_ID = new Map(NINE_MAPS.map((m) => [m.id, m]));

export function findMapSpec(id: string): MapSpec | undefined {
  return BY_ID.get(id);
}

/** An extra layer: any indicator as a level map (national quintiles, viridis; darker = worse when higher is better). */
export function layerSpec(def: IndicatorDefinition): MapSpec {
  return {
    kind: 'level',
    id: def.id,
    titleNl: def.titleNl,
    titleEn: def.titleEn,
    value: { kind: 'indicator', indicator: def.id },
    unit: def.unit,
    classMethod: { method: 'quantile', k: 5 },
    scheme: 'viridis',
    reverse: def.direction === 'higher-is-better',
    howToReadNl: `${def.definitionNl} Klassen zijn landelijke kwintielen van het getoonde jaar.`,
    howToReadEn: `${def.definitionEn} Classes are national quintiles of the year shown.`,
    caveatsNl: `Bron: ${def.sources.join('; ')}. ${CAVEAT_CBS_NL}`,
    caveatsEn: `Source: ${def.sources.join('; ')}. ${CAVEAT_CBS_EN}`,
  };
}
