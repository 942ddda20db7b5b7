import { basename } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { parseCommandArgs, type Command } from '../command.js';
import { buildWebApp, isViteInstalled, isWebAppBuilt, WEB_ROOT } from '../web-build.js';

/** How long requests in progress may take to finish after a stop signal. */
const GRACE_MS = 3000;

const HELP = `veerkracht serve [--port N] [--host H] [--division YYYY] [--config FILE]

Serves the API (/api, documented at /api/openapi.json) and the built web app (web/dist)
on the store in VEERKRACHT_DB (default ./data/veerkracht.db). Default port 8080 (0: any free
port; the URL is printed), host 127.0.0.1. Without a built web app it is built first when Vite
is installed; otherwise only the API is served.
Engine settings (thresholds, periods, weights, …) come from --config FILE, else VEERKRACHT_CONFIG,
else ./veerkracht.config.json when present (docs/method.md, "Configuration"); GET /api/config shows them.
Access: VEERKRACHT_ACCESS=public (default: maps readable without login) or members (every page and
data route needs a login or a share link); also "access" in the configuration file. Links the server
makes (share links, invitations) use VEERKRACHT_PUBLIC_URL (or "publicUrl") when set. With
VEERKRACHT_SMTP_URL (or "smtp") set, e.g. smtp://user:password@smtp.example.nl:587, invitation and
reset links are also mailed to the user (docs/security.md, "Mail"). Behind a
reverse proxy set VEERKRACHT_TRUST_PROXY=1 (client address from X-Forwarded-For, https from
X-Forwarded-Proto). Users: \`veerkracht users add\` (docs/security.md).
Ctrl-C (SIGINT) or SIGTERM stops the server: it stops accepting connections, lets requests in
progress finish (at most ${GRACE_MS / 1000} s), closes the store and exits 0.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web app and the HTTP API',
  async run(args, { signal }) {
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
    const rawPort = values.port ?? process.env['PORT'] ?? '8080';
    const port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535)
      throw new AppError('USAGE', `--port must be 0–65535, got '${rawPort}'`);
    const division = values.division === undefined ? undefined : Number(values.division);
    if (division !== undefined && !Number.isInteger(division))
      throw new AppError('USAGE', `--division must be a year, got '${values.division}'`);
    // Loaded here, not at the top, so that `serve --help` does not load Hono, zod and the store.
    const { loadConfig } = await import('../config-file.js');
    const config = loadConfig(values.config);
    await ensureWebApp(signal);
    if (signal.aborted) return;

    const [{ serve }, { createApp }, { openDefaultStore, storeLabel }, { smtpMailer }] = await Promise.all([
      import('@hono/node-server'),
      import('../../server/app.js'),
      import('../store-path.js'),
      import('../../service/members/mail.js'),
    ]);
    const store = await openDefaultStore();
    const mailer = config.deployment.smtp ? smtpMailer(config.deployment.smtp) : null;
    try {
      const app = createApp(store, {
        engineConfig: config.engine,
        configSource: config.file ? basename(config.file) : null,
        webRoot: WEB_ROOT,
        ...(division !== undefined ? { divisionYear: division } : {}),
        access: config.deployment.access,
        members: {
          publicUrl: config.deployment.publicUrl,
          trustProxy: process.env['VEERKRACHT_TRUST_PROXY'] === '1',
        },
        membersSettings: { mailer },
      });
      const hostname = values.host ?? '127.0.0.1';
      const server = serve({ fetch: app.fetch, hostname, port }, (info) => {
        process.stdout.write(`veerkracht: serving ${storeLabel()} on http://${hostname}:${info.port}\n`);
        process.stdout.write(`veerkracht: engine configuration: ${config.file ?? 'built-in defaults'}\n`);
        process.stdout.write(
          `veerkracht: access ${config.deployment.access}${config.deployment.access === 'public' ? ' (maps readable without login; writes need a login)' : ' (every page needs a login or a share link)'}\n`,
        );
        process.stdout.write(
          `veerkracht: mail: ${mailer ? `invitation and reset links are also mailed through ${mailer.description}` : 'no SMTP server (invitation and reset links are shown to whoever makes them)'}\n`,
        );
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e: Error) =>
          reject(new AppError('USAGE', `cannot listen on ${hostname}:${port}: ${e.message}`, { cause: e })),
        );
        const stop = (): void => {
          server.close(() => resolve());
          if ('closeIdleConnections' in server) {
            server.closeIdleConnections(); // keep-alive connections waiting for a next request
            setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
          }
        };
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      });
    } finally {
      mailer?.close();
      await store.close();
    }
  },
};

/** Builds web/dist when it is missing and Vite is available; else says on stderr how to build it. */
async function ensureWebApp(signal: AbortSignal): Promise<void> {
  if (isWebAppBuilt()) return;
  let reason = 'Vite, which builds it, is not installed';
  if (isViteInstalled()) {
    process.stdout.write('veerkracht: building the web app…\n');
    const outcome = await buildWebApp(signal);
    if (outcome.built || signal.aborted) return;
    reason = outcome.reason;
  }
  process.stderr.write(
    `veerkracht: the web app is not built (${reason}); serving the API only. Build it with \`npm run build\` (or \`npm install\`) and start again.\n`,
  );
}
