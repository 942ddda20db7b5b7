import { describe, expect, it } from 'vitest';
import type { GemeentenResponse } from '../../src/api/schemas.js';
import { loadedSources, loadedSourcesLine, loadedSourceTitle } from '../../web/src/layout/loaded-sources.js';

const response = (editions: GemeentenResponse['editions'], demo = false): GemeentenResponse => ({
  gemeenten: [],
  editions,
  divisionYear: 2024,
  demo,
});
const edition = (source: string, name: string) => ({ source, edition: name, table: null });

describe('loadedSourcesLine(gemeenten, lang)', () => {
  it('names the demo set, and no official source, when the server holds the demo set', () => {
    const demo = response([edition('demo', 'demo — fictieve gegevens')], true);
    expect(loadedSourcesLine(demo, 'nl')).toBe(
      'Bron: demonstratieset met fictieve gegevens (geen officiële bronnen geladen) — Gemaakt met Veerkracht (open data, open methode).',
    );
    expect(loadedSourcesLine(demo, 'en')).toBe(
      'Source: demonstration set of fictitious data (no official sources loaded) — Made with Veerkracht (open data, open method).',
    );
  });

  it('names the loaded sources only, in the app’s order of sources, each once', () => {
    const loaded = response([
      edition('lbm', 'Leefbaarometer 3.0 meting 2024'),
      edition('kwb', 'CBS KWB 2019'),
      edition('geo', 'Grenzen indeling 2019'),
      edition('kwb', 'CBS KWB 2020'),
    ]);
    expect(loadedSourcesLine(loaded, 'nl')).toBe(
      'Bron: CBS/PDOK wijk- en buurtgrenzen, CBS Kerncijfers wijken en buurten (KWB), Leefbaarometer (BZK) — Gemaakt met Veerkracht (open data, open methode).',
    );
    expect(loadedSourcesLine(loaded, 'en')).toContain(
      'Source: CBS/PDOK district and buurt boundaries, CBS Key figures districts and buurten (KWB), Leefbaarometer (liveability, BZK) —',
    );
  });

  it('says that nothing is loaded on an empty server', () => {
    expect(loadedSourcesLine(response([]), 'nl')).toBe(
      'Er zijn nog geen gegevens geladen — Gemaakt met Veerkracht (open data, open methode).',
    );
  });
});

describe('loadedSources(gemeenten)', () => {
  it('leaves out bookkeeping editions that were not imported, and puts unknown sources last', () => {
    const loaded = response([
      edition('extra', 'Eigen telling 2023'),
      edition('politie', 'Politie 47022NED (not imported)'),
      edition('rivm', 'RIVM 50090NED'),
    ]);
    expect(loadedSources(loaded)).toEqual(['rivm', 'extra']);
  });
});

describe('loadedSourceTitle(source, lang)', () => {
  it('names the demo source in words, and the others as the app’s source titles', () => {
    expect(loadedSourceTitle('demo', 'nl')).toBe('Demonstratieset (fictieve gegevens)');
    expect(loadedSourceTitle('demo', 'en')).toBe('Demonstration set (fictitious data)');
    expect(loadedSourceTitle('kwb', 'nl')).toBe('CBS Kerncijfers wijken en buurten (KWB)');
  });
});
