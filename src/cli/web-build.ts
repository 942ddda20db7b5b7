/**
 * The built web app that `veerkracht serve` serves: web/dist of this package (found from this
 * file, so the CLI works from any directory), built with Vite when it is missing and Vite is
 * installed (a development checkout; `npm install` builds it through `prepare`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this file is src/cli/web-build.ts, or dist/cli/web-build.js once compiled. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folder of the built web app. */
export const WEB_ROOT = join(PACKAGE_ROOT, 'web', 'dist');

const VITE = join(PACKAGE_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** True when web/dist holds a built app (index.html). */
export function isWebAppBuilt(): boolean {
  return existsSync(join(WEB_ROOT, 'index.html'));
}

/** True when Vite is installed (a development install), so the web app can be built. */
export function isViteInstalled(): boolean {
  return existsSync(VITE);
}

/** Whether the build produced web/dist/index.html, and if not why. */
export type WebBuildOutcome = { built: true } | { built: false; reason: string };

/**
 * Builds the web app with Vite (`vite build --config web/vite.config.ts`), its output going to
 * stderr. When Vite is missing, or the build fails or is stopped by `signal`, the outcome says
 * why (the caller then serves the API without the app).
 */
export async function buildWebApp(signal: AbortSignal): Promise<WebBuildOutcome> {
  if (!isViteInstalled()) return { built: false, reason: 'Vite, which builds it, is not installed' };
  const status = await new Promise<number | string>((resolve) => {
    const child = spawn(
      process.execPath,
      [VITE, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      { cwd: PACKAGE_ROOT, stdio: ['ignore', 2, 2], signal },
    );
    child.on('error', (e) => resolve(e.message));
    child.on('close', (code, sig) => resolve(code ?? `stopped by ${sig ?? 'a signal'}`));
  });
  if (status === 0 && isWebAppBuilt()) return { built: true };
  return {
    built: false,
    reason: typeof status === 'number' ? `vite build exited with status ${status}` : status,
  };
}
