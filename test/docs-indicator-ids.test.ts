import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOGUE } from '../src/domain/indicator-catalogue.js';

describe('docs/data-sources.md', () => {
  it('documents every stable indicator id of the catalogue', () => {
    const doc = readFileSync('docs/data-sources.md', 'utf8');
    const missing = INDICATOR_CATALOGUE.map((c) => c.id).filter((id) => !doc.includes(`| \`${id}\` |`));
    expect(missing).toEqual([]);
  });
});
