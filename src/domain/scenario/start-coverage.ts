/**
 * When no buurt of an area can start a scenario: how many of its buurten have each of the three
 * starting values (start-values.ts), and what to say — which values are missing and how to load
 * them (they all come from CBS KWB). Pure.
 */
import { howToLoad } from '../maps/empty-map-reason.js';
import { START_INDICATORS, type StartField, type StartValues } from './start-values.js';

export interface StartCoverage {
  field: StartField;
  indicators: readonly string[];
  /** Buurten of the area with a usable value (dwellings: more than 0). */
  buurten: number;
}

const FIELD_LABEL: Record<StartField, { nl: string; en: string }> = {
  dwellings: { nl: 'woningen', en: 'dwellings' },
  corpShare: { nl: 'aandeel corporatiebezit', en: 'corporation share' },
  concentration: {
    nl: 'aandeel huishoudens met een laag inkomen (of personen in armoede)',
    en: 'share of low-income households (or persons in poverty)',
  },
};

/** Per starting value, how many of the `total` buurten whose start was sought have it. */
export function startCoverage(start: StartValues, total: number): StartCoverage[] {
  return (Object.keys(START_INDICATORS) as StartField[]).map((field) => ({
    field,
    indicators: START_INDICATORS[field],
    buurten: total - start.excluded.filter((e) => e.missing.includes(field)).length,
  }));
}

/** Why no scenario can be run on the area, with each value's count and how to load KWB. */
export function noStartText(
  areaName: string,
  total: number,
  coverage: readonly StartCoverage[],
): { nl: string; en: string } {
  const counts = (l: 'nl' | 'en'): string =>
    coverage
      .map((c) => `${FIELD_LABEL[c.field][l]}: ${c.buurten} ${l === 'nl' ? 'van' : 'of'} ${total}`)
      .join('; ');
  const load = howToLoad('kwb');
  const none =
    total === 1
      ? { nl: 'de enige buurt heeft ze niet alle drie', en: 'its one buurt does not have all three' }
      : {
          nl: `geen van de ${total} buurten heeft ze alle drie`,
          en: `none of its ${total} buurten has all three`,
        };
  return {
    nl: `Voor ${areaName} kan geen scenario worden doorgerekend: het model begint per buurt bij het aantal woningen, het aandeel corporatiebezit en het aandeel huishoudens met een laag inkomen, en ${none.nl} (buurten met een waarde — ${counts('nl')}). Deze gegevens komen uit de CBS Kerncijfers wijken en buurten; laad ze met ${load.nl}.`,
    en: `No scenario can be run for ${areaName}: the model starts each buurt from its dwellings, corporation share and share of low-income households, and ${none.en} (buurten with a value — ${counts('en')}). These come from the CBS Kerncijfers wijken en buurten; load them with ${load.en}.`,
  };
}
