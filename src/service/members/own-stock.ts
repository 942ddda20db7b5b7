/**
 * An organisation's own stock: dwellings per buurt (uploaded as CSV by its org-admins), seen only
 * by its users and by its share links that include it — as a table, in the buurt profile and as
 * a map layer (own-stock-map.ts). Each buurt's share of the corporation stock that is theirs is
 * own dwellings ÷ (KWB dwellings × corporation share), with the KWB year nearest before the
 * stock's year. The CSV rules are src/domain/own-stock/parse-own-stock.ts (no I/O, also used by
 * the file import in src/pipeline/own-stock); rows given by postcode and house number are placed
 * in their buurt by CBS's postcode–house number table in the store (storage/postcode-store.ts).
 * An upload is validated whole, then written in one transaction, replacing the organisation's
 * stock of the years it holds — or, when any row cannot be placed, nothing.
 */
import { createHash } from 'node:crypto';
import type { OwnStockBuurt, OwnStockImportReport, OwnStockResponse } from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import type { VeerkrachtEngine } from '../../domain/engine/veerkracht-engine.js';
import { readOwnStock } from '../../domain/own-stock/parse-own-stock.js';
import { sumOwnStock, unknownBuurt } from '../../domain/own-stock/place-own-stock.js';
import type { OwnStockRow } from '../../storage/members-store.js';
import { loadAddressTable } from '../../storage/postcode-store.js';
import type { ReadContext } from '../read-context.js';
import { resolveArea } from '../resolve-area.js';
import { authoriseArea, authoriseCode } from './access.js';
import { audit } from './audit.js';
import type { MembersContext } from './members-context.js';
import { hasRole, type AccessMode, type UserViewer, type Viewer } from './viewer.js';

/** The organisation whose own stock the viewer reads; FORBIDDEN/UNAUTHENTICATED when none. */
export function ownStockOrganisation(viewer: Viewer): number {
  if (viewer.kind === 'user') return viewer.organisationId;
  if (viewer.kind === 'share-link' && viewer.includeOwnStock) return viewer.organisationId;
  if (viewer.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'log in to see your own stock');
  throw new AppError('FORBIDDEN', 'this share link does not include own stock');
}

/** POST /api/own-stock (org-admins): the CSV text of an upload. */
export async function uploadOwnStock(
  ctx: MembersContext,
  viewer: UserViewer,
  text: string,
  file: string,
  address: string,
): Promise<OwnStockImportReport> {
  if (!hasRole(viewer, 'org-admin'))
    throw new AppError('FORBIDDEN', "own stock is uploaded by your organisation's administrators");
  const read = readOwnStock(text, file, ctx.now().getUTCFullYear());
  const store = ctx.read.store;
  const table =
    read.addresses.length > 0 ? await loadAddressTable(store.postcodes, read.addresses) : undefined;
  const parsed = sumOwnStock(read, table);
  const state = await ctx.read.state.get();
  for (const r of parsed.rows)
    if (state.engine.table.row(r.buurtCode) === undefined)
      throw unknownBuurt(file, r, state.divisionYear, parsed.addressRows > 0 ? table : undefined);
  const rows: OwnStockRow[] = parsed.rows.map((r) => ({
    buurtCode: r.buurtCode,
    year: r.year,
    dwellings: r.dwellings,
    complexes: r.complexes,
  }));
  const report: OwnStockImportReport = {
    file,
    rows: parsed.dataRows,
    buurten: new Set(rows.map((r) => r.buurtCode)).size,
    dwellings: rows.reduce((s, r) => s + r.dwellings, 0),
    years: parsed.years,
    layout: parsed.layout,
    addressRows: parsed.addressRows,
  };
  await ctx.read.store.transaction((tx) =>
    tx.members.replaceOwnStock(viewer.organisationId, rows, {
      organisationId: viewer.organisationId,
      file,
      checksum: createHash('sha256').update(text).digest('hex'),
      rows: report.rows,
      buurten: report.buurten,
      dwellings: report.dwellings,
      years: report.years,
      uploadedBy: viewer.userId,
      uploadedAt: ctx.now().toISOString(),
    }),
  );
  await audit(ctx, 'own-stock.uploaded', {
    actor: viewer,
    organisationId: viewer.organisationId,
    address,
    detail: { rows: report.rows, buurten: report.buurten, years: report.years },
  });
  return report;
}

