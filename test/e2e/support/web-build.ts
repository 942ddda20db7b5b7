/** Builds web/dist with Vite when it is missing (the test command builds it first anyway). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_DIST = join(process.cwd(), 'web', 'dist');

export async function ensureWebBuilt(): Promise<string> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(process.cwd(), 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
  return WEB_DIST;
}
