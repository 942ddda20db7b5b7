/**
 * The plan of the boundaries (fetch-plan.ts): the wijken-en-buurten GeoPackages PDOK publishes
 * for the boundary years needed (boundary-years.ts chooses them for `auto`), found through the
 * PDOK atom feeds; sizes from the feeds.
 */
import { AppError } from '../../core/app-error.js';
import { chooseBoundaryYears } from './boundary-years.js';
import { downloadFile } from './download-file.js';
import { hostOf, OFFICIAL_ORIGINS } from './origins.js';
import { findWijkenBuurtenGeoPackage, type GeoPackageDownload } from './pdok-atom.js';
import {
  asAppError,
  rethrowIfStopped,
  yearSpan,
  type PlanContext,
  type PlannedFile,
  type SourcePlan,
} from './source-plan.js';

export async function planBoundaries(ctx: PlanContext): Promise<SourcePlan> {
  const plan: SourcePlan = { source: 'geo', what: '', files: [], notes: [], issues: [] };
  const { asked, found } = await findGeoPackages(ctx, plan);
  const available = [...found.keys()].sort((a, b) => a - b);
  if (available.length === 0) {
    plan.what = 'no boundary year available';
    if (plan.issues.length === 0)
      plan.issues.push({
        source: 'geo',
        item: 'boundaries',
        error: new AppError(
          'DOWNLOAD_FAILED',
          `PDOK publishes no wijken-en-buurten GeoPackage for ${yearSpan(asked)}`,
        ),
      });
    return plan;
  }
  const years = boundaryYearsToFetch(ctx, available, plan);
  for (const year of years) plan.files.push(geoPackageFile(found.get(year)!, ctx));
  plan.what = `wijken-en-buurten GeoPackage ${years.join(', ')} from ${hostOf(OFFICIAL_ORIGINS.pdok)}`;
  return plan;
}

/**
 * The GeoPackage downloads PDOK publishes for the asked years and the divisions of the planned
 * tables (RIVM and police may be on a later one), newest first; a year without one is a note, a
 * feed that fails an issue.
 */
async function findGeoPackages(
  ctx: PlanContext,
  plan: SourcePlan,
): Promise<{ asked: number[]; found: Map<number, GeoPackageDownload> }> {
  const explicit = Array.isArray(ctx.boundaryYears) ? (ctx.boundaryYears as readonly number[]) : [];
  const asked = [...new Set([...ctx.years, ...ctx.buurtCodes.keys(), ...explicit])].sort((a, b) => b - a);
  const found = new Map<number, GeoPackageDownload>();
  for (const year of asked) {
    try {
      const g = await findWijkenBuurtenGeoPackage(year, ctx.origins, ctx.dl);
      if (g) found.set(year, g);
      else plan.notes.push(`geo: PDOK publishes no wijken-en-buurten download for ${year}`);
    } catch (e) {
      rethrowIfStopped(e);
      plan.issues.push({ source: 'geo', item: `atom feed ${year}`, error: asAppError(e) });
    }
    // 'auto' needs every available year only to choose; stop early once the latest is known and no codes are there to cover
    if (ctx.boundaryYears === 'auto' && found.size > 0 && ctx.buurtCodes.size === 0) break;
  }
  return { asked, found };
}

/** The boundary years to download of those `available` (ascending), by --boundary-years; why, in the notes. */
function boundaryYearsToFetch(ctx: PlanContext, available: number[], plan: SourcePlan): number[] {
  if (ctx.boundaryYears === 'all') return available;
  if (ctx.boundaryYears === 'auto') {
    const choice = chooseBoundaryYears(available, available.at(-1)!, ctx.buurtCodes);
    plan.notes.push(...choice.reasons.map((r) => `geo: ${r}`));
    if (choice.uncovered > 0)
      plan.notes.push(
        `geo: ${choice.uncovered} older buurt codes exist in no PDOK boundary year; their values stay unmatched in harmonisation`,
      );
    return choice.years;
  }
  const years = ctx.boundaryYears.filter((y) => available.includes(y));
  for (const y of ctx.boundaryYears)
    if (!available.includes(y)) plan.notes.push(`geo: --boundary-years ${y}: no PDOK download for that year`);
  return years;
}

function geoPackageFile(g: GeoPackageDownload, ctx: PlanContext): PlannedFile {
  const relPath = `pdok/${g.name}`;
  const cached = ctx.dl.manifest.findComplete(relPath, g.url);
  return {
    source: 'geo',
    label: relPath,
    bytes: cached?.size ?? g.length,
    estimated: false,
    cached: cached !== undefined,
    async fetch() {
      const r = await downloadFile(g.url, relPath, ctx.dl);
      return { paths: [r.path], bytes: r.size, fromCache: !r.downloaded };
    },
  };
}
