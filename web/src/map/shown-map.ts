/**
 * The map on the map page as loaded: its definition for the area, its response, and for a
 * veerkracht map the same map in the previous comparable period with the class changes. Gives
 * what the display shows (the map or the difference view) and the warning an export carries; and
 * the area's definitions the page works from.
 */
import type { MapDefinition, MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import { previousPeriod, previousYear } from '../../../src/domain/maps/area-availability.js';
import { api } from '../api-client.js';
import { chooseMap, resolveWhen } from '../app-context.js';
import { messagesFor, type Lang, type Messages } from '../i18n/messages.js';
import { createTerms, type Terms } from '../i18n/terms.js';
import type { Display } from '../state/view-state.js';
import {
  classChanges,
  differenceResponse,
  renderChangeList,
  renderNoPreviousPeriod,
  type ClassChange,
} from './class-changes.js';
import { emptyReasonText, partialCoverage } from './empty-notice.js';

export interface When {
  period: string | null;
  year: number | null;
}

export interface ShownMap {
  def: MapDefinition;
  response: MapResponse;
  /** The same map in the previous period, for the class changes (veerkracht maps). */
  previous: { period: string; response: MapResponse; changes: ClassChange[] } | null;
}

/** The previous period (or year) of the shown one among those with data in the area. */
export function previousOf(def: MapDefinition, when: When): string | null {
  if (def.kind === 'level') {
    const y = when.year !== null ? previousYear(def.years ?? [], when.year) : null;
    return y === null ? null : String(y);
  }
  return when.period ? previousPeriod(def.periods ?? [], when.period) : null;
}

/** Adds the previous period and the class changes to a loaded veerkracht map. */
export async function withPrevious(
  area: string,
  def: MapDefinition,
  when: When,
  response: MapResponse,
): Promise<ShownMap> {
  const before = def.kind === 'classification' ? previousOf(def, when) : null;
  if (!before) return { def, response, previous: null };
  const previous = await api.map({ area, map: def.id, period: before });
  return {
    def,
    response,
    previous: { period: before, response: previous, changes: classChanges(response, previous) },
  };
}

/**
 * The side panel's class changes of a veerkracht map: the buurten whose class changed since the
 * previous comparable period, or one line saying why there is no comparison; null for other maps.
 */
export function classChangesPanel(
  shown: ShownMap | null,
  lang: Lang,
  t: Messages,
  onSelect: (code: string) => void,
): HTMLElement | null {
  const current = shown?.response.meta.period;
  if (!shown || !current || shown.def.kind !== 'classification') return null;
  if (!shown.previous) return renderNoPreviousPeriod(current, t);
  return renderChangeList(shown.previous.changes, shown.previous.period, current, lang, t, onSelect);
}

/** What the display shows: the map itself, or the difference with the previous period. */
export function displayedResponse(shown: ShownMap | null, display: Display): MapResponse | null {
  if (!shown) return null;
  if (display === 'change' && shown.previous)
    return differenceResponse(shown.response, shown.previous.response, shown.previous.changes, {
      nl: messagesFor('nl'),
      en: messagesFor('en'),
    });
  return shown.response;
}

/** The warning a PNG of the map carries: no data in the area (and why), or fewer than half of the buurten. */
export function exportWarning(
  shown: ShownMap,
  response: MapResponse,
  areaName: string,
  lang: Lang,
  t: Messages,
): string | null {
  const reason = emptyReasonText(shown.def, areaName, lang, t);
  if (reason) return `${t.exportWarningEmpty(areaName)} ${reason}`;
  const partial = partialCoverage(shown.def, response.meta.period ?? response.meta.year);
  return partial ? t.exportWarningPartial(partial.n, partial.total) : null;
}

/** The area's definitions (GET /api/maps/definitions?area=), loaded once per area, with their terms. */
export class AreaDefinitions {
  defs: MapDefinitionsResponse | null = null;
  terms: Terms;
  private area: string | null = null;
  private token = 0;

  constructor(national: MapDefinitionsResponse) {
    this.terms = createTerms(national);
  }

  /** The definitions of `area`; null when a request for another area overtook this one. */
  async load(area: string): Promise<MapDefinitionsResponse | null> {
    if (this.defs && this.area === area) return this.defs;
    const mine = ++this.token;
    const next = await api.definitions(area);
    if (mine !== this.token) return null;
    this.defs = next;
    this.area = area;
    this.terms = createTerms(next);
    return next;
  }

  /** The map the state asks for (or the first with data) and its year or period. */
  choose(
    map: string | null,
    period: string | null,
    year: number | null,
  ): { def: MapDefinition | null; when: When } {
    const def = this.defs ? (chooseMap(this.defs, map) ?? null) : null;
    return { def, when: def ? resolveWhen(def, period, year) : { period: null, year: null } };
  }
}
