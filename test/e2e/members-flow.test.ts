/**
 * Members and partners in Debian Chromium (issue 11), in members mode on the demo dataset,
 * with the server's Content-Security-Policy in force: log in, make a share link of the map on
 * screen, open it in a fresh browser context on a phone, see who shared it and until when,
 * revoke it and see it refused, log out. Any CSP violation or console error fails the flow, and
 * so does a serious axe-core finding on the login, organisation, shared and refused pages.
 * Screenshots: test-output/screenshots/members-*.png. Without Chromium the suite fails.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCREENSHOTS, screenshot, seriousAxeViolations, waitForMapDrawn } from './support/app-page.js';
import { launchChromium } from './support/chromium.js';
import { startMembersServer, type MembersServer } from './support/members-server.js';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records console errors, page errors and CSP violations. */
async function watchedPage(context: BrowserContext): Promise<Watched> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // the wrong password (401) and the revoked link (410) are refused on purpose; the browser logs those
    if (m.type() === 'error' && !/status of (401|410)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { page, problems };
}

describe('members in Chromium: log in, share on a phone, revoke, log out', () => {
  let server: MembersServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium(); // first: without Chromium, fail before building
    server = await startMembersServer('members');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the whole flow', async () => {
    const s = server!;
    const desk = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const member = await watchedPage(desk);
    const page = member.page;

    // 1. members mode: the app sends a visitor to the login page
    await page.goto(`${s.url}/`);
    await page.waitForSelector('[data-testid="login-form"]');
    expect(new URL(page.url()).pathname).toBe('/login');
    const headers = (await page.request.get(`${s.url}/`)).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.fill('input[name="email"]', s.email);
    await page.fill('input[name="password"]', 'not the password');
    await page.click('[data-testid="login-submit"]');
    // in the page's language (the API's message is English)
    await expect(page.locator('[role="alert"]').innerText()).resolves.toBe(
      'Het e-mailadres of het wachtwoord klopt niet.',
    );
    await page.fill('input[name="password"]', s.password);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('html[data-ready="true"]');
    await expect(page.locator('[data-testid="signed-in"]').innerText()).resolves.toContain('Sanne de Vries');
    const cookies = await desk.cookies();
    const session = cookies.find((c) => c.name === 'vk_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');

    // 2. a map of a demo gemeente, then "Delen"
    const gemeenten = (await (await page.request.get(`${s.url}/api/gemeenten`)).json()) as {
      gemeenten: { code: string; name: string; buurten: number }[];
    };
    const [area, other] = gemeenten.gemeenten.filter((g) => g.buurten > 0);
    const map = (await (
      await page.request.get(`${s.url}/api/maps?area=${area!.code}&map=veerkracht-absoluut`)
    ).json()) as { features: { id: string }[] };
    const buurt = map.features[0]!.id;
    const view = `view=map&area=${area!.code}&map=veerkracht-absoluut&buurt=${buurt}`;
    await page.goto(`${s.url}/?${view}`);
    await page.waitForSelector('html[data-ready="true"]');
    await waitForMapDrawn(page, 0);
    // a note in the buurt's profile (private to the organisation)
    await page.waitForSelector('[data-testid="profile-members"]');
    await page.fill('[data-testid="note-text"]', 'Wijkteam zag <b>meer</b> overlast rond het plein');
    await page.click('[data-testid="profile-members"] button[type="submit"]');
    await page.waitForSelector('[data-testid="profile-notes"] li:has-text("rond het plein")');
    expect(await page.locator('[data-testid="profile-notes"] li b').count()).toBe(0); // text, not markup
    // own stock (uploaded through the API with the session's CSRF token) is a layer of its own
    const { csrfToken } = (await (await page.request.get(`${s.url}/api/session`)).json()) as {
      csrfToken: string;
    };
    const upload = await page.request.post(`${s.url}/api/own-stock?file=bezit.csv`, {
      headers: { 'content-type': 'text/csv', 'x-csrf-token': csrfToken },
      data: `buurt_code,dwellings\n${map.features
        .slice(0, 5)
        .map((f, i) => `${f.id},${40 + 10 * i}`)
        .join('\n')}\n`,
    });
    expect(upload.status()).toBe(201);
    await page.goto(`${s.url}/?view=map&area=${area!.code}&map=eigen-bezit`);
    await page.waitForSelector('html[data-ready="true"]');
    await waitForMapDrawn(page, 0);
    await expect(page.locator('[data-testid="map-title"]').innerText()).resolves.toContain('Eigen bezit');
    await screenshot(page, 'members-01a-own-stock-layer');
    await page.goto(`${s.url}/?${view}`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.click('[data-testid="share-open"]');
    await page.fill('[data-testid="share-label"]', 'Overleg wijkteam');
    await page.check('[data-testid="share-notes"]');
    await page.click('[data-testid="share-create"]');
    const url = await page.locator('[data-testid="share-url"]').inputValue();
    expect(url).toMatch(new RegExp(`^${s.url}/s/[A-Za-z0-9_-]{43}$`));
    await screenshot(page, 'members-01-share-dialog');
    await page.keyboard.press('Escape');

    // 3. a fresh context on a phone: the shared map, who shared it and until when
    const phoneContext = await browser!.newContext(PHONE);
    const phone = await watchedPage(phoneContext);
    await phone.page.goto(url);
    await phone.page.waitForSelector('html[data-ready="true"]');
    await waitForMapDrawn(phone.page, 0);
    const banner = await phone.page.locator('[data-testid="share-banner"]').innerText();
    expect(banner).toContain('Overleg wijkteam');
    expect(banner).toContain(`Gedeeld door ${s.organisation} (Sanne de Vries)`);
    expect(banner).toMatch(/geldig tot \d{1,2} \w+ \d{4}/);
    expect(new URL(phone.page.url()).searchParams.get('area')).toBe(area!.code);
    expect(await phoneContext.cookies()).toEqual([]);
    await screenshot(phone.page, 'members-02-phone-shared-map');
    // the link includes the organisation's notes: the buurt's profile shows the note, without a form
    await phone.page.goto(`${url}?${view}`);
    await phone.page.waitForSelector('[data-testid="profile-notes"] li:has-text("rond het plein")');
    expect(await phone.page.locator('[data-testid="note-text"]').count()).toBe(0);
    await screenshot(phone.page, 'members-02b-phone-profile-note');
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    // the link shows its gemeente only: the API refuses the other one for its token
    const token = new URL(url).pathname.split('/')[2]!;
    const refusedOther = (
      await phone.page.request.get(`${s.url}/api/maps?area=${other!.code}&map=corporatiebezit`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status();
    expect(refusedOther).toBe(403);

    // 4. revoke it on the organisation page
    await page.goto(`${s.url}/organisatie`);
    const revoke = page.locator('[data-label="Overleg wijkteam"]');
    await revoke.waitFor();
    await page.fill('[data-testid="notes-query"]', 'plein');
    await page.click('[data-testid="org-notes"] button[type="submit"]');
    await page.waitForSelector('[data-testid="notes-results"] li:has-text("rond het plein")');
    await screenshot(page, 'members-03-organisation-page', true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // the author edits the note in place: the new text, and when it was edited
    await page
      .locator('[data-testid="notes-results"] li:has-text("rond het plein") [data-testid="note-edit"]')
      .click();
    await page.fill('[data-testid="note-edit-text"]', 'Wijkteam zag minder overlast rond het plein');
    await page
      .locator('[data-testid="org-notes"]')
      .screenshot({ path: join(SCREENSHOTS, 'members-03b-note-edit.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.click('[data-testid="note-save"]');
    const edited = page.locator('[data-testid="notes-results"] li:has-text("minder overlast")');
    await edited.waitFor();
    await page
      .locator('[data-testid="org-notes"]')
      .screenshot({ path: join(SCREENSHOTS, 'members-03c-note-edited.png') });
    expect(await edited.locator('[data-testid="note-edited"]').innerText()).toMatch(
      /bewerkt \d{1,2} \w+ \d{4}/,
    );
    await revoke.click();
    await page.waitForSelector('[data-label="Overleg wijkteam"]', { state: 'detached' });

    // 5. the phone's next request is refused
    await phone.page.reload();
    const refused = phone.page.locator('[data-testid="share-refused"]');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('SHARE_LINK_REVOKED');
    expect(await refused.innerText()).toContain('ingetrokken');
    await screenshot(phone.page, 'members-04-phone-revoked');
    expect(await seriousAxeViolations(phone.page)).toEqual([]);

    // 6. log out: back to the login page, the session is gone
    await page.goto(`${s.url}/?view=map&area=${area!.code}`);
    await page.waitForSelector('[data-testid="logout"]');
    await page.click('[data-testid="logout"]');
    await page.waitForSelector('[data-testid="login-form"]');
    const after = (await (await page.request.get(`${s.url}/api/session`)).json()) as { kind: string };
    expect(after.kind).toBe('anonymous');
    await screenshot(page, 'members-05-logged-out');

    expect(member.problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await desk.close();
    await phoneContext.close();
  }, 180_000);
});
