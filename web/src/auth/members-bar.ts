/**
 * The strip above the header: for a share link, what was shared, by whom and until when; for a
 * user, who is logged in, "Delen" (a share link of the area on screen), their organisation's page,
 * administration (admins) and log out; for a visitor of a public deployment, "Inloggen".
 */
import type { SessionResponse } from '../../../src/api/members.js';
import type { AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { openShareDialog } from '../share/share-dialog.js';
import { formatDate, membersMessages } from './members-messages.js';
import { logout } from './session.js';
import './members.css';

export function attachMembersBar(root: HTMLElement, ctx: AppContext, session: SessionResponse): void {
  // a landmark of its own, so that no content of the page is outside one (axe "region")
  const bar = h('div', { class: 'members-bar', role: 'region', 'data-testid': 'members-bar' });
  root.insertBefore(bar, root.querySelector('.site-header'));
  const render = (): void => {
    const lang = ctx.store.state.lang;
    const t = membersMessages(lang);
    const langQuery = lang === 'en' ? '?lang=en' : '';
    bar.setAttribute('aria-label', session.kind === 'share-link' ? t.sharedRegion : t.accountRegion);
    if (session.kind === 'share-link') {
      const s = session.shareLink;
      bar.classList.add('shared');
      replaceChildren(
        bar,
        h(
          'p',
          { 'data-testid': 'share-banner', role: 'note' },
          h('strong', {}, s.label),
          ` — ${s.areaName}. `,
          t.sharedBy(s.sharedBy.organisation, s.sharedBy.name, formatDate(s.expiresAt, lang)),
          s.dataChanged ? ` ${t.sharedDataChanged}` : '',
        ),
      );
      return;
    }
    if (session.kind === 'anonymous') {
      replaceChildren(
        bar,
        h(
          'span',
          { class: 'members-bar-actions' },
          h('a', { href: `/login${langQuery}`, 'data-testid': 'login-link' }, t.login),
        ),
      );
      return;
    }
    const area = ctx.store.state.area;
    replaceChildren(
      bar,
      h(
        'span',
        { 'data-testid': 'signed-in' },
        t.signedInAs(session.user.name ?? session.user.email, session.organisation.name),
      ),
      h(
        'span',
        { class: 'members-bar-actions' },
        area
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                'data-testid': 'share-open',
                onclick: () => openShareDialog(ctx),
              },
              t.share,
            )
          : null,
        h('a', { href: `/organisatie${langQuery}`, 'data-testid': 'organisation-link' }, t.organisationPage),
        session.role === 'admin' ? h('a', { href: `/beheer${langQuery}` }, t.adminPage) : null,
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'data-testid': 'logout',
            onclick: () => {
              void logout().finally(() =>
                window.location.assign(session.access === 'members' ? '/login' : '/'),
              );
            },
          },
          t.logout,
        ),
      ),
    );
  };
  render();
  let last = `${ctx.store.state.area}|${ctx.store.state.lang}`;
  ctx.store.subscribe((state) => {
    const key = `${state.area}|${state.lang}`;
    if (key !== last) {
      last = key;
      render();
    }
  });
}
