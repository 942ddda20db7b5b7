import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-list.js';
import { CLI, runCli } from './run-cli.js';

/** Runs the CLI with a module hook that prints every resolved node_modules package to stderr. */
function packagesLoadedBy(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; packages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-modules-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(r.url);
  if (m) writeSync(2, 'PACKAGE ' + m[1] + '\\n');
  return r;
}
`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const withHook = runCli(args, {
    ...env,
    NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}`,
  });
  const packages = [...withHook.stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]!);
  return { status: withHook.status, stdout: withHook.stdout, packages: [...new Set(packages)] };
}

describe('veerkracht --help (start-up)', () => {
  it('lists every command without loading any package (no Hono, Kysely, zod, ExcelJS, SQLite)', () => {
    const r = packagesLoadedBy(['--help']);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name.padEnd(10)} ${c.summary}`);
    expect(r.packages).toEqual([]);
  });

  it.each(['import', 'status', 'harmonise', 'fetch', 'serve', 'start'])(
    '%s --help prints its options and exits 0 without loading its implementation',
    (name) => {
      const r = packagesLoadedBy([name, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^veerkracht ${name}\\b`));
      expect(r.packages).toEqual([]);
    },
  );

  it('(the check sees packages: `status` loads better-sqlite3 and Kysely, not Hono)', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'vk-cli-status-')), 'store.db');
    const r = packagesLoadedBy(['status'], { VEERKRACHT_DB: db });
    expect(r.status).toBe(0);
    expect(r.packages).toEqual(expect.arrayContaining(['better-sqlite3', 'kysely']));
    expect(r.packages).not.toContain('hono');
  });

  it('exits 64 with the usage for no command or an unknown one', () => {
    expect(runCli([], {}).status).toBe(64);
    const unknown = runCli(['frobnicate'], {});
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain("veerkracht: unknown command 'frobnicate'");
  });

  it('refuses an unknown option with USAGE (exit 64), naming it', () => {
    const r = runCli(['status', '--colour'], {});
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/error USAGE: status: .*--colour/);
  });
});

describe('COMMANDS (src/cli/command-list.ts)', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    "%s: the static name and summary are the command module's",
    async (_name, entry) => {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    },
  );
});

describe('bin/veerkracht.mjs', () => {
  it('says in one line how to build when dist/ is missing, and exits 1', () => {
    const copy = mkdtempSync(join(tmpdir(), 'vk-unbuilt-'));
    mkdirSync(join(copy, 'bin'));
    copyFileSync(CLI, join(copy, 'bin', 'veerkracht.mjs'));
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'veerkracht.mjs'), '--help'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('veerkracht is not built: run `npm install` or `npm run build`\n');
  });
});
