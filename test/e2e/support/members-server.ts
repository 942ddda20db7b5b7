/**
 * A members-mode server for the browser flows: a temporary store with the generated demo
 * dataset, one organisation with an org-admin (password set through the service, as
 * `veerkracht users add --password-stdin` does), and the web app built from the current sources
 * into a temporary folder (so the flows test this code, whatever web/dist holds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { AccessMode } from '../../../src/api/members.js';
import { loadDemoDataset } from '../../../src/pipeline/demo/load-demo.js';
import { createApp } from '../../../src/server/app.js';
import { addUser, ensureOrganisation } from '../../../src/service/members/accounts.js';
import { createMembersContext } from '../../../src/service/members/members-context.js';
import { createReadContext } from '../../../src/service/read-context.js';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store.js';

export interface MembersServer {
  url: string;
  email: string;
  password: string;
  organisation: string;
  close(): Promise<void>;
}

/** Builds the web app into `outDir` with the project's Vite configuration. */
export async function buildWebInto(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: join(process.cwd(), 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export async function startMembersServer(access: AccessMode = 'members'): Promise<MembersServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vk-members-e2e-'));
  const webRoot = await buildWebInto(join(dir, 'web'));
  const store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
  await loadDemoDataset(store);
  const members = createMembersContext(createReadContext(store), { access });
  const organisation = 'Woonstichting Demo';
  const { organisation: org } = await ensureOrganisation(members, organisation);
  const email = 'adviseur@woonstichting-demo.example';
  const password = 'zomer aan de maas 2026';
  await addUser(members, 'cli', {
    email,
    name: 'Sanne de Vries',
    role: 'org-admin',
    organisationId: org.id,
    password,
  });
  const app = createApp(store, { webRoot, access });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    email,
    password,
    organisation,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
