/**
 * The gemeente/region search: an ARIA 1.2 combobox with a list box. Typing "Heer" offers
 * Heerlen and also Parkstad Limburg (a region matches on its own name and on its members' names).
 */
import type { AppData } from '../app-context.js';
import { h, replaceChildren, uniqueId } from '../dom/element.js';
import type { Messages } from '../i18n/messages.js';

export interface AreaOption {
  kind: 'gemeente' | 'region';
  code: string;
  name: string;
  detail: string;
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Areas matching the query, best first: name starts with it, then contains it, then via members. */
export function searchAreas(data: AppData, query: string, t: Messages, limit = 12): AreaOption[] {
  const q = normalise(query.trim());
  if (q === '') return [];
  const scored: { option: AreaOption; score: number }[] = [];
  const names = new Map(data.gemeenten.gemeenten.map((g) => [g.code, g.name]));
  for (const g of data.gemeenten.gemeenten) {
    const name = normalise(g.name);
    const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : normalise(g.code).includes(q) ? 2 : -1;
    if (score >= 0)
      scored.push({
        option: {
          kind: 'gemeente',
          code: g.code,
          name: g.name,
          detail: `${t.gemeente} · ${t.buurtenCount(g.buurten)}`,
        },
        score,
      });
  }
  for (const r of data.regions.regions) {
    const name = normalise(r.name);
    const members = r.gemeenten.map((code) => names.get(code) ?? code);
    const member = members.find((m) => normalise(m).includes(q));
    const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : member ? 1.5 : -1;
    if (score >= 0) {
      const detail = `${t.region} · ${members.join(', ')}`;
      scored.push({ option: { kind: 'region', code: r.id, name: r.name, detail }, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.option.name.localeCompare(b.option.name, 'nl'));
  return scored.slice(0, limit).map((s) => s.option);
}

export function createAreaSearch(
  data: AppData,
  t: Messages,
  onChoose: (option: AreaOption) => void,
): HTMLElement {
  const inputId = uniqueId('area-search');
  const listId = uniqueId('area-options');
  const hintId = uniqueId('area-hint');
  const input = h('input', {
    id: inputId,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': hintId,
    placeholder: t.searchPlaceholder,
    class: 'search-input',
    'data-testid': 'area-search',
  });
  const list = h('ul', {
    id: listId,
    role: 'listbox',
    class: 'search-options',
    'aria-label': t.searchLabel,
    hidden: true,
  });
  const count = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  let options: AreaOption[] = [];
  let active = -1;

  const render = (): void => {
    const items = options.map((o, i) =>
      h(
        'li',
        {
          id: `${listId}-${i}`,
          role: 'option',
          class: 'search-option',
          'aria-selected': i === active ? 'true' : 'false',
          'data-code': o.code,
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => onChoose(o),
        },
        h('span', { class: 'search-option-name' }, o.name),
        h('span', { class: 'search-option-detail' }, o.detail),
      ),
    );
    if (options.length === 0 && input.value.trim() !== '')
      items.push(h('li', { class: 'search-empty', role: 'presentation' }, t.searchNoResults));
    replaceChildren(list, items);
    const open = input.value.trim() !== '';
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open && options.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    count.textContent = open
      ? options.length > 0
        ? t.searchResults(options.length)
        : t.searchNoResults
      : '';
  };

  input.addEventListener('input', () => {
    options = searchAreas(data, input.value, t);
    active = options.length > 0 ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && options.length > 0) {
      active = (active + 1) % options.length;
      render();
      e.preventDefault();
    } else if (e.key === 'ArrowUp' && options.length > 0) {
      active = (active - 1 + options.length) % options.length;
      render();
      e.preventDefault();
    } else if (e.key === 'Enter' && active >= 0) {
      onChoose(options[active]!);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      input.value = '';
      options = [];
      active = -1;
      render();
    }
  });
  input.addEventListener('blur', () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '') render();
  });

  return h(
    'div',
    { class: 'area-search' },
    h('label', { for: inputId, class: 'search-label' }, t.searchLabel),
    h('p', { id: hintId, class: 'hint' }, t.searchHint),
    h('div', { class: 'search-box' }, input, list),
    count,
  );
}
