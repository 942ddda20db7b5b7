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
  | (MapTexts & { kind: 'classification'; version: 'absolute' | 'relative' | 'national' });

const CAVEAT_CBS_NL =
  'Buurten zonder waarde krijgen een eigen legendaklasse naar de reden (geheim, geen score, niet gepubliceerd, bron niet geladen, buurt niet in de bron, te weinig of onbekend aantal inwoners), nooit 0.';
const CAVEAT_CBS_EN =
  'Buurten without a value get their own legend entry by reason (confidential, no score, not published, source not loaded, buurt not in the source, too few or unknown inhabitants), never 0.';
const CLASSES_NL = 'De klassen staan in de legenda: over hoeveel buurten en waar ze berekend zijn.';
const CLASSES_EN = 'The legend says which classes: over how many buurten and where they were computed.';
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
      'De index is het gewogen gemiddelde van de componenten (lage inkomens, bijstand, arbeidsongeschiktheid, Wmo, angst/depressie, moeite met rondkomen), elk op een vaste schaal: afstand tot het landelijk gemiddelde van het basisjaar van de component, in standaarddeviaties van dat jaar. 0 = landelijk gemiddelde in het basisjaar; hoe donkerder, hoe hoger de concentratie. Omdat de schaal vastligt, zijn jaren onderling te vergelijken. Een component die niet in het getoonde jaar gemeten is, komt uit het dichtstbijzijnde jaar en staat zo vermeld.',
    howToReadEn:
      'The index is the weighted mean of its components (low income, social assistance, disability, Wmo, anxiety/depression, difficulty making ends meet), each on a fixed scale: distance to the national mean of the component’s base year, in standard deviations of that year. 0 = national mean in the base year; darker = higher concentration. Because the scale is fixed, years can be compared. A component not measured in the year shown comes from the nearest year and is marked as such.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} ${CLASSES_NL} ${CAVEAT_CBS_NL}`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} ${CLASSES_EN} ${CAVEAT_CBS_EN}`,
  },
  {
    kind: 'change',
    id: 'ontwikkeling-concentratie',
    number: 3,
    quantity: 'concentration',
    titleNl: 'Ontwikkeling concentratie kwetsbare bewoners',
    titleEn: 'Change in the concentration of vulnerable residents',
    howToReadNl:
      'Oranje: de concentratie kwetsbare bewoners steeg in de buurt zelf; paars: ze daalde. De verandering is het gemiddelde van de veranderingen van de componenten in hun eigen eenheid, elk gedeeld door de vaste spreiding (standaarddeviatie) van die component in haar basisjaar; de middelste klasse valt binnen de drempel.',
    howToReadEn:
      'Orange: the concentration of vulnerable residents rose in the buurt itself; purple: it fell. The change is the mean of the components’ changes in their own units, each divided by the component’s fixed spread (standard deviation) in its base year; the middle class is within the threshold.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} Componenten hebben verschillende meetjaren; de vergeleken jaren staan in de titel en bij de bronnen.`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} Components have different survey years; the years compared are in the title and with the sources.`,
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
      'Totaalscore van de Leefbaarometer 3.0 (hogere score = beter); hoe donkerder, hoe beter de leefbaarheid.',
    howToReadEn:
      'Leefbaarometer 3.0 total score (higher score = better); the darker, the better the liveability.',
    caveatsNl: `De Leefbaarometer is een voorspellend model, geen meting; buurten met te weinig woningen hebben geen score. ${CLASSES_NL}`,
    caveatsEn: `The Leefbaarometer is a prediction model, not a measurement; buurten with too few dwellings have no score. ${CLASSES_EN}`,
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
      'Leefbaarometer-dimensie overlast en onveiligheid (bijdrage aan de afwijking van het landelijk niveau; hogere Leefbaarometer-score = beter, dus minder overlast). Hoe donkerder, hoe meer overlast en onveiligheid.',
    howToReadEn:
      'Leefbaarometer dimension nuisance and insecurity (contribution to the deviation from the national level; higher Leefbaarometer score = better, i.e. less nuisance). The darker, the more nuisance and insecurity.',
    caveatsNl: `Alleen de jaren met volledige Leefbaarometer-dimensies (2014, 2018, 2020, 2022, 2024) hebben een waarde. ${CLASSES_NL}`,
    caveatsEn: `Only years with full Leefbaarometer dimensions (2014, 2018, 2020, 2022, 2024) have a value. ${CLASSES_EN}`,
  },
  {
    kind: 'change',
    id: 'ontwikkeling-overlast',
    number: 6,
    quantity: 'nuisance',
    titleNl: 'Ontwikkeling overlast en onveiligheid',
    titleEn: 'Change in nuisance and insecurity',
    howToReadNl:
      'Oranje: overlast en onveiligheid namen toe in de buurt zelf (de Leefbaarometer-score onv daalde; hogere score = beter); paars: ze namen af. De verandering in de eigen eenheid van de maat, gedeeld door de vaste spreiding (standaarddeviatie) van die maat in haar basisjaar; de middelste klasse valt binnen de drempel.',
    howToReadEn:
      'Orange: nuisance and insecurity rose in the buurt itself (the Leefbaarometer onv score fell; higher score = better); purple: they fell. The change in the measure’s own units, divided by the measure’s fixed spread (standard deviation) in its base year; the middle class is within the threshold.',
    caveatsNl:
      'Waar de Leefbaarometer voor een buurt geen twee meetjaren in de periode heeft, valt de maat terug op RIVM-geluidhinder door buren of geregistreerde criminaliteit; de titel noemt de terugvalmaat en haar jaren, en een buurt vergelijkt altijd twee waarden van één maat.',
    caveatsEn:
      'Where the Leefbaarometer has no two survey years in the period for a buurt, the measure falls back to RIVM noise from neighbours or registered crime; the title names the fallback and its years, and a buurt always compares two values of one measure.',
  },
  {
    kind: 'classification',
    id: 'veerkracht-absoluut',
    number: 7,
    version: 'absolute',
    titleNl: 'Veerkracht signaleringskaart (absoluut)',
    titleEn: 'Resilience signal map (absolute)',
    howToReadNl:
      'Rood (veerkracht onder druk): in de buurt zelf steeg de concentratie kwetsbare bewoners én nam de overlast toe, elk met meer dan de drempel. Groen (veerkrachtig): de concentratie steeg, de overlast niet. Geel: meer overlast zonder meer kwetsbaren. Blauw: stabiel of verbeterd. Absoluut: wat er in de buurt veranderde, los van andere buurten.',
    howToReadEn:
      'Red (resilience under pressure): in the buurt itself the concentration of vulnerable residents rose and nuisance rose, each by more than the threshold. Green (resilient): the concentration rose, nuisance did not. Yellow: more nuisance without more vulnerable residents. Blue: stable or improved. Absolute: what changed in the buurt, regardless of other buurten.',
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
      'Als de absolute kaart, maar vergeleken met de rest van de gemeente: rood waar de concentratie en de overlast meer stegen (of minder daalden) dan gemiddeld in de rest van de gemeente, elk met meer dan de drempel. Zo zie je waar de landelijke conclusies binnen de gemeente het sterkst en het minst gelden.',
    howToReadEn:
      'Like the absolute map, but compared with the rest of the municipality: red where the concentration and nuisance rose more (or fell less) than the average of the rest of the municipality, each by more than the threshold. It shows where the national conclusions apply most and least within the municipality.',
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
      'Tot en met 2023: aandeel huishoudens met een laag inkomen; vanaf 2024: aandeel personen in armoede (nieuwe CBS-maat). Hoe donkerder, hoe hoger.',
    howToReadEn:
      'Up to 2023: share of households with a low income; from 2024: share of persons in poverty (new CBS measure). The darker, the higher.',
    caveatsNl: `De twee definities zijn niet vergelijkbaar: vergelijk jaren voor en na 2024 niet. ${CLASSES_NL} ${CAVEAT_CBS_NL}`,
    caveatsEn: `The two definitions are not comparable: do not compare years before and after 2024. ${CLASSES_EN} ${CAVEAT_CBS_EN}`,
  },
];

