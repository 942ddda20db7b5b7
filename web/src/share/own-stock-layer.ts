/**
 * The own-stock layer `eigen-bezit` for viewers who have it (users of an organisation with
 * stock, share links that include it): listed with the map layers of an area and drawn from
 * GET /api/own-stock/map instead of /api/maps.
 */
import type { OwnStockResponse } from '../../../src/api/members.js';
import type { LayerDefinition, MapDefinitionsResponse } from '../../../src/api/schemas.js';
import { registerMapSource, setDefinitionsExtension } from '../api-client.js';
import { readJson } from '../auth/session.js';

export const OWN_STOCK_LAYER = 'eigen-bezit';

export function enableOwnStockLayer(): void {
  registerMapSource(OWN_STOCK_LAYER, (r) => {
    const q = new URLSearchParams({ area: r.area });
    if (r.year !== null && r.year !== undefined) q.set('year', String(r.year));
    return `/api/own-stock/map?${q.toString()}`;
  });
  setDefinitionsExtension(async (defs: MapDefinitionsResponse, area: string | null) => {
    if (!area) return defs;
    let stock: OwnStockResponse;
    try {
      stock = await readJson<OwnStockResponse>(`/api/own-stock?area=${encodeURIComponent(area)}`);
    } catch {
      return defs; // no stock to show (or not allowed): the public layers only
    }
    if (stock.years.length === 0) return defs;
    const newest = stock.years[stock.years.length - 1]!;
    const buurten = defs.maps[0]?.availability?.buurten ?? stock.buurten.length;
    const layer: LayerDefinition = {
      id: OWN_STOCK_LAYER,
      titleNl: `Eigen bezit ${stock.organisation.name} (aandeel van het corporatiebezit)`,
      titleEn: `Own stock ${stock.organisation.name} (share of the corporation stock)`,
      unit: 'percent',
      component: false,
      years: [newest],
      availability: {
        buurten,
        counts: { [String(newest)]: stock.buurten.length },
        hasData: stock.buurten.length > 0,
        halfCovered: stock.buurten.length * 2 >= buurten,
        missingSources: [],
        emptyReason: stock.buurten.length > 0 ? null : 'no-values',
      },
    };
    return { ...defs, layers: [layer, ...defs.layers.filter((l) => l.id !== OWN_STOCK_LAYER)] };
  });
}
