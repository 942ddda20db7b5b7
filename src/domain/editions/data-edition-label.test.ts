import { describe, expect, it } from 'vitest';
import { dataEditionLabel } from './data-edition-label.js';

describe('dataEditionLabel(label, lang)', () => {
  it('reads the store’s Dutch label in English, and leaves Dutch and other labels as they are', () => {
    expect(dataEditionLabel('editie 2026-1', 'en')).toBe('edition 2026-1');
    expect(dataEditionLabel('editie 2026-12', 'en')).toBe('edition 2026-12');
    expect(dataEditionLabel('editie 2026-1', 'nl')).toBe('editie 2026-1');
    expect(dataEditionLabel('Voorjaarseditie gemeente', 'en')).toBe('Voorjaarseditie gemeente');
    expect(dataEditionLabel('eerste editie 2026-1', 'en')).toBe('eerste editie 2026-1');
  });
});
