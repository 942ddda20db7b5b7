// Vite 7 config of the web app (root web/, output web/dist). In development /api is proxied to
// `veerkracht serve` on :8080. MapLibre GL 6 resolves its worker relative to the bundle and Vite
// does not emit it, so the plugin below serves it in dev and writes it next to index.html.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const WORKER = 'maplibre-gl-worker.mjs';

function maplibreWorker(): Plugin {
  const workerPath = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist', WORKER);
  return {
    name: 'veerkracht:maplibre-worker',
    configureServer(server) {
      server.middlewares.use(`/${WORKER}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript');
        res.end(readFileSync(workerPath));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKER, source: readFileSync(workerPath) });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [maplibreWorker()],
  build: {
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
