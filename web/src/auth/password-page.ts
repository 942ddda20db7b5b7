/**
 * /wachtwoord#<token>: set a password with an invitation or reset link. The token is in the
 * fragment, which the browser never sends to a server; it is removed from the address at once.
 */
import { h } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { membersMessages } from './members-messages.js';
import { field, renderPage, showError, showOk, statusLine } from './page-frame.js';
import { writeJson } from './session.js';

export function renderPasswordPage(root: HTMLElement, lang: Lang): void {
  const t = membersMessages(lang);
  const token = window.location.hash.slice(1);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const password = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    minlength: 12,
    required: true,
  });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'button' }, t.save);
  const form = h(
    'form',
    { class: 'members-form' },
    field(t.password, password, t.passwordIntro),
    submit,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    writeJson('POST', '/api/password', { token, password: password.value })
      .then(() => {
        showOk(status, t.passwordSet);
        form.append(h('a', { href: '/login', class: 'button' }, t.login));
      })
      .catch((error: unknown) => {
        submit.disabled = false;
        showError(status, error, lang);
      });
  });
  renderPage(root, lang, t.passwordTitle, form);
  password.focus();
}
