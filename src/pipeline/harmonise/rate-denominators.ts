/**
 * How each indicator is carried over by area-weighted overlay — the one place that says so:
 *   count — apportioned by area share (Σ w·v);
 *   rate  — recomputed from apportioned numerator and denominator: Σ w·v·d / Σ w·d, where d is
 *           the denominator indicator (corporation_share × dwellings, low-income share ×
 *           households, RIVM % × inhabitants ...);
 *   mean  — no denominator known: area-weighted mean Σ a·v / Σ a (flagged estimated).
 * Rates are never averaged without weights.
 */
import { findCatalogueEntry } from '../../domain/indicator-catalogue.js';

export type CarryRule = { kind: 'count' } | { kind: 'rate'; denominator: string } | { kind: 'mean' };

/** Rate (or mean) indicator → the count indicator it is a share of / averaged over. */
export const RATE_DENOMINATORS: Readonly<Record<string, string>> = {
  corporation_share: 'dwellings',
  owner_occupied_share: 'dwellings',
  rental_share: 'dwellings',
  other_landlord_share: 'dwellings',
  woz_value: 'dwellings',
  low_income_households_share: 'households',
  social_minimum_households_share: 'households',
  social_minimum_110_households_share: 'households',
  social_minimum_120_households_share: 'households',
  lowest_40_income_households_share: 'households',
  household_size: 'households',
  persons_in_poverty_share: 'inhabitants',
  persons_near_poverty_share: 'inhabitants',
  avg_income_per_inhabitant: 'inhabitants',
  wmo_clients_per_1000: 'inhabitants',
  crime_burglary_per_1000: 'inhabitants',
  crime_vandalism_per_1000: 'inhabitants',
  crime_violence_per_1000: 'inhabitants',
  police_crimes_per_1000: 'inhabitants',
};

/** Families of indicators with one denominator: RIVM shares of adults (≈ inhabitants), Leefbaarometer scores (dwelling-weighted). */
const PREFIX_DENOMINATORS: readonly [prefix: string, denominator: string][] = [
  ['rivm_', 'inhabitants'],
  ['lbm2_', 'dwellings'],
  ['lbm_', 'dwellings'],
];

/** How `indicator` is carried over an overlay. Unknown indicators are treated as means (never summed). */
export function carryRuleOf(indicator: string): CarryRule {
  const direct = RATE_DENOMINATORS[indicator];
  if (direct) return { kind: 'rate', denominator: direct };
  const prefixed = PREFIX_DENOMINATORS.find(([p]) => indicator.startsWith(p));
  if (prefixed) return { kind: 'rate', denominator: prefixed[1] };
  const entry = findCatalogueEntry(indicator);
  if (entry?.unit === 'count') return { kind: 'count' };
  return { kind: 'mean' };
}
