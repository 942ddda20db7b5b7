/** `editions.retain` (veerkracht.config.json) and VEERKRACHT_EDITIONS_RETAIN: how many data editions keep their content. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config-file.js';

describe('editions.retain in the configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-editions-config-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  it('is 5 by default, else the file, the environment overriding it', () => {
    expect(loadConfig(undefined, {}, dir).deployment.editionsRetain).toBe(5);
    const path = file('keep3.json', { editions: { retain: 3 }, minPopulation: 100 });
    expect(loadConfig(path, {}, dir).deployment.editionsRetain).toBe(3);
    expect(loadConfig(path, {}, dir).engine.minPopulation).toBe(100);
    expect(loadConfig(path, { VEERKRACHT_EDITIONS_RETAIN: '8' }, dir).deployment.editionsRetain).toBe(8);
  });

  it('refuses what is not a whole number of at least 1, or an unknown key, naming where it came from', () => {
    expect(() => loadConfig(file('zero.json', { editions: { retain: 0 } }), {}, dir)).toThrow(
      /zero\.json: editions\.retain: expected a whole number of at least 1, found 0/,
    );
    expect(() => loadConfig(file('keys.json', { editions: { keep: 2 } }), {}, dir)).toThrow(
      /keys\.json: editions\.keep: unknown key \(allowed: retain\)/,
    );
    expect(() => loadConfig(file('list.json', { editions: [5] }), {}, dir)).toThrow(
      /list\.json: editions: expected an object/,
    );
    expect(() => loadConfig(undefined, { VEERKRACHT_EDITIONS_RETAIN: 'alle' }, dir)).toThrow(
      /^VEERKRACHT_EDITIONS_RETAIN: expected a whole number of at least 1, found "alle"/,
    );
  });
});
