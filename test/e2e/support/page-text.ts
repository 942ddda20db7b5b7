/**
 * What a reader sees on a page, checked for words that should never reach the interface:
 * internal ids of indicators (`lbm_onv`, `police_crime_rate`), flags (`measure:…`), index
 * components (`anxiety-depression`), unit ids (`(per_1000)`) and the file names data were
 * imported from (`…__repository.geojson`).
 */
import type { Page } from 'playwright-core';

const PATTERNS: readonly [string, RegExp][] = [
  ['snake_case id', /\b[a-z]+_[a-z0-9]+(?:_[a-z0-9]+)*\b/g],
  ['flag id', /\bmeasure:[a-z_]+/g],
  [
    'component id',
    /\b(?:anxiety-depression|making-ends-meet|social-assistance|disability-benefit|low-income)\b/g,
  ],
  ['unit id', /\((?:per_1000|eur_1000|per_km2)\)/g],
  ['file name', /[\w.-]+__[\w.-]+|\.(?:geojson|topojson|gpkg|csv\.gz)\b/g],
];

/** Internal ids in the visible text of the page (and of closed disclosures), with what they are. */
export async function internalIdsOnPage(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    // textContent of closed <details> counts too: a reader opens them.
    const parts = [document.body.innerText];
    for (const d of document.querySelectorAll('details:not([open])')) parts.push(d.textContent ?? '');
    // the command lines shown to operators (code elements) are meant to be typed, not ids
    for (const c of document.querySelectorAll('code')) parts.push(`<<${c.textContent ?? ''}>>`);
    return parts.join('\n');
  });
  const codes = new Set([...text.matchAll(/<<([^>]*)>>/g)].map((m) => m[1]!));
  const found: string[] = [];
  for (const [what, re] of PATTERNS)
    for (const m of text.matchAll(re))
      if (![...codes].some((c) => c.includes(m[0]))) found.push(`${what}: ${m[0]}`);
  return [...new Set(found)];
}
