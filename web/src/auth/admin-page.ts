/** /beheer (admins): organisations (add), every user (role, block, invite into an organisation) and the audit log. */
import type {
  AuditResponse,
  CreatedUser,
  OrganisationsResponse,
  UsersResponse,
} from '../../../src/api/members.js';
import { h, replaceChildren } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { formatDate, membersMessages } from './members-messages.js';
import { field, renderPage, showError, showOk, statusLine } from './page-frame.js';
import { readJson, writeJson } from './session.js';

export async function renderAdminPage(root: HTMLElement, lang: Lang): Promise<void> {
  const t = membersMessages(lang);
  const main = renderPage(root, lang, t.adminPage);
  const orgSection = h('section', {});
  const userSection = h('section', {});
  const auditSection = h('section', { 'data-testid': 'audit' });
  main.append(orgSection, userSection, auditSection);

  async function render(): Promise<void> {
    const [{ organisations }, { users }, { events }] = await Promise.all([
      readJson<OrganisationsResponse>('/api/organisations'),
      readJson<UsersResponse>('/api/users'),
      readJson<AuditResponse>('/api/audit?limit=100'),
    ]);
    const orgStatus = statusLine();
    const orgName = h('input', { type: 'text', required: true, maxlength: 100 });
    const orgForm = h(
      'form',
      { class: 'members-form wide' },
      field(t.name, orgName),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.addOrganisation)),
    );
    orgForm.addEventListener('submit', (e) => {
      e.preventDefault();
      writeJson('POST', '/api/organisations', { name: orgName.value })
        .then(render)
        .catch((error: unknown) => showError(orgStatus, error, lang));
    });
    replaceChildren(
      orgSection,
      h('h2', {}, t.organisations),
      h(
        'ul',
        {},
        organisations.map((o) => h('li', {}, `${o.name} — ${o.users} ${t.users.toLowerCase()}`)),
      ),
      orgForm,
      orgStatus,
    );

    const userStatus = statusLine();
    const email = h('input', { type: 'email', required: true });
    const role = h(
      'select',
      {},
      (['member', 'org-admin', 'admin'] as const).map((r) => h('option', { value: r }, t.roles[r])),
    );
    const org = h(
      'select',
      {},
      organisations.map((o) => h('option', { value: String(o.id) }, o.name)),
    );
    const userForm = h(
      'form',
      { class: 'members-form wide' },
      field(t.email, email),
      field(t.role, role),
      field(t.organisations, org),
      h('p', {}, h('button', { type: 'submit', class: 'button' }, t.invite)),
    );
    userForm.addEventListener('submit', (e) => {
      e.preventDefault();
      writeJson<CreatedUser>('POST', '/api/users', {
        email: email.value,
        role: role.value,
        organisationId: Number(org.value),
      })
        .then((c) =>
          showOk(
            userStatus,
            `${t.invitationLink(formatDate(c.invitation.expiresAt, lang))} ${c.invitation.url}${t.linkMail(c.invitation.mail, c.user.email)}`,
          ),
        )
        .catch((error: unknown) => showError(userStatus, error, lang));
    });
    replaceChildren(
      userSection,
      h('h2', {}, t.users),
      h(
        'ul',
        {},
        users.map((u) =>
          h(
            'li',
            {},
            `${u.email} — ${u.organisation.name}, ${t.roles[u.role]}, ${u.status} `,
            h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () =>
                  void writeJson('PATCH', `/api/users/${u.id}`, { disabled: u.status !== 'disabled' })
                    .then(render)
                    .catch((error: unknown) => showError(userStatus, error, lang)),
              },
              u.status === 'disabled' ? t.enable : t.disable,
            ),
          ),
        ),
      ),
      userForm,
      userStatus,
    );
    replaceChildren(
      auditSection,
      h('h2', {}, t.audit),
      h(
        'div',
        { class: 'members-table-wrap' },
        h(
          'table',
          { class: 'members-table' },
          h(
            'tbody',
            {},
            events.map((ev) =>
              h(
                'tr',
                {},
                h('td', {}, ev.at.replace('T', ' ').slice(0, 19)),
                h('td', {}, ev.event),
                h('td', {}, ev.actor),
                h('td', {}, ev.address ?? ''),
                h('td', {}, JSON.stringify(ev.detail)),
              ),
            ),
          ),
        ),
      ),
    );
  }
  await render();
}
