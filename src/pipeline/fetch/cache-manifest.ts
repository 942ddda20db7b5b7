/**
 * The download cache's manifest (`<cache>/.manifest.json`): per finished file its URL, size,
 * SHA-256 and download date. A file is taken from the cache, never downloaded again, when the
 * manifest lists it for the same URL and the file on disk has the recorded size. Dot-names keep
 * the manifest and partial downloads out of `veerkracht import <cache>`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ManifestEntry {
  url: string;
  size: number;
  sha256: string;
  /** ISO date-time of the download. */
  date: string;
}

export interface CacheManifest {
  dir: string;
  /** Entry for a cache-relative path, when the file is complete on disk. */
  findComplete(relPath: string, url: string): ManifestEntry | undefined;
  record(relPath: string, entry: ManifestEntry): void;
  /** Absolute path of a cache-relative path (its folder is created). */
  pathOf(relPath: string): string;
}

const NAME = '.manifest.json';

export function openCacheManifest(dir: string): CacheManifest {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, NAME);
  let entries: Record<string, ManifestEntry> = {};
  if (existsSync(file)) {
    try {
      entries =
        (JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, ManifestEntry> }).files ?? {};
    } catch {
      // A damaged manifest only costs a re-download; files are verified by size anyway.
      entries = {};
    }
  }
  const save = (): void => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ files: entries }, null, 2)}\n`);
    renameSync(tmp, file);
  };
  return {
    dir,
    findComplete(relPath, url) {
      const e = entries[relPath];
      if (!e || e.url !== url) return undefined;
      const abs = join(dir, relPath);
      return existsSync(abs) && statSync(abs).size === e.size ? e : undefined;
    },
    record(relPath, entry) {
      entries[relPath] = entry;
      save();
    },
    pathOf(relPath) {
      const abs = join(dir, relPath);
      mkdirSync(dirname(abs), { recursive: true });
      return abs;
    },
  };
}
