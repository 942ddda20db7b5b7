/**
 * In the buurt profile, for viewers with private data: the notes and practice examples they may
 * read (their organisation's and those shared with all members; a share link: what it includes),
 * a form to add one (users), editing and deleting in place (author, org-admins: note-item.ts), and
 * the organisation's own stock in the buurt. Text is set as text.
 */
import type { BuurtMembersData, Note } from '../../../src/api/members.js';
import type { BuurtResponse } from '../../../src/api/schemas.js';
import { membersMessages } from '../auth/members-messages.js';
import { showError, statusLine } from '../auth/page-frame.js';
import { currentSession, writeJson } from '../auth/session.js';
import { h, replaceChildren } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { noteItem } from './note-item.js';

/** The section, or null for a viewer without private data (the API then sends no `members`). */
export function profileMembersSection(buurt: BuurtResponse, lang: Lang): HTMLElement | null {
  const data = (buurt as BuurtResponse & { members?: BuurtMembersData }).members;
  if (!data) return null;
  const t = membersMessages(lang);
  const notes = [...data.notes];
  const list = h('ul', { 'data-testid': 'profile-notes' });
  const renderList = (): void => {
    replaceChildren(
      list,
      notes.length === 0
        ? h('li', { class: 'muted' }, t.noNotes)
        : notes.map((n) =>
            noteItem(n, lang, {
              onDeleted: () => {
                notes.splice(notes.indexOf(n), 1);
                if (notes.length === 0) renderList();
              },
            }),
          ),
    );
  };
  renderList();
  const own = data.ownStock
    ? h(
        'p',
        { 'data-testid': 'profile-own-stock' },
        t.ownStockInBuurt(data.ownStock.dwellings, data.ownStock.share, data.ownStock.corporationDwellings),
      )
    : null;
  return h(
    'section',
    { class: 'members-notes', 'data-testid': 'profile-members' },
    h('h3', {}, t.notes),
    own,
    list,
    currentSession()?.kind === 'user'
      ? noteForm(buurt.code, lang, (n) => {
          notes.unshift(n);
          renderList();
        })
      : null,
  );
}

function noteForm(code: string, lang: Lang, added: (n: Note) => void): HTMLElement {
  const t = membersMessages(lang);
  const text = h('textarea', {
    maxlength: 4000,
    required: true,
    'aria-label': t.noteText,
    'data-testid': 'note-text',
  });
  const practice = h('input', { type: 'checkbox' });
  const shared = h('input', { type: 'checkbox' });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'button' }, t.noteAdd);
  const form = h(
    'form',
    {},
    text,
    h('label', { class: 'members-check' }, practice, t.notePractice),
    h('label', { class: 'members-check' }, shared, t.noteShareMembers),
    submit,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    writeJson<Note>('POST', '/api/notes', {
      buurt: code,
      text: text.value,
      kind: practice.checked ? 'practice' : 'note',
      visibility: shared.checked ? 'members' : 'organisation',
    })
      .then((n) => {
        text.value = '';
        added(n);
      })
      .catch((error: unknown) => showError(status, error, lang));
  });
  return form;
}
