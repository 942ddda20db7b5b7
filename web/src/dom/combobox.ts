/**
 * An ARIA 1.2 combobox (editable, list autocomplete): a text input with role="combobox" that
 * filters a listbox popup as the user types. Typing never chooses anything: an option is chosen
 * only with Enter on the active option or a click. Keys: ArrowDown/ArrowUp open the list and
 * move the active option, Home/End jump to the first/last option, Enter chooses, Escape closes
 * the list (a second Escape clears the text), Tab leaves. Used for the area search on the start
 * page, the buurt picker on the map page and the area picker of the compare page.
 */
import { h, replaceChildren, uniqueId } from './element.js';

export interface ComboOption {
  /** Stable value (a code); also `data-code` of the option element. */
  value: string;
  label: string;
  detail?: string;
  /** Options with a group get a group heading (role="group") in the list. */
  group?: string;
}

export interface ComboboxOptions {
  label: string;
  hint?: string;
  placeholder?: string;
  testId: string;
  /** Options for the text; may be async (server search). An empty text may return all options. */
  search(text: string): ComboOption[] | Promise<ComboOption[]>;
  /** More options that take longer (a server search): appended when they arrive. */
  searchMore?(text: string): Promise<ComboOption[]>;
  onChoose(option: ComboOption): void;
  /** Said in the list and announced when the text matches nothing. */
  noResults: string;
  resultsCount(n: number): string;
  /** Show the list for an empty text on ArrowDown (a short fixed list, e.g. the buurten of a map). */
  openOnEmpty?: boolean;
  /** Text put into the input after choosing; default the option's label. */
  chosenText?(option: ComboOption): string;
  /** The popup's accessible name. */
  listLabel?: string;
  /** Extra class of the wrapper. */
  className?: string;
}

export interface Combobox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  /** Sets the text without searching (e.g. the name of the buurt chosen elsewhere). */
  setText(text: string): void;
}

export function createCombobox(o: ComboboxOptions): Combobox {
  const inputId = uniqueId('combo');
  const listId = uniqueId('combo-list');
  const hintId = uniqueId('combo-hint');
  const input = h('input', {
    id: inputId,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': o.hint ? hintId : null,
    placeholder: o.placeholder ?? null,
    class: 'search-input',
    'data-testid': o.testId,
  });
  const list = h('div', {
    id: listId,
    role: 'listbox',
    class: 'search-options',
    'aria-label': o.listLabel ?? o.label,
    hidden: true,
  });
  const empty = h('p', { class: 'search-empty', hidden: true }, o.noResults);
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  let options: ComboOption[] = [];
  let active = -1;
  let open = false;
  let token = 0;

  const optionId = (i: number): string => `${listId}-${i}`;

  const choose = (option: ComboOption): void => {
    input.value = o.chosenText ? o.chosenText(option) : option.label;
    close();
    o.onChoose(option);
  };

  const renderList = (): void => {
    const items: HTMLElement[] = [];
    let group: HTMLElement | null = null;
    let groupName: string | undefined;
    options.forEach((option, i) => {
      const item = h(
        'div',
        {
          id: optionId(i),
          role: 'option',
          class: 'search-option',
          'aria-selected': i === active ? 'true' : 'false',
          'data-code': option.value,
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => choose(option),
        },
        h('span', { class: 'search-option-name' }, option.label),
        option.detail ? h('span', { class: 'search-option-detail' }, option.detail) : null,
      );
      if (option.group !== undefined) {
        if (option.group !== groupName || !group) {
          groupName = option.group;
          const headingId = uniqueId('combo-group');
          group = h(
            'div',
            { role: 'group', 'aria-labelledby': headingId, class: 'search-group' },
            h('div', { id: headingId, class: 'search-group-heading', role: 'presentation' }, option.group),
          );
          items.push(group);
        }
        group.append(item);
      } else items.push(item);
    });
    replaceChildren(list, items);
    list.hidden = !open || options.length === 0;
    empty.hidden = !open || options.length > 0;
    input.setAttribute('aria-expanded', String(open && options.length > 0));
    if (open && active >= 0) {
      input.setAttribute('aria-activedescendant', optionId(active));
      document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  function close(): void {
    open = false;
    active = -1;
    token++;
    renderList();
  }

  const refresh = async (openIt: boolean): Promise<void> => {
    const mine = ++token;
    const text = input.value;
    if (text.trim() === '' && !(openIt && o.openOnEmpty)) {
      options = [];
      open = false;
      active = -1;
      renderList();
      status.textContent = '';
      return;
    }
    const more = o.searchMore?.(text);
    const found = await o.search(text);
    if (mine !== token) return;
    options = found;
    open = true;
    active = -1;
    if (found.length > 0 || !more) {
      renderList();
      status.textContent = found.length > 0 ? o.resultsCount(found.length) : o.noResults;
    }
    if (!more) return;
    const extra = await more.catch(() => []);
    if (mine !== token || !open) return;
    options = [...options, ...extra];
    renderList();
    status.textContent = options.length > 0 ? o.resultsCount(options.length) : o.noResults;
  };

  const move = (to: number): void => {
    if (options.length === 0) return;
    active = (to + options.length) % options.length;
    renderList();
  };

  input.addEventListener('input', () => void refresh(false));
  input.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) void refresh(true).then(() => move(0));
        else move(active + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) void refresh(true).then(() => move(options.length - 1));
        else move(active - 1);
        break;
      case 'Home':
        if (open && active >= 0) {
          e.preventDefault();
          move(0);
        }
        break;
      case 'End':
        if (open && active >= 0) {
          e.preventDefault();
          move(options.length - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0) {
          e.preventDefault();
          choose(options[active]!);
        } else if (open && options.length === 1) {
          e.preventDefault();
          choose(options[0]!);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (input.value !== '') {
          e.preventDefault();
          e.stopPropagation();
          input.value = '';
        }
        break;
      default:
        break;
    }
  });
  input.addEventListener('blur', () => {
    if (open) close();
  });

  const element = h(
    'div',
    { class: `combobox${o.className ? ` ${o.className}` : ''}` },
    h('label', { for: inputId, class: 'search-label' }, o.label),
    o.hint ? h('p', { id: hintId, class: 'hint' }, o.hint) : null,
    h('div', { class: 'search-box' }, input, list, empty),
    status,
  );
  return {
    element,
    input,
    setText(text) {
      if (document.activeElement !== input) input.value = text;
    },
  };
}
