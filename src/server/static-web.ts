/**
 * Serves the built web app (web/dist) for every non-/api path: a file when it exists, else
 * index.html (client-side routes). Only mounted when the folder exists.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** True when the folder holds a built app (index.html). */
export function hasWebBuild(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

/** A handler serving files under `root`, falling back to index.html. */
export function staticWeb(root: string) {
  const base = resolve(root);
  return (c: Context): Response => {
    const rel = normalize(decodeURIComponent(c.req.path)).replace(/^([/\\])+/, '');
    const candidate = resolve(base, rel);
    const inside = candidate === base || candidate.startsWith(base + sep);
    const file =
      inside && rel && existsSync(candidate) && statSync(candidate).isFile()
        ? candidate
        : join(base, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.includes(`${sep}assets${sep}`);
    return new Response(readFileSync(file), {
      headers: {
        'Content-Type': type,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  };
}
