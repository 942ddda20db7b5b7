/**
 * The inputs of one scenario as a fieldset: every model input (in percent where it is a share),
 * filled with the resolved values of the last run (so the defaults are visible), and read back
 * into the API's ScenarioInput (fractions). An empty letting share means "each buurt's current mix".
 */
import type { ScenarioInput, ScenarioSpecResolved } from '../../../src/api/scenarios.js';
import { h } from '../dom/element.js';
import type { ScenarioMessages } from './scenario-messages.js';

export interface ScenarioForm {
  element: HTMLFieldSetElement;
  read(): ScenarioInput;
}

const pct = (x: number) => String(Math.round(x * 10000) / 100);

function numberInput(name: string, value: string, min: number, max: number, step: string): HTMLInputElement {
  return h('input', { type: 'number', name, value, min, max, step, inputmode: 'decimal' });
}

function row(label: string, input: HTMLElement): HTMLElement {
  const id = `sc-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h('p', { class: 'sc-field' }, h('label', { for: id }, label), input);
}

function policy(
  legend: string,
  on: boolean,
  fields: HTMLElement[],
  name: string,
): { element: HTMLElement; box: HTMLInputElement } {
  const box = h('input', { type: 'checkbox', name, checked: on });
  const inner = h('div', { class: 'sc-policy-fields' }, fields);
  inner.hidden = !on;
  box.addEventListener('change', () => {
    inner.hidden = !box.checked;
  });
  return {
    element: h('div', { class: 'sc-policy' }, h('label', { class: 'sc-check' }, box, ' ', legend), inner),
    box,
  };
}

export function scenarioForm(
  spec: ScenarioSpecResolved,
  index: number,
  t: ScenarioMessages,
  onRemove?: () => void,
): ScenarioForm {
  const name = h('input', { type: 'text', name: 'name', value: spec.name, maxlength: 60, required: true });
  const years = numberInput('years', String(spec.years), 1, 30, '1');
  const turnover = numberInput('turnover', pct(spec.turnover), 0, 30, '0.1');
  const moveOut = numberInput('moveOutRatio', String(spec.moveOutRatio), 0.5, 2, '0.05');
  const ratio = numberInput('targetRatio', String(spec.targetRatio), 1, 5, '0.05');
  const letting = numberInput(
    'lettingShare',
    spec.lettingShare === null ? '' : pct(spec.lettingShare),
    0,
    100,
    '0.5',
  );
  const shift = numberInput('lettingShift', pct(spec.lettingShift), -50, 50, '0.5');
  const sales = numberInput('salesRate', pct(spec.salesRate), 0, 20, '0.1');
  const demolition = numberInput('demolitionRate', pct(spec.demolitionRate), 0, 20, '0.1');
  const sp = spec.spread ?? { threshold: 0.2, reduction: 0.5 };
  const spThreshold = numberInput('spreadThreshold', pct(sp.threshold), 0, 100, '0.5');
  const spReduction = numberInput('spreadReduction', pct(sp.reduction), 0, 100, '5');
  const as = spec.addSocial ?? { maxCorpShare: 0.2, ratePerYear: 0.01 };
  const asMax = numberInput('addSocialMax', pct(as.maxCorpShare), 0, 100, '1');
  const asRate = numberInput('addSocialRate', pct(as.ratePerYear), 0, 5, '0.1');
  const am = spec.addMiddle ?? { minCorpShare: 0.67, ratePerYear: 0.01, targetShare: 0.05 };
  const amMin = numberInput('addMiddleMin', pct(am.minCorpShare), 0, 100, '1');
  const amRate = numberInput('addMiddleRate', pct(am.ratePerYear), 0, 5, '0.1');
  const amTarget = numberInput('addMiddleTarget', pct(am.targetShare), 0, 100, '1');
  const spread = policy(
    t.spread,
    spec.spread !== null,
    [row(t.spreadThreshold, spThreshold), row(t.spreadReduction, spReduction)],
    'spread',
  );
  const addSocial = policy(
    t.addSocial,
    spec.addSocial !== null,
    [row(t.addSocialMax, asMax), row(t.ratePerYear, asRate)],
    'addSocial',
  );
  const addMiddle = policy(
    t.addMiddle,
    spec.addMiddle !== null,
    [row(t.addMiddleMin, amMin), row(t.ratePerYear, amRate), row(t.addMiddleTarget, amTarget)],
    'addMiddle',
  );
  const element = h(
    'fieldset',
    { class: 'sc-scenario', 'data-testid': `scenario-form-${index}` },
    h('legend', {}, `${t.scenario} ${index + 1}`),
    row(t.name, name),
    row(t.years, years),
    row(t.turnover, turnover),
    row(t.lettingShare, letting),
    row(t.lettingShift, shift),
    row(t.moveOutRatio, moveOut),
    row(t.targetRatio, ratio),
    row(t.salesRate, sales),
    row(t.demolitionRate, demolition),
    spread.element,
    addSocial.element,
    addMiddle.element,
    onRemove
      ? h('button', { type: 'button', class: 'button secondary', onclick: onRemove }, t.removeScenario)
      : null,
  );
  const num = (i: HTMLInputElement) => Number(i.value.replace(',', '.'));
  const frac = (i: HTMLInputElement) => num(i) / 100;
  return {
    element,
    read: () => ({
      name: name.value.trim(),
      years: num(years),
      turnover: frac(turnover),
      moveOutRatio: num(moveOut),
      targetRatio: num(ratio),
      lettingShare: letting.value.trim() === '' ? null : frac(letting),
      lettingShift: frac(shift),
      salesRate: frac(sales),
      demolitionRate: frac(demolition),
      spread: spread.box.checked ? { threshold: frac(spThreshold), reduction: frac(spReduction) } : null,
      addSocial: addSocial.box.checked ? { maxCorpShare: frac(asMax), ratePerYear: frac(asRate) } : null,
      addMiddle: addMiddle.box.checked
        ? { minCorpShare: frac(amMin), ratePerYear: frac(amRate), targetShare: frac(amTarget) }
        : null,
    }),
  };
}
