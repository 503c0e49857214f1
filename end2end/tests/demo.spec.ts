import { test, expect } from '@playwright/test';
import { urls } from '../playwright.config';
import { WEEKDAY, dateLinks, hourLinks, isJs, waitForIsland } from './helpers';

// The app on its built-in demo calendar (no Cal.com configured).
test.use({ baseURL: urls.demo });

test('server-rendered HTML holds the dates, in French, with the demo badge', async ({ request }) => {
  const res = await request.get('/prendre-rendez-vous');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('<html lang="fr"');
  expect(html).toContain('mode démonstration');
  // Date choices are links (attribute order is the renderer's business).
  const labels = [...html.matchAll(/<a ([^>]*)>([^<]+)</g)]
    .filter(([, attrs]) => attrs.includes('class="choice"') && /href="[^"]*date=\d{4}-\d{2}-\d{2}(&amp;hold=[0-9a-f]{32})?"/.test(attrs))
    .map((m) => m[2]);
  expect(labels.length).toBeGreaterThanOrEqual(3);
  for (const label of labels) expect(label).toMatch(WEEKDAY);
});

test('root redirects, healthz answers, unknown pages are 404, the bundle is served', async ({ request }) => {
  const root = await request.get('/', { maxRedirects: 0 });
  expect([301, 302, 303, 307, 308]).toContain(root.status());
  expect(root.headers()['location']).toBe('/prendre-rendez-vous');
  expect((await request.get('/healthz')).status()).toBe(200);
  const missing = await request.get('/nulle-part');
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain('Page introuvable');
  // The page names its content-hashed bundle; the server sends it precompressed and
  // lets browsers keep it for a year, while the page itself is revalidated.
  const page = await request.get('/prendre-rendez-vous');
  expect(page.headers()['cache-control']).toBe('no-cache');
  const wasmPath = /\/pkg\/rdv-tunnel\.[\w-]+\.wasm/.exec(await page.text())?.[0];
  expect(wasmPath).toBeTruthy();
  const wasm = await request.get(wasmPath!, { headers: { 'accept-encoding': 'br' } });
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['content-encoding']).toBe('br');
  expect(wasm.headers()['cache-control']).toContain('immutable');
});

test('type switch selects visio', async ({ page }) => {
  await page.goto('/prendre-rendez-vous?type=visio');
  await expect(page.getByRole('link', { name: /Visio/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: /Appel/ })).not.toHaveAttribute('aria-current', 'page');
  await expect(dateLinks(page).first()).toHaveAttribute('href', /type=visio/);
});

test('date then hour, same proposal on reload', async ({ page }) => {
  await page.goto('/prendre-rendez-vous');
  await waitForIsland(page);
  const dates = dateLinks(page);
  const count = await dates.count();
  expect(count).toBeGreaterThanOrEqual(3);
  expect(count).toBeLessThanOrEqual(4);
  const label = (await dates.nth(1).textContent())?.trim() ?? '';
  expect(label).toMatch(WEEKDAY);

  const js = isJs(test.info().project.name);
  if (js) await page.evaluate(() => ((window as any).__sameDocument = true));
  await dates.nth(1).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Choisissez un horaire' })).toBeVisible();
  await expect(page).toHaveURL(/date=\d{4}-\d{2}-\d{2}/);
  await expect(page).toHaveURL(/seed=\d+/);
  const hours = hourLinks(page);
  await expect(hours).toHaveCount(2);
  await expect(hours.first()).toHaveText(/^\d{2}:\d{2}$/);
  await expect(hours.first()).toHaveAttribute('aria-label', new RegExp(`^${label} à \\d{2}:\\d{2}, heure de Paris$`));
  // On a phone the hours replace the dates instead of appearing below them.
  await expect(dateLinks(page)).toHaveCount(0);

  if (js) {
    // The island switched steps without a page load, moved focus and kept the URL in step.
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await expect(page.getByRole('heading', { level: 2, name: 'Choisissez un horaire' })).toBeFocused();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 2, name: 'Choisissez une date' })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await page.goForward();
    await expect(hours).toHaveCount(2);
  }

  const url = page.url();
  const hourTexts = await hours.allTextContents();
  await page.goto(url);
  await expect(hourLinks(page)).toHaveText(hourTexts);
});

test.describe('a visitor in another time zone', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('sees one line with the local time of the hours', async ({ page }) => {
    test.skip(!isJs(test.info().project.name), 'the browser tells its zone to the island');
    await page.goto('/prendre-rendez-vous');
  await waitForIsland(page);
    await dateLinks(page).first().click();
    const first = (await hourLinks(page).first().textContent())?.trim() ?? '';
    const instant = await hourLinks(page).first().locator('time').getAttribute('datetime');
    const line = page.locator('.local-time:visible');
    // The zone as the browser names it in French ("heure du Japon"), not its IANA id.
    const zoneName = await page.evaluate(() =>
      new Intl.DateTimeFormat('fr-FR', { timeZone: 'Asia/Tokyo', timeZoneName: 'longGeneric' })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')!.value,
    );
    expect(zoneName).not.toBe('Asia/Tokyo');
    await expect(line).toContainText(`autre fuseau horaire (${zoneName})`);
    const local = new Date(instant!).toLocaleTimeString('fr-FR', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
    });
    await expect(line).toContainText(`${first} (heure de Paris) correspond à ${local} chez vous`);
  });
});
