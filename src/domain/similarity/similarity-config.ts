/**
 * Settings of "buurten zoals deze" (GET /api/buurten/:code/similar), part of the engine
 * configuration under the key `similarity` (veerkracht.config.json). Defaults are documented in
 * docs/method.md ("Buurten zoals deze").
 */
import { z } from 'zod';

export const SimilarityConfigSchema = z.strictObject({
  /**
   * Weight of each group of indicators in the distance; a group's weight is shared equally by its
   * indicators (the concentration components, inhabitants and dwellings).
   */
  weights: z
    .strictObject({
      concentration: z.number().min(0).max(10).default(2),
      corporation: z.number().min(0).max(10).default(1),
      leefbaarometer: z.number().min(0).max(10).default(1),
      size: z.number().min(0).max(10).default(1),
      urbanity: z.number().min(0).max(10).default(1),
    })
    .default({ concentration: 2, corporation: 1, leefbaarometer: 1, size: 1, urbanity: 1 }),
  /** A pair of buurten is compared only when both have at least this many indicators. */
  minShared: z.number().int().min(1).max(20).default(4),
  /** An indicator is "close" when the z-scores differ by at most this much … */
  closeZ: z.number().positive().max(5).default(0.5),
  /** … and "differs" from this much on. */
  differentZ: z.number().positive().max(10).default(1),
  /** Positive deviants are sought among this many buurten most alike at the start of the period. */
  deviantPool: z.number().int().min(1).max(1000).default(50),
});

export type SimilarityConfig = z.infer<typeof SimilarityConfigSchema>;

export const DEFAULT_SIMILARITY: SimilarityConfig = SimilarityConfigSchema.parse({});
