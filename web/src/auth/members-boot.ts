/**
 * The members' side of start-up, before the map app: which page the path asks for (/login,
 * /wachtwoord, /organisatie, /beheer, /scenario, /s/<token>), who the viewer is (GET /api/session), and
 * whether the app may show (members mode needs a login or a share link). A share link opens its
 * pinned view; viewers with own stock get its layer. Returns the session when the app shows.
 */
import type { SessionResponse } from '../../../src/api/members.js';
import { ApiError, setShareToken } from '../api-client.js';
import type { AppContext } from '../app-context.js';
import { renderShareRefused } from '../share/share-refused.js';
import { enableOwnStockLayer } from '../share/own-stock-layer.js';
import { renderAdminPage } from './admin-page.js';
import { renderLoginPage } from './login-page.js';
import { attachMembersBar } from './members-bar.js';
import { pageLang } from './members-messages.js';
import { renderOrganisationPage } from './organisation-page.js';
import { renderPasswordPage } from './password-page.js';
import { renderScenarioPage } from '../scenario/scenario-page.js';
import { loadSession, shareTokenFromPath } from './session.js';

export type MembersStart = { kind: 'app'; session: SessionResponse } | { kind: 'page' };

const PAGE: MembersStart = { kind: 'page' };

function toLogin(): MembersStart {
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.replace(`/login?next=${encodeURIComponent(next)}`);
  return PAGE;
}

export async function startMembers(root: HTMLElement): Promise<MembersStart> {
  const lang = pageLang();
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  const token = shareTokenFromPath(window.location.pathname);
  if (token) setShareToken(token);
  if (path === '/wachtwoord') {
    renderPasswordPage(root, lang);
    return PAGE;
  }
  let session: SessionResponse;
  try {
    session = await loadSession();
  } catch (error) {
    if (token && error instanceof ApiError) {
      renderShareRefused(root, lang, error);
      return PAGE;
    }
    session = { kind: 'anonymous', access: 'public' }; // the app's own loading says what is wrong
  }
  if (path === '/login') {
    if (session.kind === 'user') window.location.replace('/');
    else renderLoginPage(root, lang, session.access === 'members');
    return PAGE;
  }
  if (path === '/organisatie' || path === '/beheer') {
    if (session.kind !== 'user') return toLogin();
    if (path === '/beheer' && session.role === 'admin') await renderAdminPage(root, lang);
    else await renderOrganisationPage(root, lang, session);
    return PAGE;
  }
  if (session.access === 'members' && session.kind === 'anonymous') return toLogin();
  if (path === '/scenario') {
    await renderScenarioPage(root, lang, session);
    return PAGE;
  }
  if (session.kind === 'share-link' && window.location.search === '') {
    const s = session.shareLink;
    const q = new URLSearchParams({ view: 'map', area: s.area });
    if (s.map) q.set('map', s.map);
    if (s.period) q.set('period', s.period);
    // the data edition the link was made on, while the store keeps it (else the newest)
    if (s.dataEdition?.available) q.set('edition', String(s.dataEdition.id));
    window.history.replaceState(null, '', `${window.location.pathname}?${q.toString()}`);
  }
  if (session.kind === 'user' || (session.kind === 'share-link' && session.shareLink.includes.ownStock))
    enableOwnStockLayer();
  return { kind: 'app', session };
}

/** After the app shell is built: the members bar above its header. */
export function attachMembers(root: HTMLElement, ctx: AppContext, session: SessionResponse): void {
  attachMembersBar(root, ctx, session);
}
