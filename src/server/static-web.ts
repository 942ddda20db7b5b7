/**
 * Serves the built web app (web/dist) for every non-/api path: a file when it exists, else
 * index.html (client-side routes). A path with malformed percent-encoding is a 400. Without a
 * build, every page says how to build it (503) while the API works.
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
    const path = decodePath(c.req.path);
    if (path === undefined)
      return new Response('400 Bad Request: malformed percent-encoding in the path\n', {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    const rel = normalize(path).replace(/^([/\\])+/, '');
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

/** The decoded path, or undefined when its percent-encoding is malformed (e.g. "/%E0%A4%A"). */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The handler when there is no build: a page saying how to build the web app (503). */
export function webNotBuilt(root: string) {
  const text = [
    'Veerkracht: the web app is not built.',
    `There is no index.html in ${resolve(root)}.`,
    'Build it with `npm run build` (`npm install` does this too), then reload this page.',
    'The HTTP API works meanwhile: /api/openapi.json describes it.',
    '',
  ].join('\n');
  return (): Response =>
    new Response(text, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
