/**
 * /organisatie: the organisation's users (org-admins invite, block and send password links), its
 * share links (with status and uses; revoke), its own stock (org-admins upload a CSV) and its
 * werkgebieden (regions). What a role may not do is not offered; the server refuses it anyway.
 */
import type {
  AccountLink,
  CreatedUser,
  NotesResponse,
  OwnStockImportReport,
  OwnStockResponse,
  SessionResponse,
  ShareLinksResponse,
  UsersResponse,
} from '../../../src/api/members.js';
import type { Region, RegionsResponse } from '../../../src/api/schemas.js';
import { h, replaceChildren } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { noteItem } from '../notes/note-item.js';
import { formatDate, membersMessages } from './members-messages.js';
import { field, renderPage, showError, showOk, statusLine } from './page-frame.js';
import { readJson, writeJson } from './session.js';

type UserSession = Extract<SessionResponse, { kind: 'user' }>;

function table(headings: string[], rows: (Node | string)[][]): HTMLElement {
  return h(
    'div',
    { class: 'members-table-wrap' },
    h(
      'table',
      { class: 'members-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

export async function renderOrganisationPage(
  root: HTMLElement,
  lang: Lang,
  session: UserSession,
): Promise<void> {
  const t = membersMessages(lang);
  const orgAdmin = session.role !== 'member';
  const main = renderPage(root, lang, `${t.organisationPage}: ${session.organisation.name}`);
  const sections = {
    users: h('section', { 'data-testid': 'org-users' }),
    links: h('section', { 'data-testid': 'org-share-links' }),
    stock: h('section', { 'data-testid': 'org-own-stock' }),
    regions: h('section', { 'data-testid': 'org-regions' }),
    notes: h('section', { 'data-testid': 'org-notes' }),
  };
  main.append(
    ...(orgAdmin ? [sections.users] : []),
    sections.links,
    sections.notes,
    sections.stock,
    sections.regions,
  );
  renderNotesSearch();

  /** Searching the notes the viewer reads (GET /api/notes?q=): text, buurt, author, date. */
  function renderNotesSearch(): void {
    const query = h('input', { type: 'search', minlength: 2, maxlength: 100, 'data-testid': 'notes-query' });
    const results = h('ul', { class: 'members-notes', 'data-testid': 'notes-results' });
    const status = statusLine();
    const form = h(
      'form',
      { class: 'members-form wide', role: 'search' },
      field(t.notesSearch, query),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.search)),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      readJson<NotesResponse>(`/api/notes?q=${encodeURIComponent(query.value)}`)
        .then(({ notes }) =>
          replaceChildren(
            results,
            notes.length === 0
              ? h('li', { class: 'muted' }, t.noNotesFound)
              : notes.map((n) =>
                  noteItem(n, lang, {
                    where: (note) =>
                      h('a', { href: `/?view=map&area=${note.gemeente}&buurt=${note.buurt}` }, note.buurt),
                  }),
                ),
          ),
        )
        .catch((error: unknown) => showError(status, error, lang));
    });
    replaceChildren(sections.notes, h('h2', {}, t.notes), form, results, status);
  }

  async function renderUsers(): Promise<void> {
    const { users } = await readJson<UsersResponse>('/api/users');
    const status = statusLine();
    const email = h('input', { type: 'email', required: true });
    const role = h(
      'select',
      {},
      h('option', { value: 'member' }, t.roles.member),
      h('option', { value: 'org-admin' }, t.roles['org-admin']),
    );
    const invite = h(
      'form',
      { class: 'members-form wide' },
      field(t.email, email),
      field(t.role, role),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.invite)),
    );
    invite.addEventListener('submit', (e) => {
      e.preventDefault();
      writeJson<CreatedUser>('POST', '/api/users', { email: email.value, role: role.value })
        .then((c) =>
          showOk(
            status,
            `${t.invitationLink(formatDate(c.invitation.expiresAt, lang))} ${c.invitation.url}${t.linkMail(c.invitation.mail, c.user.email)}`,
          ),
        )
        .then(renderUsers)
        .catch((error: unknown) => showError(status, error, lang));
    });
    const rows = users.map((u) => [
      u.email,
      u.name ?? '',
      t.roles[u.role],
      u.status === 'active' ? t.statusActive : u.status === 'invited' ? t.statusInvited : t.statusDisabled,
      h(
        'span',
        {},
        u.id === session.user.id || u.role === 'admin'
          ? ''
          : h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () =>
                  void writeJson('PATCH', `/api/users/${u.id}`, { disabled: u.status !== 'disabled' }).then(
                    renderUsers,
                  ),
              },
              u.status === 'disabled' ? t.enable : t.disable,
            ),
        ' ',
        u.role === 'admin'
          ? ''
          : h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () =>
                  void writeJson<AccountLink>('POST', `/api/users/${u.id}/reset-link`)
                    .then((l) => showOk(status, `${u.email}: ${l.url}${t.linkMail(l.mail, u.email)}`))
                    .catch((error: unknown) => showError(status, error, lang)),
              },
              t.resetLink,
            ),
      ),
    ]);
    replaceChildren(
      sections.users,
      h('h2', {}, t.users),
      table([t.email, t.name, t.role, t.columns.status, ''], rows),
      invite,
      status,
    );
  }

  async function renderLinks(): Promise<void> {
    const { shareLinks } = await readJson<ShareLinksResponse>('/api/share-links');
    const rows = shareLinks.map((l) => [
      l.label,
      l.areaName,
      l.status === 'active' ? t.statusActive : l.status === 'expired' ? t.statusExpired : t.statusRevoked,
      formatDate(l.expiresAt, lang),
      `${l.uses} × ${t.uses}`,
      l.createdBy,
      l.status === 'active'
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-testid': `revoke-${l.id}`,
              'data-label': l.label,
              onclick: () => void writeJson('DELETE', `/api/share-links/${l.id}`).then(renderLinks),
            },
            t.revoke,
          )
        : '',
    ]);
    replaceChildren(
      sections.links,
      h('h2', {}, t.shareLinks),
      table(
        [
          t.shareLabel,
          t.columns.area,
          t.columns.status,
          t.columns.validUntil,
          t.columns.opened,
          t.columns.by,
          '',
        ],
        rows,
      ),
    );
  }

  async function renderStock(): Promise<void> {
    const current = await readJson<OwnStockResponse>('/api/own-stock');
    const status = statusLine();
    const file = h('input', { type: 'file', accept: '.csv,text/csv' });
    const form = h(
      'form',
      { class: 'members-form wide' },
      field(t.ownStock, file, t.ownStockIntro),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.upload)),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = file.files?.[0];
      if (!chosen) return;
      void chosen
        .text()
        .then((text) =>
          writeJson<OwnStockImportReport>(
            'POST',
            `/api/own-stock?file=${encodeURIComponent(chosen.name.replace(/[^\w .()-]/g, '_'))}`,
            undefined,
            {
              text,
              type: 'text/csv',
            },
          ),
        )
        .then((r) => showOk(status, t.uploaded(r.rows, r.buurten, r.dwellings, r.addressRows)))
        .catch((error: unknown) => showError(status, error, lang));
    });
    replaceChildren(
      sections.stock,
      h('h2', {}, t.ownStock),
      table(
        [t.columns.file, t.columns.contents, t.columns.date],
        current.uploads.map((u) => [
          u.file,
          `${u.buurten} buurten, ${u.dwellings}`,
          formatDate(u.uploadedAt, lang),
        ]),
      ),
      orgAdmin ? form : null,
      status,
    );
  }

  async function renderRegions(): Promise<void> {
    const own = (await readJson<RegionsResponse>('/api/regions')).regions.filter(
      (r: Region) => r.visibility === 'organisation',
    );
    const status = statusLine();
    const name = h('input', { type: 'text', required: true, maxlength: 100 });
    const codes = h('input', { type: 'text', required: true });
    const form = h(
      'form',
      { class: 'members-form wide' },
      field(t.name, name),
      field(t.regionGemeenten, codes),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.addRegion)),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const gemeenten = codes.value.split(/[\s,;]+/).filter(Boolean);
      writeJson('POST', '/api/regions', { name: name.value, gemeenten })
        .then(renderRegions)
        .catch((error: unknown) => showError(status, error, lang));
    });
    replaceChildren(
      sections.regions,
      h('h2', {}, t.regions),
      table(
        [t.name, t.columns.gemeenten, ''],
        own.map((r) => [
          h('a', { href: `/?view=map&area=${encodeURIComponent(r.id)}` }, r.name),
          r.gemeenten.join(', '),
          orgAdmin
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  onclick: () =>
                    void writeJson('DELETE', `/api/regions/${encodeURIComponent(r.id)}`).then(renderRegions),
                },
                t.delete,
              )
            : '',
        ]),
      ),
      form,
      status,
    );
  }

  await Promise.all([
    orgAdmin ? renderUsers() : Promise.resolve(),
    renderLinks(),
    renderStock(),
    renderRegions(),
  ]);
}