/** DELETE /api/own-stock (org-admins): removes all of the organisation's stock. */
export async function clearOwnStock(ctx: MembersContext, viewer: UserViewer, address: string): Promise<void> {
  if (!hasRole(viewer, 'org-admin'))
    throw new AppError('FORBIDDEN', "own stock is managed by your organisation's administrators");
  const removed = await ctx.read.store.members.clearOwnStock(viewer.organisationId);
  await audit(ctx, 'own-stock.cleared', {
    actor: viewer,
    organisationId: viewer.organisationId,
    address,
    detail: { rows: removed },
  });
}

/** The newest year ≤ `year` (else the oldest) with a value in the column's years. */
function nearestYear(years: readonly number[], year: number): number | null {
  const before = years.filter((y) => y <= year);
  return before.length ? before[before.length - 1]! : (years[0] ?? null);
}

/** One buurt's own stock with its share of the corporation stock. */
export function ownStockBuurt(engine: VeerkrachtEngine, r: OwnStockRow): OwnStockBuurt {
  const table = engine.table;
  const row = table.row(r.buurtCode);
  const name = row === undefined ? r.buurtCode : table.buurten[row]!.name;
  const years = table.years('corporation_share').filter((y) => table.years('dwellings').includes(y));
  const year = nearestYear(years, r.year);
  let corporation: number | null = null;
  if (row !== undefined && year !== null) {
    const dwellings = table.get('dwellings', year)?.values[row];
    const share = table.get('corporation_share', year)?.values[row];
    if (Number.isFinite(dwellings) && Number.isFinite(share)) corporation = (dwellings! * share!) / 100;
  }
  return {
    code: r.buurtCode,
    name,
    year: r.year,
    dwellings: r.dwellings,
    corporationDwellings: corporation === null ? null : Math.round(corporation),
    share: corporation && corporation > 0 ? Math.round((1000 * r.dwellings) / corporation) / 10 : null,
    corporationYear: corporation === null ? null : year,
  };
}

/** The stock rows of one year (default: the newest uploaded) within some gemeenten. */
export async function stockOfYear(
  ctx: ReadContext,
  organisationId: number,
  gemeenten: readonly string[] | undefined,
  year: number | undefined,
): Promise<{ years: number[]; year: number | null; rows: OwnStockRow[] }> {
  const all = await ctx.store.members.getOwnStock(organisationId, {});
  const keep = gemeenten ? new Set(gemeenten) : null;
  const inArea = all.filter((r) => !keep || keep.has(`GM${r.buurtCode.slice(2, 6)}`));
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  const chosen = year ?? years[years.length - 1] ?? null;
  return { years, year: chosen, rows: inArea.filter((r) => r.year === chosen) };
}

/** GET /api/own-stock?area=&year=: the organisation's stock per buurt, with uploads. */
export async function ownStockFor(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  q: { area?: string | undefined; year?: number | undefined },
): Promise<OwnStockResponse> {
  const organisationId = ownStockOrganisation(viewer);
  const state = await ctx.state.get();
  let gemeenten = viewer.kind === 'share-link' ? viewer.gemeenten : undefined;
  if (q.area !== undefined) {
    await authoriseArea(ctx, viewer, access, q.area);
    const area = await resolveArea(q.area, state, ctx.store);
    gemeenten = gemeenten ? area.gemeenten.filter((g) => gemeenten!.includes(g)) : area.gemeenten;
  }
  const { years, rows } = await stockOfYear(ctx, organisationId, gemeenten, q.year);
  const organisation = await ctx.store.members.findOrganisation({ id: organisationId });
  const uploads = viewer.kind === 'user' ? await ctx.store.members.listOwnStockUploads(organisationId) : [];
  return {
    organisation: { id: organisationId, name: organisation?.name ?? '' },
    years,
    buurten: rows.map((r) => ownStockBuurt(state.engine, r)),
    uploads: uploads.map((u) => ({
      file: u.file,
      rows: u.rows,
      buurten: u.buurten,
      dwellings: u.dwellings,
      years: u.years,
      uploadedAt: u.uploadedAt,
    })),
  };
}

/** The own stock of one buurt for the profile (newest year), null without any or without access. */
export async function buurtOwnStock(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  code: string,
): Promise<OwnStockBuurt | null> {
  if (viewer.kind === 'anonymous' || (viewer.kind === 'share-link' && !viewer.includeOwnStock)) return null;
  authoriseCode(viewer, access, code);
  const organisationId = ownStockOrganisation(viewer);
  const rows = await ctx.store.members.getOwnStock(organisationId, { codes: [code.toUpperCase()] });
  const newest = rows[rows.length - 1];
  if (!newest) return null;
  return ownStockBuurt((await ctx.state.get()).engine, newest);
}
