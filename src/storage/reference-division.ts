/**
 * The reference division: the one division year every value is carried onto (harmonisation
 * writes it, the engine reads it). By default the latest division year with (near-)national
 * buurt geometry. A read helper on the Store, used by the pipeline and by the read services.
 */
import type { Store } from './store.js';

/**
 * A division counts as national enough to be the reference when it has buurt geometry for at
 * least this share of the best-covered division: a single gemeente's newer boundaries (Amsterdam
 * 2022) must not become the reference for the whole country.
 */
export const REFERENCE_MIN_COVERAGE = 0.5;

/** The latest division year with (near-)national buurt geometry, or undefined when none has any. */
export async function findReferenceDivision(store: Store): Promise<number | undefined> {
  const withGeometry = (await store.areaCounts()).filter((a) => a.level === 'buurt' && a.withGeometry > 0);
  const most = Math.max(0, ...withGeometry.map((a) => a.withGeometry));
  const candidates = withGeometry
    .filter((a) => a.withGeometry >= REFERENCE_MIN_COVERAGE * most)
    .map((a) => a.divisionYear);
  return candidates.length ? Math.max(...candidates) : undefined;
}
