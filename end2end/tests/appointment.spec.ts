import { test, expect } from '@playwright/test';
import { sentinelToken, urls } from '../playwright.config';
import {
  resetFake,
  fakeState,
  expectAccessible,
  toContactStep,
  fillContact,
  watchPage,
} from './helpers';

// The hour held while the visitor types, then cancelling and moving the appointment from its
// confirmation page, with and without JavaScript.

let watcher: ReturnType<typeof watchPage>;

test.beforeEach(async ({ request, page }) => {
  await resetFake(request);
  watcher = watchPage(page, sentinelToken);
});

test.afterEach(async () => {
  await watcher.check();
});

test('the chosen hour is held for the visitor, hidden from others, and used by the booking', async ({
  page,
  request,
  browser,
}) => {
  const start = await toContactStep(page);
  await expect(page.getByText(/Cet horaire vous est réservé jusqu’à \d{2}:\d{2}/)).toBeVisible();
  let state: any = await fakeState(request);
  expect(state.reservations).toHaveLength(1);
  expect(await page.content()).not.toContain(state.reservations[0]);

  // Another visitor, in another browser context: the hour is not offered.
  const other = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const slots = await (await other.request.get(`${urls.app}/api/calcom/slots?type=appel&range=14`)).json();
  const local = new Date(start!).toLocaleTimeString('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  });
  const day = new Date(start!).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  const offered = slots.some((d: any) => d.date === day && d.hours.includes(local));
  expect(offered).toBe(false);
  await other.close();

  await fillContact(page, `held.${test.info().project.name}@example.fr`);
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeVisible();
  state = await fakeState(request);
  expect(state.bookings[0].reservedSlotUid).toBe(state.reservations[0]);
});

test('from the confirmation: move the appointment, then cancel it', async ({ page, request }) => {
  await toContactStep(page);
  await fillContact(page, `life.${test.info().project.name}@example.fr`);
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeVisible();
  const first = page.url();
  const before = await page.locator('dl.recap dd').nth(2).textContent();

  await page.getByRole('link', { name: 'Déplacer le rendez-vous' }).click();
  // A few dates first, as the tunnel offers them: on a phone, at most 8 choices and two
  // screens, readable and reachable at 390 and 320 px.
  await expect(page.getByRole('heading', { level: 2, name: 'Choisir une nouvelle date' })).toBeVisible();
  await expectAccessible(page);
  const stepChoices = page.locator('section.step a, section.step button');
  const recapLinks = await page.locator('dl.recap a').count();
  expect((await stepChoices.count()) - recapLinks).toBeLessThanOrEqual(8);
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    const { scroll, client, tall } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      tall: document.documentElement.scrollHeight,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(tall).toBeLessThanOrEqual(2 * 844);
  }
  await page.locator('ul.choices.dates a.choice').first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^Choisir un horaire le / })).toBeVisible();
  await expectAccessible(page);
  const tall = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(tall).toBeLessThanOrEqual(2 * 844);
  const choice = page.locator('ul.choices.hours a.choice').first();
  const label = (await choice.getAttribute('aria-label'))!;
  await choice.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nouvel horaire' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirmer le nouvel horaire' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeVisible();
  expect(page.url()).not.toBe(first);
  const after = await page.locator('dl.recap dd').nth(2).textContent();
  expect(label).toContain(after!.split(' ')[0]);
  expect(after).not.toBe(before);
  let state: any = await fakeState(request);
  expect(state.rescheduled).toHaveLength(1);

  // The old link says it moved, and leads to the new one.
  const moved = page.url();
  await page.goto(first);
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous déplacé' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Voir le nouveau rendez-vous' })).toHaveAttribute(
    'href',
    new URL(moved).pathname,
  );

  await page.goto(moved);
  await page.getByRole('link', { name: 'Annuler le rendez-vous' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuler le rendez-vous' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Motif (facultatif)').fill('Un empêchement');
  await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous annulé' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Annuler le rendez-vous' })).toHaveCount(0);
  await expectAccessible(page);
  state = await fakeState(request);
  expect(state.cancelled).toContain(state.rescheduled[0].to);
});
