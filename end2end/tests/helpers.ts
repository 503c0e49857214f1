import { test, expect, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { dbDir, urls, webhookSecret } from '../playwright.config';

export const WEEKDAY =
  /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)$/;

export const dateLinks = (page: Page) => page.locator('ul.choices.dates a.choice:visible');
/** The hours of the date shown (the page also holds, hidden, the hours of the other dates). */
export const hourLinks = (page: Page) => page.locator('ul.choices.hours a.choice:visible');

/**
 * Tells the app that Cal.com's bookings changed, as Cal.com does: a signed webhook (no event
 * type named: all of them). When it answers, the app has forgotten what it cached and reads
 * Cal.com again on the next request: no waiting out a cache.
 */
export async function calcomChanged(request: APIRequestContext) {
  const body = JSON.stringify({
    triggerEvent: 'BOOKING_CANCELLED',
    createdAt: new Date().toISOString(),
    payload: { status: 'CANCELLED' },
  });
  const signature = createHmac('sha256', webhookSecret).update(body).digest('hex');
  const r = await request.post(`${urls.app}/webhooks/calcom`, {
    headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
    data: body,
  });
  expect(r.status()).toBe(200);
}

/** Puts the fake Cal.com back to generated availability, no bookings, and tells the app. */
export async function resetFake(request: APIRequestContext) {
  expect((await request.post(`${urls.fake}/__fake/reset`)).status()).toBe(204);
  await calcomChanged(request);
}

export async function setFake(request: APIRequestContext, behaviour: object) {
  expect((await request.put(`${urls.fake}/__fake/behaviour`, { data: behaviour })).status()).toBe(204);
  await calcomChanged(request);
}

export async function fakeState(request: APIRequestContext): Promise<{ slotCalls: number; bookings: any[] }> {
  return (await request.get(`${urls.fake}/__fake/state`)).json();
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, locale = 'fr-FR') {
  if (test.info().project.name === 'js') return expectNoViolation(page);
  // axe runs as a script in the page. Without JavaScript, the same URL (whose state is all in
  // the URL) is opened in a context where scripts run but the page's own are blocked: axe sees
  // the markup, styled, that a visitor without JavaScript gets.
  const browser = page.context().browser();
  expect(browser, 'a browser to open the copy in').not.toBeNull();
  const copy = await browser!.newContext({
    javaScriptEnabled: true,
    locale,
    timezoneId: 'Europe/Paris',
    viewport: page.viewportSize(),
    storageState: await page.context().storageState(),
  });
  try {
    await copy.route('**/pkg/*.{js,wasm}', (route) => route.abort());
    const twin = await copy.newPage();
    await twin.goto(page.url());
    await expect(twin.locator('[data-live]')).toHaveCount(0);
    await expectNoViolation(twin);
  } finally {
    await copy.close();
  }
}

async function expectNoViolation(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)).toEqual([]);
}

/** Rows of a table of the app's SQLite database (read with Python's sqlite3). */
export function dbRows(db: string, sql: string): any[] {
  const out = execFileSync('python3', [
    '-c',
    'import json, sqlite3, sys\n' +
      'c = sqlite3.connect(sys.argv[1]); c.row_factory = sqlite3.Row\n' +
      'print(json.dumps([dict(r) for r in c.execute(sys.argv[2])]))',
    `${dbDir}/${db}`,
    sql,
  ]);
  return JSON.parse(out.toString());
}

export const isJs = (name: string) => name === 'js';

/** With JavaScript, waits until the form island is live (a post before that is a plain one). */
export async function waitForForm(page: Page) {
  if (test.info().project.name === 'js') await page.locator('form[data-live]').waitFor();
}

/** With JavaScript, waits until the tunnel island is live (clicks before that are plain links). */
export async function waitForIsland(page: Page) {
  if (test.info().project.name === 'js') await page.locator('.tunnel[data-live]').waitFor();
}

/**
 * Watches a page for what must never happen: a Content-Security-Policy violation, an
 * uncaught error, or the Cal.com key in any response. Call `check()` at the end of a test.
 */
export function watchPage(page: Page, secret: string) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const bodies: Promise<void>[] = [];
  page.on('response', (r) => {
    bodies.push(
      r
        .text()
        .then((body) => {
          if (body.includes(secret)) problems.push(`secret in ${r.url()}`);
        })
        .catch(() => undefined),
    );
  });
  return {
    async check() {
      await Promise.all(bodies);
      expect(problems).toEqual([]);
    },
  };
}

/** Date → hour → the contact step, checking each step is accessible; the chosen start (UTC). */
export async function toContactStep(page: Page) {
  await page.goto('/prendre-rendez-vous');
  await waitForIsland(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Choisissez une date' })).toBeVisible();
  await expectAccessible(page);
  await dateLinks(page).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Choisissez un horaire' })).toBeVisible();
  await expectAccessible(page);
  await hourLinks(page).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
  await waitForForm(page);
  return page.locator('.summary time').getAttribute('datetime');
}

export async function fillContact(page: Page, email: string) {
  await page.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Téléphone').fill('06 12 34 56 78');
  await page.getByLabel('Message (facultatif)').fill('Plutôt le matin.');
}
