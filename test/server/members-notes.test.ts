/**
 * Editing notes (PATCH /api/notes/:id): the author and their organisation's org-admins edit the
 * text, kind or visibility; every edit is in the audit log (ids and fields, never the text); the
 * profile shows when a note was edited; bad bodies are refused like every write (zod, 16 KiB).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResponseSchema, NoteSchema, type Note } from '../../src/api/members.js';
import { ErrorBodySchema } from '../../src/api/schemas.js';
import { membersFixture, ORIGIN, type MembersFixture } from './members-fixture.js';

const clock = { now: Date.parse('2026-03-01T09:00:00Z') };

describe('PATCH /api/notes/:id', () => {
  let f: MembersFixture;
  beforeAll(async () => {
    f = await membersFixture('members', { now: () => new Date(clock.now) });
  }, 120_000);
  afterAll(() => f?.close());

  const write = async (who: 'member' | 'org-admin' | 'other-org', body: unknown): Promise<Note> => {
    const res = await f.write(f.viewers[who], 'POST', '/api/notes', body);
    expect(res.status).toBe(201);
    return NoteSchema.parse(await res.json());
  };
  const patch = (who: 'member' | 'org-admin' | 'other-org' | 'admin', id: number, body: unknown) =>
    f.write(f.viewers[who], 'PATCH', `/api/notes/${id}`, body);
  const code = async (res: Response) => ErrorBodySchema.parse(await res.json()).error.code;

  it('lets the author change the text, kind and visibility; editedAt says when', async () => {
    const note = await write('member', { buurt: f.ids.buurtA, text: 'Eerste versie' });
    expect(note.editedAt).toBeNull();
    expect(note.mayEdit).toBe(true);
    clock.now += 90 * 60_000;
    const res = await patch('member', note.id, {
      text: '  Tweede versie  ',
      kind: 'practice',
      visibility: 'members',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const edited = NoteSchema.parse(await res.json());
    expect(edited).toMatchObject({
      id: note.id,
      text: 'Tweede versie',
      kind: 'practice',
      visibility: 'members',
      createdAt: note.createdAt,
      editedAt: new Date(clock.now).toISOString(),
    });
    // the buurt profile (cached per viewer and private-data version) shows the edit at once
    const profile = (await (
      await f.app.request(`/api/buurten/${f.ids.buurtA}`, { headers: f.viewers.member.headers })
    ).json()) as { members: { notes: Note[] } };
    const shown = profile.members.notes.find((n) => n.id === note.id)!;
    expect(shown.text).toBe('Tweede versie');
    expect(shown.editedAt).toBe(edited.editedAt);
    // shared with all members now: organisation B reads it, but may not edit it
    const seenByB = (await (
      await f.app.request(`/api/notes?buurt=${f.ids.buurtA}`, { headers: f.viewers['other-org'].headers })
    ).json()) as { notes: Note[] };
    const forB = seenByB.notes.find((n) => n.id === note.id)!;
    expect(forB).toMatchObject({ text: 'Tweede versie', mayEdit: false, mayDelete: false });
    const byB = await patch('other-org', note.id, { text: 'Overschreven door B' });
    expect(byB.status).toBe(403);
    expect(await code(byB)).toBe('FORBIDDEN');
  });

  it("lets the organisation's org-admin edit a member's note, not another member", async () => {
    const byAdmin = await write('org-admin', { buurt: f.ids.buurtA, text: 'Van de beheerder' });
    const res = await patch('member', byAdmin.id, { text: 'Door een ander lid' });
    expect(res.status).toBe(403);
    const note = await write('member', { buurt: f.ids.buurtA, text: 'Van het lid' });
    const ok = await patch('org-admin', note.id, { text: 'Aangevuld door de beheerder' });
    expect(ok.status).toBe(200);
    expect(NoteSchema.parse(await ok.json()).author).toBe(note.author); // the author stays
  });

  it("answers 404 for another organisation's private note and for unknown ids", async () => {
    const privateB = await write('other-org', { buurt: f.ids.buurtA, text: 'Privé bij B' });
    for (const id of [privateB.id, 999_999]) {
      const res = await patch('member', id, { text: 'x' });
      expect(res.status).toBe(404);
      expect(await code(res)).toBe('NOT_FOUND');
    }
    const bad = await f.write(f.viewers.member, 'PATCH', '/api/notes/abc', { text: 'x' });
    expect(bad.status).toBe(404);
  });

  it('refuses bodies that are empty, unknown, too long, not JSON, over 16 KiB or without CSRF token', async () => {
    const note = await write('member', { buurt: f.ids.buurtA, text: 'Onveranderd' });
    for (const body of [
      {},
      { text: '' },
      { text: 'x'.repeat(4001) },
      { text: 'a\u0000b' },
      { buurt: f.ids.buurtA },
      { kind: 'roddel' },
    ]) {
      const res = await patch('member', note.id, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(await code(res)).toBe('USAGE');
    }
    const big = await patch('member', note.id, { text: 'y'.repeat(20_000) });
    expect(big.status).toBe(413);
    const member = f.viewers.member;
    const noToken = await f.app.request(`/api/notes/${note.id}`, {
      method: 'PATCH',
      headers: { ...member.headers, Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'zonder token' }),
    });
    expect(noToken.status).toBe(403);
    expect(await code(noToken)).toBe('CSRF_REJECTED');
    const plain = await f.app.request(`/api/notes/${note.id}`, {
      method: 'PATCH',
      headers: {
        ...member.headers,
        Origin: ORIGIN,
        'X-CSRF-Token': member.csrf!,
        'Content-Type': 'text/plain',
      },
      body: JSON.stringify({ text: 'als tekst' }),
    });
    expect(plain.status).toBe(415);
    const after = (await (
      await f.app.request(`/api/notes?buurt=${f.ids.buurtA}&q=Onveranderd`, { headers: member.headers })
    ).json()) as { notes: Note[] };
    expect(after.notes.map((n) => [n.text, n.editedAt])).toEqual([['Onveranderd', null]]);
  });

  it('puts edits and deletions in the audit log with ids and fields, never the text', async () => {
    const note = await write('member', { buurt: f.ids.buurtA, text: 'Geheim-in-notitie' });
    expect((await patch('member', note.id, { text: 'Nog-geheimer', visibility: 'members' })).status).toBe(
      200,
    );
    expect((await f.write(f.viewers.member, 'DELETE', `/api/notes/${note.id}`)).status).toBe(204);
    const res = await f.app.request('/api/audit?limit=20', { headers: f.viewers.admin.headers });
    const { events } = AuditResponseSchema.parse(await res.json());
    const mine = events.filter((e) => e.detail['noteId'] === note.id);
    expect(mine.map((e) => [e.event, e.actor, e.organisationId])).toEqual([
      ['note.deleted', 'adviseur@woonstichting-a.example', f.ids.orgA],
      ['note.updated', 'adviseur@woonstichting-a.example', f.ids.orgA],
    ]);
    expect(mine[1]!.detail).toEqual({ noteId: note.id, buurt: f.ids.buurtA, fields: ['text', 'visibility'] });
    expect(JSON.stringify(events)).not.toMatch(/geheim/i);
  });
});
