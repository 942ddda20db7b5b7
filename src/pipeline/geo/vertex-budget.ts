/**
 * The bound on boundary vertices (input-limits.ts): at most `maxFeatureVertices` per feature and
 * `maxFileVertices` for the file so far, INPUT_TOO_LARGE naming the file and feature past either.
 * Readers that decode coordinates themselves (the Shapefile reader) spend before they allocate.
 */
import { tooLarge, type InputLimits } from '../input-limits.js';

export class VertexBudget {
  private total = 0;
  constructor(
    private readonly file: string,
    private readonly limits: InputLimits,
  ) {}

  /** Counts `n` vertices of feature `row`; throws INPUT_TOO_LARGE past a bound. */
  spend(n: number, row: number): void {
    const { maxFeatureVertices, maxFileVertices } = this.limits;
    const where = { file: this.file, row, column: 'geometry' };
    if (n > maxFeatureVertices)
      throw tooLarge(where, 'the number of vertices of this feature', `${maxFeatureVertices}`, `${n}`);
    this.total += n;
    if (this.total > maxFileVertices)
      throw tooLarge(
        where,
        'the number of vertices of the file',
        `${maxFileVertices}`,
        `${this.total} so far`,
      );
  }
}
