/**
 * "Delen": a dialog that makes a share link for the area on screen (POST /api/share-links) —
 * description, days valid (90 by default, at most 365), whether to include the organisation's
 * notes and own stock, and whether the link opens this map and period — and shows the link once.
 */
import type { CreatedShareLink } from '../../../src/api/members.js';
import { areaName, type AppContext } from '../app-context.js';
import { formatDate, membersMessages } from '../auth/members-messages.js';
import { field, showError, statusLine } from '../auth/page-frame.js';
import { writeJson } from '../auth/session.js';
import { h, replaceChildren } from '../dom/element.js';

export function openShareDialog(ctx: AppContext): void {
  const state = ctx.store.state;
  if (!state.area) return;
  const lang = state.lang;
  const t = membersMessages(lang);
  const area = state.area;
  const label = h('input', { type: 'text', required: true, maxlength: 100, 'data-testid': 'share-label' });
  const days = h('input', { type: 'number', min: 1, max: 365, value: '90', required: true });
  const check = (text: string, checked: boolean, testid: string) => {
    const box = h('input', {
      type: 'checkbox',
      'data-testid': testid,
      ...(checked ? { checked: true } : {}),
    });
    return { box, row: h('label', { class: 'members-check' }, box, text) };
  };
  const pin = check(t.sharePin, true, 'share-pin');
  const notes = check(t.shareIncludeNotes, false, 'share-notes');
  const stock = check(t.shareIncludeOwnStock, false, 'share-own-stock');
  const status = statusLine();
  const submit = h(
    'button',
    { type: 'submit', class: 'button', 'data-testid': 'share-create' },
    t.shareCreate,
  );
  const close = h('button', { type: 'button', class: 'link-button', onclick: () => dialog.close() }, t.close);
  const form = h(
    'form',
    { class: 'members-form' },
    h('p', {}, t.shareIntro(areaName(ctx.data, area))),
    field(t.shareLabel, label, t.shareLabelHint),
    field(t.shareDays, days),
    pin.row,
    notes.row,
    stock.row,
    h('p', {}, submit, ' ', close),
    status,
  );
  const dialog = h(
    'dialog',
    { class: 'share-dialog', 'aria-labelledby': 'share-title', 'data-testid': 'share-dialog' },
    h('h2', { id: 'share-title' }, t.shareTitle),
    form,
  );
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    writeJson<CreatedShareLink>('POST', '/api/share-links', {
      area,
      label: label.value,
      expiresInDays: Number(days.value),
      includeNotes: notes.box.checked,
      includeOwnStock: stock.box.checked,
      ...(pin.box.checked && state.map ? { map: state.map } : {}),
      ...(pin.box.checked && state.period ? { period: state.period } : {}),
      // the link shows the data edition on screen, also after later imports
      ...(state.edition !== null ? { edition: state.edition } : {}),
    })
      .then((link) => showLink(link))
      .catch((error: unknown) => {
        submit.disabled = false;
        showError(status, error, lang);
      });
  });

  function showLink(link: CreatedShareLink): void {
    const url = h('input', {
      type: 'text',
      readonly: true,
      class: 'share-url',
      value: link.url,
      'data-testid': 'share-url',
      'aria-label': 'URL',
    });
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => {
          url.select();
          void navigator.clipboard?.writeText(link.url).then(() => (copy.textContent = t.copied));
        },
      },
      t.copy,
    );
    replaceChildren(
      form,
      h('p', { role: 'status' }, t.shareCreated(formatDate(link.expiresAt, lang))),
      url,
      h(
        'p',
        {},
        copy,
        ' ',
        h('button', { type: 'button', class: 'link-button', onclick: () => dialog.close() }, t.close),
      ),
    );
    url.focus();
    url.select();
  }

  document.body.append(dialog);
  dialog.showModal();
  label.focus();
}
