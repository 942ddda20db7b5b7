/**
 * The stand-in for the official services, on one local port: opendata.cbs.nl and
 * dataderden.cbs.nl (CBS OData v3 API and Feed), datasets.cbs.nl (OData v4), service.pdok.nl
 * (atom feeds and GeoPackages) and www.leefbaarometer.nl (the open-data zip). A request is
 * routed by its first path segment (`http://127.0.0.1:<port>/opendata.cbs.nl/ODataFeed/…`) —
 * the layout `--base-url http://127.0.0.1:<port>` maps every official host to — or, without
 * one, by its Host header. Every request is logged; `faults` injects what the real services do
 * on a bad day (5xx with Retry-After, a connection dropped mid-body, a hang, a reset).
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CbsProperty } from '../../src/pipeline/fetch/odata-pages.js';
import { parseOriginMap, type OriginMap } from '../../src/pipeline/fetch/origins.js';
import { KWB_TABLES } from '../../src/pipeline/sources/kwb/kwb-edition.js';
import { handleCbsV3, handleCbsV4 } from './cbs-services.js';
import { kwbTable, policeTable, rivmTable, type CbsTable } from './cbs-tables.js';
import { datasetFeed, geoPackageFile, leefbaarometerZip, PDOK_NAMES, serviceFeed } from './geo-and-lbm.js';
import type { Nation } from './national-set.js';

export const HOSTS = [
  'opendata.cbs.nl',
  'dataderden.cbs.nl',
  'datasets.cbs.nl',
  'service.pdok.nl',
  'www.leefbaarometer.nl',
] as const;

export interface Exchange {
  req: IncomingMessage;
  host: string;
  /** Path after the host segment. */
  path: string;
  url: URL;
  method: string;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  text(status: number, body: string, contentType: string): void;
  file(path: string, contentType: string): void;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'drop'; /** bytes of the body sent before the connection is cut (default half) */ after?: number }
  | { kind: 'hang' }
  /** a file response sends `after` bytes (default half) and then nothing more */
  | { kind: 'stall'; after?: number }
  | { kind: 'reset' };

export interface FaultRule {
  host?: string;
  path: RegExp;
  /** Also match the decoded query string. */
  search?: RegExp;
  fault: Fault;
  /** How many matching requests get the fault (then it is gone); Infinity for always. */
  times: number;
}

export interface LoggedRequest {
  host: string;
  method: string;
  path: string;
  search: string;
  range: string | undefined;
  status: number;
}

export interface StandInOptions {
  nation: Nation;
  /** The real DataProperties of 85984NED; without them no KWB tables are served. */
  kwbProperties?: readonly (CbsProperty & Record<string, unknown>)[];
  kwbYears?: readonly number[];
  /** KWB table id → the status v3 answers (the table is then on OData v4 only). */
  goneFromV3?: Readonly<Record<string, 404 | 410>>;
  /** PDOK years and names (default PDOK_NAMES). */
  pdok?: Readonly<Record<number, string>>;
  /** Size of the Leefbaarometer zip's grid file (default 4 MB). */
  lbmFillerBytes?: number;
  /** Folder for generated files (default: a new temporary folder). */
  workDir?: string;
}

export interface StandIn {
  url: string;
  /** The origin map that sends every official host here. */
  origins: OriginMap;
  log: LoggedRequest[];
  faults: FaultRule[];
  tables: Map<string, CbsTable>;
  workDir: string;
  /** Generates every served file now (benchmarks time downloads, not the stand-in's generation). */
  prepareFiles(): void;
  close(): Promise<void>;
}

