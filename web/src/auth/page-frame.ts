/** The frame of the members' own pages (login, password, organisation, administration): brand, title, content. */
import { h, replaceChildren, type Child } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { errorText } from '../i18n/error-text.js';
import { membersMessages } from './members-messages.js';
import './members.css';

export function renderPage(
  root: HTMLElement,
  lang: Lang,
  title: string,
  ...content: (Child | Child[])[]
): HTMLElement {
  const t = membersMessages(lang);
  const main = h(
    'main',
    { id: 'main', class: 'site-main members-page', tabindex: '-1' },
    h('h1', {}, title),
    ...content,
  );
  document.documentElement.lang = lang;
  document.title = `${title} — Veerkrachtkaarten`;
  replaceChildren(
    root,
    h(
      'header',
      { class: 'site-header' },
      h(
        'div',
        { class: 'brand' },
        h(
          'a',
          { href: lang === 'en' ? '/?lang=en' : '/', class: 'brand-link' },
          h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
          'Veerkrachtkaarten',
        ),
      ),
      h('a', { href: lang === 'en' ? '/?lang=en' : '/', class: 'members-back' }, t.backToMaps),
    ),
    main,
  );
  return main;
}

/** A labelled input. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h(
    'p',
    { class: 'members-field' },
    h('label', { for: id }, label),
    hint ? h('span', { class: 'hint' }, hint) : null,
    input,
  );
}

/** A place for a form's outcome, announced to screen readers. */
export function statusLine(): HTMLElement {
  return h('p', { class: 'members-status', role: 'status', 'aria-live': 'polite' });
}

/** A refused or failed request, in the viewer's words (error-text.ts), or `text` when the page says it better. */
export function showError(line: HTMLElement, error: unknown, lang: Lang, text?: string): void {
  line.className = 'members-status error';
  line.setAttribute('role', 'alert');
  line.textContent = text ?? errorText(error, lang);
}

export function showOk(line: HTMLElement, text: string): void {
  line.className = 'members-status ok';
  line.setAttribute('role', 'status');
  line.textContent = text;
}
