/**
 * Bounds on the work one input file may cause. A file past a bound is refused with
 * INPUT_TOO_LARGE naming the file, what was bounded and the bound — never read until memory or
 * time runs out (a 1 MB gzip that inflates to 1 GiB, an XLSX whose sheet expands to 700 MB, a
 * polygon of 400,000 vertices, JSON nested 200,000 deep). The defaults leave ample room for the
 * national files (the largest known: a PDOK wijken-en-buurten GeoPackage of a few hundred MB,
 * 47022NED monthly totals of ~1.1 million rows, buurt polygons of a few ten thousand vertices).
 */
import { AppError, type FileLocation } from '../core/app-error.js';

export interface InputLimits {
  /** Largest file read from disk, in bytes. */
  maxFileBytes: number;
  /** Largest decompressed content (gzip; the members of an XLSX or a boundary ZIP together), in bytes. */
  maxInflatedBytes: number;
  /** Most data rows (CSV lines, worksheet rows, JSON records, features) in one file. */
  maxRows: number;
  /** Deepest nesting of arrays and objects in a JSON file. */
  maxJsonDepth: number;
  /** Most vertices of one boundary feature. */
  maxFeatureVertices: number;
  /** Most vertices of all features of one file together. */
  maxFileVertices: number;
  /** Most members listed in a ZIP container (an XLSX workbook, a boundary ZIP). */
  maxZipMembers: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxFileBytes: 1024 * MiB,
  maxInflatedBytes: 512 * MiB,
  maxRows: 5_000_000,
  maxJsonDepth: 64,
  maxFeatureVertices: 200_000,
  maxFileVertices: 40_000_000,
  maxZipMembers: 10_000,
};

/** The error for a bound that was passed: what, the bound, and (when known) how much was found. */
export function tooLarge(location: FileLocation, what: string, bound: string, found?: string): AppError {
  return new AppError(
    'INPUT_TOO_LARGE',
    `${what} exceeds the bound of ${bound}${found ? ` (${found})` : ''}; the file is refused before it exhausts memory or time`,
    { location: { ...location, expected: `at most ${bound}`, ...(found ? { found } : {}) } },
  );
}

/** "512 MiB" for a byte count. */
export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
