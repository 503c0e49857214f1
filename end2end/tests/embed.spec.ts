import { test, expect } from '@playwright/test';
import { sentinelToken, urls } from '../playwright.config';
import AxeBuilder from '@axe-core/playwright';
import { resetFake, fakeState, watchPage } from './helpers';

/** No serious or critical axe violation inside the tunnel's frame (the host page is not ours). */
async function frameAccessible(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).include('iframe').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)).toEqual([]);
}

// The tunnel pasted into another site's page (served by the fake Cal.com: another origin).

let watcher: ReturnType<typeof watchPage>;

test.beforeEach(async ({ request, page }) => {
  await resetFake(request);
  watcher = watchPage(page, sentinelToken);
});

test.afterEach(async () => {
  await watcher.check();
});

/** The frame fits its content: no scroll bar of its own (a pixel of rounding allowed). */
async function fitsItsContent(page: import('@playwright/test').Page) {
  const frame = page.locator('iframe[title="Prendre rendez-vous"]');
  await expect
    .poll(async () => {
      const outer = await frame.evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height);
      const inner = await frame.evaluate((f: HTMLIFrameElement) =>
        f.contentDocument ? f.contentDocument.documentElement.scrollHeight : -1,
      );
      // Cross-origin: the host cannot read the frame; ask the frame itself.
      const height =
        inner >= 0
          ? inner
          : await page
              .frameLocator('iframe[title="Prendre rendez-vous"]')
              .locator('html')
              .evaluate((h) => h.scrollHeight);
      return Math.abs(outer - height) <= 1;
    })
    .toBe(true);
}

test('pasted in another site, the tunnel shows dates, fits every step, and books', async ({ page, request }) => {
  test.skip(test.info().project.name !== 'js', 'the host page runs the snippet with JavaScript');
  const embed = await request.get(`${urls.app}/embed.js`);
  // Its size budget is the README's, checked by scripts/check-package.
  expect(embed.headers()['cache-control']).toContain('max-age=86400');

  // The host page's own analytics listen to the tunnel's events.
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { rdvEvents: unknown[] }).rdvEvents = seen;
    for (const name of ['rdv:ready', 'rdv:booked', 'rdv:proposed']) {
      document.addEventListener(name, (e) => seen.push([name, (e as CustomEvent).detail]));
    }
  });
  await page.goto(`${urls.fake}/__fake/host.html?app=${encodeURIComponent(urls.app)}`);
  await expect(page.locator('#host')).toHaveText('script de la page actif');
  await expect(page.locator('a[data-rdv-tunnel]')).toHaveCount(0);
  const tunnel = page.frameLocator('iframe[title="Prendre rendez-vous"]');
  await expect(tunnel.getByRole('heading', { level: 2, name: 'Choisissez une date' })).toBeVisible();
  await expect(tunnel.locator('body.embed')).toHaveCount(1);
  await fitsItsContent(page);
  await frameAccessible(page);

  await tunnel.locator('ul.choices.dates a.choice:visible').first().click();
  await expect(tunnel.getByRole('heading', { level: 2, name: 'Choisissez un horaire' })).toBeVisible();
  await fitsItsContent(page);
  await tunnel.locator('ul.choices.hours a.choice:visible').first().click();
  await expect(tunnel.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
  await fitsItsContent(page);
  await frameAccessible(page);
  await tunnel.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await tunnel.getByLabel('Adresse e-mail').fill('embed@example.fr');
  await tunnel.getByLabel('Téléphone').fill('06 12 34 56 78');
  await tunnel.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(tunnel.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeAttached();
  await fitsItsContent(page);
  expect((await fakeState(request)).bookings).toHaveLength(1);
  await expect(page.locator('footer')).toHaveText('Pied de page');
  // rdv:booked, once, with the event type and the date and nothing personal.
  const events = () => page.evaluate(() => (window as unknown as { rdvEvents: [string, any][] }).rdvEvents);
  await expect.poll(async () => (await events()).filter((e) => e[0] === 'rdv:booked').length).toBe(1);
  const booked = (await events()).find((e) => e[0] === 'rdv:booked')![1];
  expect(booked.type).toBe('appel');
  expect(booked.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(JSON.stringify(booked)).not.toContain('example.fr');
  expect((await events()).some((e) => e[0] === 'rdv:ready')).toBe(true);
});

test('pop-up mode: a button opens the tunnel over the page, in English, and Escape closes it', async ({ page }) => {
  test.skip(test.info().project.name !== 'js', 'the host page runs the snippet with JavaScript');
  await page.goto(`${urls.fake}/__fake/host.html?app=${encodeURIComponent(urls.app)}&mode=popup&lang=en`);
  await expect(page.locator('a[data-rdv-tunnel]')).toHaveCount(0);
  const open = page.getByRole('button', { name: 'Prendre rendez-vous' });
  await expect(open).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
  await expect(dialog).toBeVisible();
  const tunnel = page.frameLocator('iframe[title="Book an appointment"]');
  await expect(tunnel.getByRole('heading', { level: 2, name: 'Choose a date' })).toBeVisible();
  await expect(tunnel.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await open.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('data-accent colours the buttons in the frame, with text that reads on it', async ({ page }) => {
  test.skip(test.info().project.name !== 'js', 'the host page runs the snippet with JavaScript');
  await page.goto(`${urls.fake}/__fake/host.html?app=${encodeURIComponent(urls.app)}&accent=%23fde047`);
  const tunnel = page.frameLocator('iframe[title="Prendre rendez-vous"]');
  await tunnel.locator('ul.choices.dates a.choice:visible').first().click();
  await tunnel.locator('ul.choices.hours a.choice:visible').first().click();
  const button = tunnel.getByRole('button', { name: 'Confirmer le rendez-vous' });
  await expect(button).toBeVisible();
  // A light yellow: the text turns near-black, on every page of the visit.
  await expect(button).toHaveCSS('background-color', 'rgb(253, 224, 71)');
  await expect(button).toHaveCSS('color', 'rgb(17, 24, 39)');
});

test('a site not listed in frame_ancestors cannot frame the page', async ({ request }) => {
  const page = await request.get(`${urls.app}/prendre-rendez-vous`, { headers: { 'sec-fetch-dest': 'iframe' } });
  const csp = page.headers()['content-security-policy'];
  expect(csp).toContain(`frame-ancestors 'self' ${urls.fake}`);
  expect(await page.text()).toContain('<body class="embed"');
  expect(page.headers()['vary']).toContain('Sec-Fetch-Dest');
});
