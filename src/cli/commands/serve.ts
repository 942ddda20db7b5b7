import { basename } from 'node:path';
import { serve } from '@hono/node-server';
import { AppError } from '../../core/app-error.js';
import { createApp } from '../../server/app.js';
import { parseCommandArgs, type Command } from '../command.js';
import { loadConfig } from '../config-file.js';
import { openDefaultStore, storePath } from '../store-path.js';

const HELP = `veerkracht serve [--port N] [--host H] [--division YYYY] [--config FILE]

Serves the API (/api, documented at /api/openapi.json) and the built web app (web/dist)
on the store in VEERKRACHT_DB (default ./data/veerkracht.db). Default port 8080, host 127.0.0.1.
Engine settings (thresholds, periods, weights, …) come from --config FILE, else VEERKRACHT_CONFIG,
else ./veerkracht.config.json when present (docs/method.md, "Configuration"); GET /api/config shows them.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web app and the HTTP API',
  async run(args) {
    const { values } = parseCommandArgs(
      'serve',
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        division: { type: 'string' },
        config: { type: 'string' },
      },
      HELP,
    );
    const port = Number(values.port ?? process.env['PORT'] ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new AppError('USAGE', `--port must be 0–65535, got '${values.port}'`);
    const division = values.division === undefined ? undefined : Number(values.division);
    if (division !== undefined && !Number.isInteger(division))
      throw new AppError('USAGE', `--division must be a year, got '${values.division}'`);
    const config = loadConfig(values.config);
    const store = openDefaultStore();
    const app = createApp(store, {
      engineConfig: config.engine,
      configSource: config.file ? basename(config.file) : null,
      ...(division !== undefined ? { divisionYear: division } : {}),
    });
    const hostname = values.host ?? '127.0.0.1';
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, hostname, port }, (info) => {
        process.stdout.write(`veerkracht: serving ${storePath()} on http://${hostname}:${info.port}\n`);
        process.stdout.write(`veerkracht: engine configuration: ${config.file ?? 'built-in defaults'}\n`);
      });
      const stop = () => server.close(() => void store.close().then(resolve));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
