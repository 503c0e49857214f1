import { test, expect, type Page } from '@playwright/test';
import { sentinelToken, urls } from '../playwright.config';
import {
  dateLinks,
  hourLinks,
  resetFake,
  setFake,
  fakeState,
  expectAccessible,
  dbRows,
  waitForIsland,
  waitForForm,
  watchPage,
  toContactStep,
  fillContact,
} from './helpers';

let watcher: ReturnType<typeof watchPage>;

test.beforeEach(async ({ request, page }) => {
  await resetFake(request);
  watcher = watchPage(page, sentinelToken);
});

test.afterEach(async () => {
  // No CSP violation, no script error, and the Cal.com key in no response of the run.
  await watcher.check();
});

test('date → hour → contact → confirmation, booked in Cal.com at the chosen hour', async ({ page, request }) => {
  const start = await toContactStep(page);
  expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
  await expectAccessible(page);
  const email = `zoe.${test.info().project.name}@example.fr`;
  await fillContact(page, email);
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();

  await expect(page).toHaveURL(/\/prendre-rendez-vous\/confirmation\/[0-9a-f]{32}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeVisible();
  await expect(page.getByText('Zoé Dupont')).toBeVisible();
  await expectAccessible(page);
  const ics = page.getByRole('link', { name: /Ajouter à mon agenda/ });
  const icsResponse = await request.get((await ics.getAttribute('href'))!);
  expect(await icsResponse.text()).toContain('BEGIN:VEVENT');

  const state = await fakeState(request);
  expect(state.bookings).toHaveLength(1);
  expect(state.bookings[0].start).toBe(start);
  expect(state.bookings[0].attendee.email).toBe(email);
  expect(state.bookings[0].attendee.language).toBe('fr');
  // The page's own time zone is Europe/Paris; with JavaScript the island sends it.
  expect(state.bookings[0].attendee.timeZone).toBe('Europe/Paris');
  // The key went to Cal.com as a Bearer token, and never came back to the browser.
  expect(await page.content()).not.toContain(sentinelToken);
});

test('invalid contact details are explained next to the fields, typed values kept', async ({ page, request }) => {
  await toContactStep(page);
  await page.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await page.getByLabel('Adresse e-mail').fill('zoe@@example');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.locator('#error-email')).toContainText('Adresse e-mail invalide');
  await expect(page.locator('#error-phone')).toContainText('numéro de téléphone');
  await expect(page.getByLabel('Nom et prénom')).toHaveValue('Zoé Dupont');
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  // With JavaScript the island answered in place; without, the page came back with a draft.
  expect(page.url().includes('draft=')).toBe(test.info().project.name !== 'js');
  await expectAccessible(page);
  expect((await fakeState(request)).bookings).toHaveLength(0);
});

test('a slot taken meanwhile: a message and the nearest free hours', async ({ page, request }) => {
  const start = await toContactStep(page);
  await request.put(`${urls.fake}/__fake/taken`, { data: [start] });
  await fillContact(page, 'zoe@example.fr');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.getByRole('alert')).toContainText('n’est plus disponible');
  const alternatives = page.locator('ul.choices.alternatives a.choice');
  expect(await alternatives.count()).toBeGreaterThan(0);
  await alternatives.first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
  // The alternative keeps what was typed, with or without JavaScript.
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('zoe@example.fr');
  expect((await fakeState(request)).bookings).toHaveLength(0);
});

test('next week shows other dates, then the fallback form stores the proposal', async ({ page }) => {
  await page.goto('/prendre-rendez-vous');
  await waitForIsland(page);
  const first = await dateLinks(page).allTextContents();
  await page.getByRole('link', { name: 'Aucune date ne me convient' }).click();
  await expect(page).toHaveURL(/week=1/);
  const second = await dateLinks(page).allTextContents();
  expect(second.length).toBeGreaterThan(0);
  for (const d of second) expect(first).not.toContain(d);
  await page.getByRole('link', { name: 'Aucune date ne me convient' }).click();
  await page.getByRole('link', { name: 'Aucune date ne me convient' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Proposez vos disponibilités' })).toBeVisible();
  await waitForForm(page);
  await expectAccessible(page);

  const marker = `Zoé ${test.info().project.name} ${Date.now()}`;
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('input[name="form[slots][0][date]"]').fill(day);
  await page.locator('input[name="form[slots][0][from]"]').fill('09:00');
  await page.locator('input[name="form[slots][0][to]"]').fill('11:00');
  await page.getByLabel('Nom et prénom').fill(marker);
  await page.getByLabel('Adresse e-mail').fill('zoe@example.fr');
  await page.getByRole('button', { name: 'Envoyer mes disponibilités' }).click();
  // Consent is required.
  await expect(page.locator('#error-consent')).toContainText('Cochez la case');
  expect(dbRows('calcom.db', `SELECT id FROM proposals WHERE name = '${marker}'`)).toHaveLength(0);
  await page.getByLabel(/J’accepte/).check();
  await page.getByRole('button', { name: 'Envoyer mes disponibilités' }).click();

  await expect(page).toHaveURL(/\/prendre-rendez-vous\/merci/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bien enregistrées');
  const rows = dbRows('calcom.db', `SELECT * FROM proposals WHERE name = '${marker}'`);
  expect(rows).toHaveLength(1);
  expect(JSON.parse(rows[0].availabilities)).toEqual([{ date: day, from: '09:00', to: '11:00' }]);
  await expectAccessible(page);
});

test('no availability at all leads straight to the fallback', async ({ page, request }) => {
  await setFake(request, { mode: 'empty' });
  await page.goto('/prendre-rendez-vous');
  await expect(page.getByRole('heading', { level: 2, name: 'Proposez vos disponibilités' })).toBeVisible();
  await expect(page.getByText('Aucun créneau n’est libre')).toBeVisible();
});

test('Cal.com down: the page still answers and offers the form', async ({ page, request }) => {
  await setFake(request, { mode: 'status', status: 500 });
  await page.goto('/prendre-rendez-vous?type=visio');
  await expect(page.getByText('ne peuvent pas être affichées pour le moment')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer mes disponibilités' })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('390 × 844 and 320 px wide: no sideways scrolling, large touch targets', async ({ page }) => {
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto('/prendre-rendez-vous');
      await waitForIsland(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const box of await Promise.all((await dateLinks(page).all()).map((l) => l.boundingBox()))) {
        expect(box!.height).toBeGreaterThanOrEqual(44);
      }
      await dateLinks(page).first().click();
      for (const box of await Promise.all((await hourLinks(page).all()).map((l) => l.boundingBox()))) {
        expect(box!.height).toBeGreaterThanOrEqual(44);
      }
      await hourLinks(page).first().click();
      const overflowForm = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflowForm).toBeLessThanOrEqual(0);
    }
  });
});
