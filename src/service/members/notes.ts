/**
 * Notes and practice examples per buurt: text with author and date, private to the author's
 * organisation or shared with all members. Users see their organisation's notes and the shared
 * ones; a share link that includes notes sees its organisation's notes on its area; nobody else
 * sees any. Searchable by text (GET /api/notes?q=). Text is stored as typed and always shown
 * as text, never as HTML. The author and their organisation's org-admins edit (PATCH) and delete
 * a note; both are in the audit log (ids and fields, never the text).
 */
import {
  CreateNoteRequestSchema,
  UpdateNoteRequestSchema,
  type Note,
  type NotesResponse,
} from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import type { NoteQuery, NoteRow } from '../../storage/members-store.js';
import type { ReadContext } from '../read-context.js';
import { resolveArea } from '../resolve-area.js';
import { authoriseArea, authoriseCode } from './access.js';
import { audit } from './audit.js';
import type { MembersContext } from './members-context.js';
import { hasRole, type AccessMode, type UserViewer, type Viewer } from './viewer.js';

export function noteView(n: NoteRow, viewer: Viewer): Note {
  return {
    id: n.id,
    buurt: n.buurtCode,
    gemeente: n.gemeenteCode,
    kind: n.kind,
    visibility: n.visibility,
    text: n.text,
    author: n.authorName,
    organisation: n.organisationName,
    createdAt: n.createdAt,
    editedAt: n.updatedAt !== n.createdAt ? n.updatedAt : null,
    mayDelete: mayChange(n, viewer),
    mayEdit: mayChange(n, viewer),
  };
}

/** The author, or an org-admin (or admin) of the note's organisation. */
function mayChange(n: NoteRow, viewer: Viewer): boolean {
  if (viewer.kind !== 'user') return false;
  return (
    n.authorId === viewer.userId ||
    (viewer.organisationId === n.organisationId && hasRole(viewer, 'org-admin'))
  );
}

/** Which notes the viewer reads, or FORBIDDEN/UNAUTHENTICATED when none. */
function noteScope(viewer: Viewer): Omit<NoteQuery, 'limit'> & { linkGemeenten?: readonly string[] } {
  if (viewer.kind === 'user') return { organisationId: viewer.organisationId, membersShared: true };
  if (viewer.kind === 'share-link' && viewer.includeNotes)
    return { organisationId: viewer.organisationId, membersShared: false, linkGemeenten: viewer.gemeenten };
  if (viewer.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'log in to read notes');
  throw new AppError('FORBIDDEN', 'this share link does not include notes');
}

export interface NotesRequest {
  buurt?: string | undefined;
  area?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

/** GET /api/notes?buurt=|area=&q=: newest first. */
export async function listNotes(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  q: NotesRequest,
): Promise<NotesResponse> {
  const scope = noteScope(viewer);
  let gemeenten = scope.linkGemeenten;
  if (q.area !== undefined) {
    await authoriseArea(ctx, viewer, access, q.area);
    const area = await resolveArea(q.area, await ctx.state.get(), ctx.store);
    gemeenten = gemeenten ? area.gemeenten.filter((g) => gemeenten!.includes(g)) : area.gemeenten;
  }
  if (q.buurt !== undefined) authoriseCode(viewer, access, q.buurt);
  const rows = await ctx.store.members.listNotes({
    organisationId: scope.organisationId,
    membersShared: scope.membersShared,
    ...(q.buurt !== undefined ? { buurtCode: q.buurt.toUpperCase() } : {}),
    ...(gemeenten !== undefined ? { gemeenten } : {}),
    ...(q.q !== undefined ? { text: q.q } : {}),
    limit: q.limit ?? 50,
  });
  return { notes: rows.map((n) => noteView(n, viewer)) };
}

/** POST /api/notes: any user, on a buurt of the reference division. */
export async function createNote(ctx: ReadContext, viewer: UserViewer, raw: unknown): Promise<Note> {
  const parsed = CreateNoteRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('USAGE', `note: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const code = parsed.data.buurt.toUpperCase();
  const state = await ctx.state.get();
  const row = state.engine.table.row(code);
  if (row === undefined)
    throw new AppError('AREA_NOT_FOUND', `no buurt ${code} on division ${state.divisionYear}`);
  const now = new Date().toISOString();
  const note = await ctx.store.members.createNote({
    organisationId: viewer.organisationId,
    authorId: viewer.userId,
    buurtCode: code,
    gemeenteCode: state.engine.table.buurten[row]!.gemeente,
    kind: parsed.data.kind ?? 'note',
    visibility: parsed.data.visibility ?? 'organisation',
    text: parsed.data.text,
    createdAt: now,
    updatedAt: now,
  });
  return noteView(note, viewer);
}

/**
 * The note the user may change: NOT_FOUND when it does not exist or they cannot read it (another
 * organisation's private note), FORBIDDEN when they read it but are neither its author nor an
 * org-admin of its organisation.
 */
async function changeableNote(
  ctx: ReadContext,
  viewer: UserViewer,
  id: number,
  verb: string,
): Promise<NoteRow> {
  const note = await ctx.store.members.findNote(id);
  const visible = note && (note.organisationId === viewer.organisationId || note.visibility === 'members');
  if (!note || !visible) throw new AppError('NOT_FOUND', `no note ${id}`);
  if (!mayChange(note, viewer))
    throw new AppError('FORBIDDEN', `only the author or their organisation's administrators ${verb} a note`);
  return note;
}

/** PATCH /api/notes/:id `{ text?, kind?, visibility? }`: the author, or an org-admin of the note's organisation. */
export async function updateNote(
  ctx: MembersContext,
  viewer: UserViewer,
  id: number,
  raw: unknown,
  address: string | null = null,
): Promise<Note> {
  const parsed = UpdateNoteRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('USAGE', `note: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const note = await changeableNote(ctx.read, viewer, id, 'edit');
  const patch = parsed.data;
  const updated = await ctx.read.store.members.updateNote(id, {
    ...(patch.text !== undefined ? { text: patch.text } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
    updatedAt: ctx.now().toISOString(),
  });
  if (!updated) throw new AppError('NOT_FOUND', `no note ${id}`);
  await audit(ctx, 'note.updated', {
    actor: viewer,
    organisationId: note.organisationId,
    address,
    detail: { noteId: id, buurt: note.buurtCode, fields: Object.keys(patch).sort() },
  });
  return noteView(updated, viewer);
}

/** DELETE /api/notes/:id: the author, or an org-admin of the note's organisation. */
export async function deleteNote(
  ctx: MembersContext,
  viewer: UserViewer,
  id: number,
  address: string | null = null,
): Promise<void> {
  const note = await changeableNote(ctx.read, viewer, id, 'delete');
  await ctx.read.store.members.deleteNote(id);
  await audit(ctx, 'note.deleted', {
    actor: viewer,
    organisationId: note.organisationId,
    address,
    detail: { noteId: id, buurt: note.buurtCode },
  });
}

/** The notes on one buurt the viewer may read; [] for viewers who read none. */
export async function buurtNotes(ctx: ReadContext, viewer: Viewer, code: string): Promise<Note[]> {
  if (viewer.kind === 'anonymous' || (viewer.kind === 'share-link' && !viewer.includeNotes)) return [];
  const scope = noteScope(viewer);
  const rows = await ctx.store.members.listNotes({
    organisationId: scope.organisationId,
    membersShared: scope.membersShared,
    buurtCode: code.toUpperCase(),
    ...(scope.linkGemeenten ? { gemeenten: scope.linkGemeenten } : {}),
    limit: 200,
  });
  return rows.map((n) => noteView(n, viewer));
}
