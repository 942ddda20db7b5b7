/**
 * The members' part of the scenario page: save what is on screen for the organisation
 * (POST /api/scenarios) and the organisation's saved comparisons (GET /api/scenarios) with open,
 * CSV, PDF and — for the author or an org-admin — delete. Visitors without a login get a line
 * saying that logging in lets them save.
 */
import type { SessionResponse } from '../../../src/api/members.js';
import type { SavedScenario, SavedScenariosResponse, ScenarioInput } from '../../../src/api/scenarios.js';
import { showError, showOk } from '../auth/page-frame.js';
import { readJson, writeJson } from '../auth/session.js';
import { h, replaceChildren } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import type { ScenarioMessages } from './scenario-messages.js';

export interface SavedPanelOptions {
  session: SessionResponse;
  lang: Lang;
  t: ScenarioMessages;
  status: HTMLElement;
  /** The area and inputs on screen (null before an area is chosen). */
  current(): { area: string; scenarios: ScenarioInput[] } | null;
  open(saved: SavedScenario): void;
}

export interface SavedPanel {
  saveBox: HTMLElement;
  list: HTMLElement;
  load(): Promise<void>;
}

function savedItem(s: SavedScenario, o: SavedPanelOptions, reload: () => Promise<void>): HTMLElement {
  const { t, lang, status } = o;
  return h(
    'li',
    { 'data-id': String(s.id) },
    `${s.title} — ${s.area} (${s.author}, ${s.createdAt.slice(0, 10)}) `,
    h('button', { type: 'button', class: 'button secondary', onclick: () => o.open(s) }, t.open),
    ' ',
    h('a', { href: `/api/scenarios/${s.id}.csv`, download: `scenario-${s.id}.csv` }, 'CSV'),
    ' ',
    h(
      'a',
      {
        href: `/api/scenarios/${s.id}.pdf${lang === 'en' ? '?lang=en' : ''}`,
        download: `scenario-${s.id}.pdf`,
        'data-testid': 'scenario-saved-pdf',
      },
      'PDF',
    ),
    ' ',
    s.mayDelete
      ? h(
          'button',
          {
            type: 'button',
            class: 'button secondary',
            onclick: () => {
              writeJson('DELETE', `/api/scenarios/${s.id}`)
                .then(reload)
                .catch((err) => showError(status, err, lang));
            },
          },
          t.delete,
        )
      : null,
  );
}

export function savedPanel(o: SavedPanelOptions): SavedPanel {
  const { t, session, status, lang } = o;
  const list = h('section', { class: 'sc-saved', 'data-testid': 'scenario-saved' });
  const load = async (): Promise<void> => {
    if (session.kind !== 'user') return;
    const saved = await readJson<SavedScenariosResponse>('/api/scenarios');
    replaceChildren(
      list,
      h('h2', {}, t.savedHeading),
      h(
        'ul',
        {},
        saved.scenarios.map((s) => savedItem(s, o, load)),
      ),
    );
  };
  if (session.kind !== 'user')
    return { saveBox: h('p', { class: 'sc-no-print' }, t.loginToSave), list, load };
  const title = h('input', {
    type: 'text',
    id: 'sc-save-title',
    maxlength: 60,
    'data-testid': 'scenario-save-title',
  });
  const saveBox = h(
    'form',
    {
      class: 'sc-save sc-no-print',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const now = o.current();
        if (!now) return;
        writeJson<SavedScenario>('POST', '/api/scenarios', { title: title.value.trim(), ...now })
          .then(() => {
            showOk(status, t.saved);
            return load();
          })
          .catch((err) => showError(status, err, lang));
      },
    },
    h('label', { for: 'sc-save-title' }, t.saveTitle),
    ' ',
    title,
    ' ',
    h('button', { type: 'submit', class: 'button', 'data-testid': 'scenario-save' }, t.save),
  );
  return { saveBox, list, load };
}
