/**
 * Searching an area: gemeenten by official or common name ("Den Haag" finds 's-Gravenhage), by a
 * name the division shown does not have (a later or an earlier gemeente: register-search.ts),
 * regions with data by their name and their members' names ("Heer" offers Heerlen and Parkstad Limburg),
 * and — when asked for — buurten by name (GET /api/buurten?q=). Shown as an ARIA combobox that
 * says "geen resultaten" when nothing matches.
 */
import { api } from '../api-client.js';
import type { AppData } from '../app-context.js';
import { createCombobox, type ComboOption } from '../dom/combobox.js';
import type { Messages } from '../i18n/messages.js';
import { GEMEENTE_ALIASES } from './gemeente-aliases.js';
import { offeredRegions } from './offered-regions.js';
import { registerOptions } from './register-search.js';

export interface AreaOption {
  kind: 'gemeente' | 'region' | 'buurt';
  code: string;
  name: string;
  detail: string;
  /** For a buurt: its gemeente. */
  gemeente?: string;
}

/** Lower case without accents; apostrophes and hyphens as spaces ("'s-Gravenhage" → "s gravenhage"). */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`-]/g, ' ')
    .replace(/[().,]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Alias {
  text: string;
  key: string;
}

/** Aliases per official name (normalised). */
function aliasesByName(): Map<string, Alias[]> {
  const out = new Map<string, Alias[]>();
  for (const [text, name] of Object.entries(GEMEENTE_ALIASES)) {
    const key = normalise(name);
    out.set(key, [...(out.get(key) ?? []), { text, key: normalise(text) }]);
  }
  return out;
}
let aliases: Map<string, Alias[]> | undefined;

/** Gemeenten and regions matching the query, best first: name starts with it, alias, contains, members. */
export function searchAreas(data: AppData, query: string, t: Messages, limit = 12): AreaOption[] {
  const q = normalise(query);
  if (q === '') return [];
  aliases ??= aliasesByName();
  const scored: { option: AreaOption; score: number }[] = [];
  const names = new Map(data.gemeenten.gemeenten.map((g) => [g.code, g.name]));
  for (const g of data.gemeenten.gemeenten) {
    const name = normalise(g.name);
    const own = aliases.get(name) ?? [];
    const alias = own.find((a) => a.key.startsWith(q)) ?? own.find((a) => a.key.includes(` ${q}`));
    const score = name.startsWith(q)
      ? 0
      : alias?.key.startsWith(q)
        ? 0.5
        : name.includes(q)
          ? 1
          : alias
            ? 1.2
            : normalise(g.code).includes(q)
              ? 2
              : -1;
    if (score >= 0)
      scored.push({
        option: {
          kind: 'gemeente',
          code: g.code,
          name: g.name,
          detail: `${t.gemeente} · ${t.buurtenCount(g.buurten)}${alias && !name.includes(q) ? ` · ${t.alsoKnownAs(alias.text)}` : ''}`,
        },
        score,
      });
  }
  for (const { region: r, withData } of offeredRegions(data)) {
    const name = normalise(r.name);
    const members = withData.map((code) => names.get(code) ?? code);
    const member = members.find((m) => normalise(m).includes(q));
    const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : member ? 1.5 : -1;
    if (score >= 0) {
      const detail = `${t.region} · ${members.join(', ')}`;
      scored.push({ option: { kind: 'region', code: r.id, name: r.name, detail }, score });
    }
  }
  scored.push(...registerOptions(q, data.gemeenten.divisionYear, data.gemeenten.gemeenten, normalise, t));
  scored.sort((a, b) => a.score - b.score || a.option.name.localeCompare(b.option.name, 'nl'));
  // one option per area: the best-scored (a gemeente found by its own name and by a former one)
  const seen = new Set<string>();
  return scored
    .filter((s) => !seen.has(s.option.code) && seen.add(s.option.code))
    .slice(0, limit)
    .map((s) => s.option);
}

/** Buurten by name from the server (at least 2 characters); [] when the search fails. */
export async function searchBuurtOptions(query: string, t: Messages, limit = 8): Promise<AreaOption[]> {
  if (normalise(query).length < 2) return [];
  try {
    const r = await api.searchBuurten(query.trim(), limit);
    return r.buurten.map((b) => ({
      kind: 'buurt',
      code: b.code,
      name: b.name,
      gemeente: b.gemeente,
      detail: `${t.buurt} · ${b.gemeenteName}`,
    }));
  } catch {
    return [];
  }
}

export function createAreaSearch(
  data: AppData,
  t: Messages,
  onChoose: (option: AreaOption) => void,
  options: { buurten?: boolean; testId?: string; label?: string } = {},
): HTMLElement {
  let found = new Map<string, AreaOption>();
  const toCombo = (o: AreaOption, group?: string): ComboOption => ({
    value: o.code,
    label: o.name,
    detail: o.detail,
    ...(group ? { group } : {}),
  });
  const combo = createCombobox({
    label: options.label ?? (options.buurten ? t.searchLabelWithBuurten : t.searchLabel),
    hint: t.searchHint,
    placeholder: t.searchPlaceholder,
    testId: options.testId ?? 'area-search',
    noResults: t.searchNoResults,
    resultsCount: t.searchResults,
    listLabel: t.searchResultsLabel,
    className: 'area-search',
    search(text) {
      const areas = searchAreas(data, text, t);
      found = new Map(areas.map((o) => [o.code, o]));
      return areas.map((o) => toCombo(o, options.buurten ? t.searchGroupAreas : undefined));
    },
    ...(options.buurten
      ? {
          async searchMore(text: string) {
            const buurten = await searchBuurtOptions(text, t);
            for (const b of buurten) found.set(b.code, b);
            return buurten.map((o) => toCombo(o, t.searchGroupBuurten));
          },
        }
      : {}),
    onChoose(option) {
      const chosen = found.get(option.value);
      if (chosen) onChoose(chosen);
    },
  });
  return combo.element;
}
