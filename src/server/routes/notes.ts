/**
 * GET /api/notes?buurt=|area=&q=&limit= (the notes the viewer reads, newest first; q searches
 * the text), POST /api/notes `{ buurt, text, kind?, visibility? }`, PATCH /api/notes/:id
 * `{ text?, kind?, visibility? }` and DELETE /api/notes/:id (the author, or an org-admin of the
 * note's organisation).
 */
import { Hono } from 'hono';
import { NotesQuerySchema } from '../../api/members.js';
import { NoQuerySchema } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { createNote, deleteNote, listNotes, updateNote } from '../../service/members/notes.js';
import { parseQuery } from '../cached-route.js';
import {
  accessOf,
  clientAddress,
  readJson,
  requireUser,
  viewerOf,
  type AuthDeps,
} from '../auth/request-context.js';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

function noteId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw new AppError('NOT_FOUND', `no note '${raw}'`);
  return Number(raw);
}

export function noteRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  const read = deps.members.read;
  app.get('/', async (c) => {
    const q = parseQuery(NotesQuerySchema, c.req.query());
    return c.json(await listNotes(read, viewerOf(c), accessOf(c), q), 200, PRIVATE);
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    return c.json(await createNote(read, viewer, await readJson(c, '{ buurt, text }')), 201, PRIVATE);
  });
  app.patch('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const id = noteId(c.req.param('id'));
    const body = await readJson(c, '{ text?, kind?, visibility? }');
    const note = await updateNote(deps.members, viewer, id, body, clientAddress(c, deps.options));
    return c.json(note, 200, PRIVATE);
  });
  app.delete('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    await deleteNote(deps.members, viewer, noteId(c.req.param('id')), clientAddress(c, deps.options));
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
