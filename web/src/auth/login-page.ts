/** /login (and every page of a members-only deployment for a visitor without a session): e-mail and password. */
import { ApiError } from '../api-client.js';
import { h } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { membersMessages } from './members-messages.js';
import { field, renderPage, showError, statusLine } from './page-frame.js';
import { login } from './session.js';

/** Where to go after logging in: a path of this site (never another site: `//x`, `/\\x`). */
export function safeNext(raw: string | null): string {
  return raw && /^\/(?![/\\])/.test(raw) ? raw : '/';
}

export function renderLoginPage(root: HTMLElement, lang: Lang, membersOnly: boolean): void {
  const t = membersMessages(lang);
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'button', 'data-testid': 'login-submit' }, t.login);
  const form = h(
    'form',
    { class: 'members-form', 'data-testid': 'login-form', novalidate: false },
    field(t.email, email),
    field(t.password, password),
    submit,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    status.textContent = t.loggingIn;
    login(email.value, password.value)
      .then(() => {
        const next = safeNext(new URLSearchParams(window.location.search).get('next'));
        window.location.assign(next === '/login' ? '/' : next);
      })
      .catch((error: unknown) => {
        submit.disabled = false;
        // a wrong e-mail address or password is the page's own case; the rest in the viewer's words
        const wrong = error instanceof ApiError && error.code === 'UNAUTHENTICATED';
        showError(status, error, lang, wrong ? t.loginWrong : undefined);
        password.value = '';
        password.focus();
      });
  });
  renderPage(
    root,
    lang,
    t.loginTitle,
    h('p', { class: membersOnly ? 'notice' : 'muted' }, membersOnly ? t.membersOnly : t.loginIntro),
    form,
  );
  email.focus();
}
