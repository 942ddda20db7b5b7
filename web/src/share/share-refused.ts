/** A share link that no longer works (revoked, expired, unknown): what happened and what to do. */
import type { ApiError } from '../api-client.js';
import { membersMessages } from '../auth/members-messages.js';
import { renderPage } from '../auth/page-frame.js';
import { h } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';

export function renderShareRefused(root: HTMLElement, lang: Lang, error: ApiError): void {
  const t = membersMessages(lang);
  const why =
    error.code === 'SHARE_LINK_REVOKED'
      ? t.shareRevoked
      : error.code === 'SHARE_LINK_EXPIRED'
        ? t.shareExpired
        : t.shareInvalid;
  renderPage(
    root,
    lang,
    t.shareRefusedTitle,
    h('p', { class: 'notice', role: 'alert', 'data-testid': 'share-refused', 'data-code': error.code }, why),
    h('p', {}, t.shareRefusedHint),
  );
}
