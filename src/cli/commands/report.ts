import { writeFile } from 'node:fs/promises';
import { AppError, ERROR_CODES, type ErrorCode } from '../../core/app-error.js';
import { parseCommandArgs, type Command } from '../command.js';

const HELP = `veerkracht report --area GM0917|<region id> --out FILE.pdf [--lang nl|en] [--edition N] [--public-url URL] [--config FILE]

Writes the report of a gemeente or region as PDF (A4 landscape) — the same as GET
/api/reports/<area>.pdf: a cover with the deep link and its QR code, key figures, the nine maps
one per page (legend with counts, how to read, sources), the buurten whose class changed since
the previous period, the buurt table, the method in brief and the sources. The app itself is
started in this process (no port is opened) and prints its report page with Chromium
(/usr/bin/chromium, or VEERKRACHT_CHROMIUM); the web app must be built (npm run build).
--edition N makes the report of that data edition (\`veerkracht status\` lists them), default the newest.
Deep links in the report start with --public-url, else VEERKRACHT_PUBLIC_URL ("publicUrl" in the
configuration), else http://localhost:8080 (what \`veerkracht serve\` serves).
Engine settings come from --config FILE, else VEERKRACHT_CONFIG, else ./veerkracht.config.json.`;

export const reportCommand: Command = {
  name: 'report',
  summary:
    'the report of a gemeente or region as PDF (cover, key figures, the nine maps, buurt table, method)',
  async run(args) {
    const { values } = parseCommandArgs(
      'report',
      args,
      {
        area: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string' },
        edition: { type: 'string' },
        'public-url': { type: 'string' },
        config: { type: 'string' },
      },
      HELP,
    );
    if (!values.area)
      throw new AppError('USAGE', 'report needs --area (a gemeente code such as GM0917, or a region id)');
    if (!values.out) throw new AppError('USAGE', 'report needs --out FILE.pdf');
    const lang = values.lang ?? 'nl';
    if (lang !== 'nl' && lang !== 'en') throw new AppError('USAGE', `--lang must be nl or en, got '${lang}'`);

    // loaded only now, so that --help does not load Hono, the engine and the store
    const [{ loadConfig }, { createApp }, { PrintBrowser }, { openDefaultStore }, web] = await Promise.all([
      import('../config-file.js'),
      import('../../server/app.js'),
      import('../../server/print-browser.js'),
      import('../store-path.js'),
      import('../web-build.js'),
    ]);
    if (!web.isWebAppBuilt())
      throw new AppError(
        'USAGE',
        `the report prints the web app, which is not built (no ${web.WEB_ROOT}/index.html): run \`npm run build\``,
      );
    const config = loadConfig(values.config);
    const publicUrl = values['public-url'] ?? config.deployment.publicUrl ?? 'http://localhost:8080';
    if (!/^https?:\/\/[^/]+/.test(publicUrl))
      throw new AppError('USAGE', `--public-url must be an http(s) URL, got '${publicUrl}'`);
    const store = await openDefaultStore({ readonly: true });
    const printer = new PrintBrowser();
    try {
      const app = createApp(store, {
        engineConfig: config.engine,
        webRoot: web.WEB_ROOT,
        access: 'public',
        members: { publicUrl },
        printer,
      });
      const query = new URLSearchParams();
      if (lang === 'en') query.set('lang', 'en');
      if (values.edition !== undefined) query.set('edition', values.edition);
      const path = `/api/reports/${encodeURIComponent(values.area)}.pdf${query.size > 0 ? `?${query.toString()}` : ''}`;
      const res = await app.request(`http://localhost${path}`);
      if (!res.ok) throw await responseError(res);
      const pdf = Buffer.from(await res.arrayBuffer());
      await writeFile(values.out, pdf);
      process.stdout.write(
        `veerkracht: report of ${values.area} written to ${values.out} (${Math.round(pdf.length / 1024)} kB)\n`,
      );
    } finally {
      await printer.close();
      await store.close();
    }
  },
};

/** The API's error as the CLI's own (same code, same message). */
async function responseError(res: Response): Promise<AppError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code;
  const known = code !== undefined && Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'INTERNAL';
  return new AppError(known, body?.error?.message ?? `the report failed with HTTP ${res.status}`);
}
