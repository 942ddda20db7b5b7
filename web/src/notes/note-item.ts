/**
 * One note as a list item — text (set as text, never HTML), kind, author, organisation, date and
 * when it was last edited — with, for its author and their organisation's org-admins, "Edit"
 * (the text becomes a textarea in place: Save sends PATCH /api/notes/:id, Cancel restores it) and
 * "Delete". Used by the buurt profile and the organisation page's note search.
 */
import type { Note } from '../../../src/api/members.js';
import { formatDate, membersMessages } from '../auth/members-messages.js';
import { showError, statusLine } from '../auth/page-frame.js';
import { writeJson } from '../auth/session.js';
import { h, replaceChildren, type Child } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';

export interface NoteItemOptions {
  /** Shown between the text and the author (the organisation page links the buurt). */
  where?: (n: Note) => Child;
  /** After a successful DELETE. */
  onDeleted?: (n: Note) => void;
}

export function noteItem(initial: Note, lang: Lang, options: NoteItemOptions = {}): HTMLLIElement {
  const t = membersMessages(lang);
  let note = initial;
  const li = h('li', { 'data-testid': 'note', 'data-note-id': note.id });

  const meta = (): HTMLElement =>
    h(
      'span',
      { class: 'muted' },
      `${note.author}, ${note.organisation} — ${formatDate(note.createdAt, lang)}`,
      note.editedAt
        ? h('span', { 'data-testid': 'note-edited' }, ` (${t.noteEdited(formatDate(note.editedAt, lang))})`)
        : null,
      ' ',
    );

  const show = (): void => {
    li.className = note.kind === 'practice' ? 'practice' : '';
    const edit = note.mayEdit
      ? h(
          'button',
          { type: 'button', class: 'link-button', 'data-testid': 'note-edit', onclick: () => editInPlace() },
          t.noteEdit,
        )
      : null;
    const del = note.mayDelete
      ? h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () =>
              void writeJson('DELETE', `/api/notes/${note.id}`).then(() => {
                li.remove();
                options.onDeleted?.(note);
              }),
          },
          t.noteDelete,
        )
      : null;
    replaceChildren(
      li,
      note.kind === 'practice' ? h('strong', {}, `${t.notePractice}: `) : null,
      h('span', { 'data-testid': 'note-body' }, note.text),
      h('br'),
      options.where ? [options.where(note), ' — '] : null,
      meta(),
      edit,
      edit && del ? ' · ' : null,
      del,
    );
  };

  const editInPlace = (): void => {
    const text = h('textarea', {
      maxlength: 4000,
      required: true,
      'aria-label': t.noteEditText,
      'data-testid': 'note-edit-text',
    });
    text.value = note.text;
    const practice = h('input', { type: 'checkbox', ...(note.kind === 'practice' ? { checked: true } : {}) });
    const shared = h('input', {
      type: 'checkbox',
      ...(note.visibility === 'members' ? { checked: true } : {}),
    });
    const status = statusLine();
    const form = h(
      'form',
      { class: 'note-edit' },
      text,
      h('label', { class: 'members-check' }, practice, t.notePractice),
      h('label', { class: 'members-check' }, shared, t.noteShareMembers),
      h('button', { type: 'submit', class: 'button', 'data-testid': 'note-save' }, t.save),
      ' ',
      h('button', { type: 'button', class: 'link-button', onclick: () => show() }, t.noteCancel),
      status,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      writeJson<Note>('PATCH', `/api/notes/${note.id}`, {
        text: text.value,
        kind: practice.checked ? 'practice' : 'note',
        visibility: shared.checked ? 'members' : 'organisation',
      })
        .then((updated) => {
          note = updated;
          show();
        })
        .catch((error: unknown) => showError(status, error, lang));
    });
    replaceChildren(li, form);
    text.focus();
  };

  show();
  return li;
}