/**
 * Maps outside the nine: the signal map against the national change (the reading of the
 * absolute map before 2025, kept under its own name; not listed among the nine).
 */
export const EXTRA_MAPS: readonly MapSpec[] = [
  {
    kind: 'classification',
    id: 'veerkracht-landelijk',
    version: 'national',
    titleNl: 'Veerkracht signaleringskaart (vergeleken met de landelijke ontwikkeling)',
    titleEn: 'Resilience signal map (compared with the national change)',
    howToReadNl:
      'Als de absolute kaart, maar vergeleken met de gemiddelde verandering van alle buurten van Nederland: rood waar de concentratie en de overlast meer stegen (of minder daalden) dan landelijk, elk met meer dan de drempel.',
    howToReadEn:
      'Like the absolute map, but compared with the mean change of all Dutch buurten: red where the concentration and nuisance rose more (or fell less) than nationally, each by more than the threshold.',
    caveatsNl: `${CAVEAT_SIGNAL_NL} Een buurt kan hier rood zijn terwijl concentratie en overlast er daalden: minder dan landelijk.`,
    caveatsEn: `${CAVEAT_SIGNAL_EN} A buurt can be red here while its concentration and nuisance fell: less than nationally.`,
  },
];

const BY_ID = new Map([...NINE_MAPS, ...EXTRA_MAPS].map((m) => [m.id, m]));

export function findMapSpec(id: string): MapSpec | undefined {
  return BY_ID.get(id);
}

function directionNl(def: IndicatorDefinition): string {
  if (def.direction === 'higher-is-better') return ' Hogere waarde = beter.';
  if (def.direction === 'higher-is-worse') return ' Hogere waarde = ongunstiger.';
  return '';
}

function directionEn(def: IndicatorDefinition): string {
  if (def.direction === 'higher-is-better') return ' Higher value = better.';
  if (def.direction === 'higher-is-worse') return ' Higher value = less favourable.';
  return '';
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
    howToReadNl: `${def.definitionNl}${directionNl(def)} ${CLASSES_NL}`,
    howToReadEn: `${def.definitionEn}${directionEn(def)} ${CLASSES_EN}`,
    caveatsNl: `Bron: ${def.sources.join('; ')}. ${CAVEAT_CBS_NL}`,
    caveatsEn: `Source: ${def.sources.join('; ')}. ${CAVEAT_CBS_EN}`,
  };
}
