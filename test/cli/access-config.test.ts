/** The access mode and public URL of a deployment: configuration file, environment over it, errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config-file.js';
import { AppError } from '../../src/core/app-error.js';

describe('access mode and public URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-access-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  it('is public without a URL by default', () => {
    expect(loadConfig(undefined, {}, dir).deployment).toMatchObject({
      access: 'public',
      publicUrl: null,
      editionsRetain: 5,
    });
  });

  it('comes from the configuration file next to the engine settings, the environment overriding it', () => {
    const path = file('members.json', {
      access: 'members',
      publicUrl: 'https://kaarten.example.nl/',
      thresholds: { concentration: 0.5 },
    });
    const loaded = loadConfig(path, {}, dir);
    expect(loaded.deployment).toMatchObject({ access: 'members', publicUrl: 'https://kaarten.example.nl' });
    expect(loaded.engine.thresholds.concentration).toBe(0.5);
    expect(loadConfig(path, { VEERKRACHT_ACCESS: 'public' }, dir).deployment.access).toBe('public');
    expect(loadConfig(undefined, { VEERKRACHT_ACCESS: 'members' }, dir).deployment.access).toBe('members');
  });

  it('refuses an unknown mode or a URL with a path, naming where it came from', () => {
    const bad = file('bad.json', { access: 'private' });
    expect(() => loadConfig(bad, {}, dir)).toThrow(AppError);
    expect(() => loadConfig(bad, {}, dir)).toThrow(
      /bad\.json: access: expected "public" or "members", found "private"/,
    );
    expect(() => loadConfig(undefined, { VEERKRACHT_ACCESS: 'open' }, dir)).toThrow(
      /^VEERKRACHT_ACCESS: expected/,
    );
    expect(() => loadConfig(undefined, { VEERKRACHT_PUBLIC_URL: 'https://x.example/kaarten' }, dir)).toThrow(
      /VEERKRACHT_PUBLIC_URL: expected a scheme and host/,
    );
  });
});
