/**
 * Every CLI command, in the order `veerkracht --help` lists them. Name and summary are static;
 * the implementation (and with it Hono, Kysely, zod, ExcelJS, …) is loaded with `import()` only
 * when the command runs, so `veerkracht --help` starts in a few tens of milliseconds.
 * test/cli/command-list.test.ts checks that each summary matches its command module's.
 */
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  /** The command's module, loaded on first use. */
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'import',
    summary: 'import official open-data files (KWB, boundaries, Leefbaarometer, RIVM, police, tidy CSV)',
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  {
    name: 'status',
    summary: 'what the store holds: editions, areas, coverage per indicator',
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  {
    name: 'export',
    summary: 'stored values per buurt of a gemeente as CSV or GeoJSON',
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'harmonise',
    summary: 'carry values of earlier divisions onto one reference division (by code or area overlay)',
    load: async () => (await import('./commands/harmonise.js')).harmoniseCommand,
  },
  {
    name: 'fetch',
    summary:
      'download official open data (CBS, PDOK, Leefbaarometer, RIVM, police) into a cache and import it',
    load: async () => (await import('./commands/fetch.js')).fetchCommand,
  },
  {
    name: 'maps',
    summary: 'one map (or per-gemeente class figures) as CSV or GeoJSON',
    load: async () => (await import('./commands/maps.js')).mapsCommand,
  },
  {
    name: 'report',
    summary:
      'the report of a gemeente or region as PDF (cover, key figures, the nine maps, buurt table, method)',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  {
    name: 'serve',
    summary: 'serve the web app and the HTTP API',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'users',
    summary: 'manage accounts: add (the first admin too), list, disable, enable, reset-link',
    load: async () => (await import('./commands/users.js')).usersCommand,
  },
  {
    name: 'own-stock',
    summary: "load or clear an organisation's own stock (dwellings per buurt or per complex)",
    load: async () => (await import('./commands/own-stock.js')).ownStockCommand,
  },
  {
    name: 'postcodes',
    summary: "load CBS's postcode–house number table (the buurt of every address) for own stock by address",
    load: async () => (await import('./commands/postcodes.js')).postcodesCommand,
  },
  {
    name: 'start',
    summary: 'load data into an empty store (official when online, else a labelled demo) and serve',
    load: async () => (await import('./commands/start.js')).startCommand,
  },
];

/** The entry named `name`, or undefined. */
export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
