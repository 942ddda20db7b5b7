/** Every CLI command, in the order `veerkracht --help` lists them. */
import type { Command } from './command.js';
import { exportCommand } from './commands/export.js';
import { fetchCommand } from './commands/fetch.js';
import { harmoniseCommand } from './commands/harmonise.js';
import { importCommand } from './commands/import.js';
import { mapsCommand } from './commands/maps.js';
import { serveCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';

export const COMMANDS: readonly Command[] = [
  importCommand,
  statusCommand,
  exportCommand,
  harmoniseCommand,
  fetchCommand,
  mapsCommand,
  serveCommand,
  startCommand,
];
