/**
 * What `veerkracht fetch` downloads per source, from the official download points (see
 * docs/data-sources.md, "Downloading"); every URL goes through the origin map (origins.ts):
 *   kwb      one KWB table per edition year        opendata.cbs.nl  OData v3 Feed (v4 datasets.cbs.nl when gone from v3)
 *   rivm     50150NED (else 50090NED), adults 18+, point estimates   dataderden.cbs.nl  OData v3 Feed
 *   politie  47022NED, total crime, one file per asked year          dataderden.cbs.nl  OData v3 Feed
 *   geo      wijken-en-buurten GeoPackage of the boundary years needed (boundary-years.ts),
 *            names read from the PDOK atom feeds                     service.pdok.nl
 *   lbm      the Leefbaarometer 3.0 open-data zip (meting 2024); the buurt CSV is extracted
 *                                                                    www.leefbaarometer.nl
 * One module per kind of source: cbs-table-plans.ts (kwb, rivm, politie), boundary-plan.ts (geo),
 * leefbaarometer-plan.ts (lbm); what a plan is: source-plan.ts.
 * Planning downloads only metadata (cached): it says what will be downloaded and how much
 * before any data moves. Each planned file fetches itself; a failure is the file's, not the run's.
 */
import { planBoundaries } from './boundary-plan.js';
import { planKwb, planPolice, planRivm } from './cbs-table-plans.js';
import { planLeefbaarometer } from './leefbaarometer-plan.js';
import type { FetchSource, PlanContext, SourcePlan } from './source-plan.js';

/** Planning order: the tables first, whose area lists decide the boundary years. */
export const PLAN_ORDER: readonly FetchSource[] = ['kwb', 'rivm', 'politie', 'geo', 'lbm'];

export function planSource(source: FetchSource, ctx: PlanContext): Promise<SourcePlan> {
  switch (source) {
    case 'kwb':
      return planKwb(ctx);
    case 'rivm':
      return planRivm(ctx);
    case 'politie':
      return planPolice(ctx);
    case 'geo':
      return planBoundaries(ctx);
    case 'lbm':
      return planLeefbaarometer(ctx);
  }
}
