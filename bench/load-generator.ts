/**
 * A small HTTP load generator for the benchmarks, run in its own process so that it does not
 * share the server's event loop: N keep-alive connections request one URL until M requests are
 * done, then the latency percentiles are sent to the parent (IPC) or printed.
 * Usage (child): LOAD_URL=http://127.0.0.1:port/path LOAD_CONNECTIONS=50 LOAD_REQUESTS=10000 tsx bench/load-generator.ts
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
}

export async function runLoad(
  url: string,
  connections: number,
  requests: number,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const u = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const once = () =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const start = performance.now();
      const req = request(
        { host: u.hostname, port: u.port, path: u.pathname + u.search, agent, headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < 200; i++) await once();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests) {
        next++;
        const r = await once();
        if (r.status !== 200) errors++;
        latencies.push(r.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return {
    requests,
    seconds,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies[latencies.length - 1]!,
    errors,
  };
}

if (process.env['LOAD_URL']) {
  const result = await runLoad(
    process.env['LOAD_URL'],
    Number(process.env['LOAD_CONNECTIONS'] ?? 50),
    Number(process.env['LOAD_REQUESTS'] ?? 10_000),
    { 'Accept-Encoding': 'gzip' },
  );
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}