function buildTables(o: StandInOptions): Map<string, CbsTable> {
  const tables = new Map<string, CbsTable>();
  if (o.kwbProperties)
    for (const year of o.kwbYears ?? o.nation.years) {
      const id = KWB_TABLES[year];
      if (!id) continue;
      const t = kwbTable(id, year, o.nation, o.kwbProperties);
      const gone = o.goneFromV3?.[id];
      tables.set(id, gone ? { ...t, goneFromV3: gone } : t);
    }
  const last = o.nation.years.at(-1)!;
  tables.set('50150NED', rivmTable(o.nation, last));
  tables.set('47022NED', policeTable(o.nation, last));
  return tables;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const tables = buildTables(options);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'vk-stand-in-'));
  const ownWorkDir = options.workDir === undefined;
  const pdok = options.pdok ?? PDOK_NAMES;
  const log: LoggedRequest[] = [];
  const faults: FaultRule[] = [];
  const open = new Set<ServerResponse>();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    open.add(res);
    res.once('close', () => open.delete(res));
    const raw = new URL(req.url ?? '/', 'http://stand-in');
    const first = raw.pathname.split('/')[1] ?? '';
    const byPath = (HOSTS as readonly string[]).includes(first);
    const host = byPath ? first : String(req.headers.host ?? '').replace(/:\d+$/, '');
    const path = byPath ? raw.pathname.slice(first.length + 1) || '/' : raw.pathname;
    const entry: LoggedRequest = {
      host,
      method: req.method ?? 'GET',
      path,
      search: decodeURIComponent(raw.search),
      range: req.headers.range,
      status: 0,
    };
    log.push(entry);
    const rule = faults.find(
      (f) => (f.host === undefined || f.host === host) && f.path.test(path) && f.times > 0,
    );
    if (rule) rule.times--;
    const fault = rule?.fault;
    const send = (status: number, headers: Record<string, string>, body: Buffer): void => {
      entry.status = status;
      if (fault?.kind === 'drop') {
        res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
        res.write(body.subarray(0, fault.after ?? Math.floor(body.length / 2)), () =>
          setTimeout(() => res.socket?.destroy(), 10),
        );
        return;
      }
      res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (fault?.kind === 'reset') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      entry.status = 200;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(' ');
      return;
    }
    if (fault?.kind === 'status') {
      send(
        fault.status,
        {
          'Content-Type': 'application/json',
          ...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}),
        },
        Buffer.from(
          JSON.stringify({
            'odata.error': { code: '', message: { lang: 'en-US', value: 'Service Unavailable' } },
          }),
        ),
      );
      return;
    }
    const x: Exchange = {
      req,
      host,
      path,
      url: raw,
      method: req.method ?? 'GET',
      json: (status, body, headers = {}) =>
        send(
          status,
          { 'Content-Type': 'application/json;charset=utf-8', ...headers },
          Buffer.from(JSON.stringify(body)),
        ),
      text: (status, body, contentType) => send(status, { 'Content-Type': contentType }, Buffer.from(body)),
      file: (filePath, contentType) => {
        const size = statSync(filePath).size;
        const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
        const from = m ? Number(m[1]) : 0;
        const to = m && m[2] ? Number(m[2]) : size - 1;
        if (m && from >= size) {
          entry.status = 416;
          res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
          return;
        }
        const headers: Record<string, string> = {
          'Content-Type': contentType,
          'Accept-Ranges': 'bytes',
          'Content-Length': String(to - from + 1),
          ...(m ? { 'Content-Range': `bytes ${from}-${to}/${size}` } : {}),
        };
        entry.status = m ? 206 : 200;
        res.writeHead(entry.status, headers);
        if (req.method === 'HEAD') return void res.end();
        const stream = createReadStream(filePath, { start: from, end: to });
        if (fault?.kind === 'drop' || fault?.kind === 'stall') {
          const cut = fault.kind === 'drop';
          let sent = 0;
          const limit = fault.after ?? Math.floor((to - from + 1) / 2);
          stream.on('data', (chunk) => {
            const c = chunk as Buffer;
            if (sent + c.length >= limit) {
              res.write(c.subarray(0, limit - sent));
              stream.destroy();
              if (cut) setTimeout(() => res.socket?.destroy(), 10);
            } else res.write(c);
            sent += c.length;
          });
          return;
        }
        stream.pipe(res);
      },
    };
    try {
      if (host === 'opendata.cbs.nl' || host === 'dataderden.cbs.nl') {
        if (handleCbsV3(x, tables)) return;
      } else if (host === 'datasets.cbs.nl') {
        if (handleCbsV4(x, tables)) return;
      } else if (host === 'service.pdok.nl') {
        const m =
          /^\/cbs\/wijkenbuurten\/(\d{4})\/atom\/(index\.xml|wijkenbuurten\.xml|downloads\/([^/]+))$/.exec(
            path,
          );
        const year = Number(m?.[1]);
        const name = pdok[year];
        if (m && name) {
          const gpkg = (): string => geoPackageFile(join(workDir, 'pdok'), options.nation, year, name);
          if (m[2] === 'index.xml') return x.text(200, serviceFeed(year), 'application/atom+xml');
          if (m[2] === 'wijkenbuurten.xml')
            return x.text(200, datasetFeed(year, name, statSync(gpkg()).size), 'application/atom+xml');
          if (m[3] === name) return x.file(gpkg(), 'application/geopackage+sqlite3');
        }
      } else if (
        host === 'www.leefbaarometer.nl' &&
        path === '/resources/open-data-leefbaarometer-meting-2024.zip'
      ) {
        return x.file(
          leefbaarometerZip(join(workDir, 'lbm'), options.nation, options.lbmFillerBytes ?? 4 * 1024 * 1024),
          'application/zip',
        );
      }
      x.text(404, `<html><body><h1>404 Not Found</h1>${host}${path}</body></html>`, 'text/html');
    } catch (e) {
      x.text(500, `stand-in error: ${(e as Error).stack ?? String(e)}`, 'text/plain');
    }
  };

  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    origins: parseOriginMap([url]),
    log,
    faults,
    tables,
    workDir,
    prepareFiles() {
      for (const [year, name] of Object.entries(pdok))
        if (options.nation.years.includes(Number(year)))
          geoPackageFile(join(workDir, 'pdok'), options.nation, Number(year), name);
      leefbaarometerZip(join(workDir, 'lbm'), options.nation, options.lbmFillerBytes ?? 4 * 1024 * 1024);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => {
          if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
