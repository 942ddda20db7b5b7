/**
 * The main navigation in Chromium: the scenario planner is a page of its own, so its entry is a
 * real link while the other entries are buttons; all of them look and align the same (no
 * underline, same box, text on one line). Runs on the generated demo dataset, needs no real data;
 * without Chromium the suite fails.
 */
import { describe, expect, it } from 'vitest';
import { gotoApp, openPage, screenshot } from './support/app-page.js';
import { useBrowserAndServer } from './support/browser-and-server.js';
import { startDemoServer } from './support/real-server.js';

interface NavEntry {
  tag: string;
  label: string;
  href: string | null;
  top: number;
  height: number;
  textTop: number;
  underline: string;
}

describe('the main navigation', () => {
  const { browser, server } = useBrowserAndServer(startDemoServer, 180_000);

  it('shows the scenario link like the buttons beside it: same box, same text line, not underlined', async () => {
    const { page, errors } = await openPage(browser(), { width: 1280, height: 800 });
    await gotoApp(page, `${server().url}/?view=areas`);
    const entries: NavEntry[] = await page.$$eval('nav .nav-link', (links) =>
      links.map((link) => {
        const box = link.getBoundingClientRect();
        const text = document.createRange();
        text.selectNodeContents(link);
        return {
          tag: link.tagName.toLowerCase(),
          label: link.textContent ?? '',
          href: link.getAttribute('href'),
          top: box.top,
          height: box.height,
          textTop: text.getBoundingClientRect().top,
          underline: getComputedStyle(link).textDecorationLine,
        };
      }),
    );
    await screenshot(page, 'main-nav');
    const scenario = entries.find((e) => e.label === 'Scenario’s');
    expect(scenario).toMatchObject({ tag: 'a', href: '/scenario', underline: 'none' });
    const buttons = entries.filter((e) => e.tag === 'button');
    expect(buttons.map((b) => b.label)).toEqual([
      'Start',
      'Kaarten',
      'Kaarten naast elkaar',
      'Gebieden vergelijken',
      'Vroegsignalering',
    ]);
    for (const button of buttons) {
      expect(scenario!.top).toBeCloseTo(button.top, 1);
      expect(scenario!.height).toBeCloseTo(button.height, 1);
      expect(scenario!.textTop).toBeCloseTo(button.textTop, 1);
      expect(button.underline).toBe('none');
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
