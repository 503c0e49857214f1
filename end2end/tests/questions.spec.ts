import { test, expect } from '@playwright/test';
import { sentinelToken } from '../playwright.config';
import {
  dateLinks,
  hourLinks,
  resetFake,
  fakeState,
  expectAccessible,
  waitForIsland,
  waitForForm,
  watchPage,
} from './helpers';

// The fake Cal.com's "conseil" event type has a required question, "Société" (slug company):
// the app read it from Cal.com at startup and asks it in the contact form.
test('a question of the event type in Cal.com is asked, required, and sent with the booking', async ({ page, request }) => {
  await resetFake(request);
  const watcher = watchPage(page, sentinelToken);
  await page.goto('/prendre-rendez-vous?type=conseil');
  await waitForIsland(page);
  await dateLinks(page).first().click();
  await hourLinks(page).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
  await waitForForm(page);
  await expectAccessible(page);

  const email = `societe.${test.info().project.name}@example.fr`;
  await page.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await page.getByLabel('Adresse e-mail').fill(email);
  // Unanswered: refused on its own field, nothing booked.
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.locator('#error-answer-company')).toHaveText('Répondez à cette question.');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(email);
  expect((await fakeState(request)).bookings).toHaveLength(0);
  await expectAccessible(page);

  await page.getByLabel('Société').fill('ACME');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/confirmation\/[0-9a-f]{32}$/);
  const bookings = (await fakeState(request)).bookings;
  expect(bookings).toHaveLength(1);
  expect(bookings[0].bookingFieldsResponses.company).toBe('ACME');
  await watcher.check();
});

test('a French overseas number is sent to Cal.com in its own country code', async ({ page, request }) => {
  await resetFake(request);
  await page.goto('/prendre-rendez-vous?type=appel');
  await waitForIsland(page);
  await dateLinks(page).first().click();
  await hourLinks(page).first().click();
  await waitForForm(page);
  await page.getByLabel('Nom et prénom').fill('Léa Martin');
  await page.getByLabel('Adresse e-mail').fill(`lea.${test.info().project.name}@example.fr`);
  // Too short: the phone field says so, and nothing reaches Cal.com.
  await page.getByLabel('Téléphone').fill('06 12 34');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.locator('#error-phone')).toContainText('Numéro de téléphone invalide');
  expect((await fakeState(request)).bookings).toHaveLength(0);
  // A Guadeloupe mobile, written the national way.
  await page.getByLabel('Téléphone').fill('0690 12 34 56');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/confirmation\/[0-9a-f]{32}$/);
  const bookings = (await fakeState(request)).bookings;
  expect(bookings).toHaveLength(1);
  expect(bookings[0].attendee.phoneNumber).toBe('+590690123456');
});
