import { test, expect } from '@playwright/test';
import { adminToken } from '../playwright.config';
import { dbRows, expectAccessible, waitForForm } from './helpers';

/** The next weekday at least `days` ahead (the fake Cal.com's hours are weekdays, 09:00–16:30). */
function weekdayAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('a proposal offered by the owner books in one click from its link, with nothing to type', async ({ page }) => {
  const project = test.info().project.name;
  const marker = `Offre ${project} ${Date.now()}`;
  const email = `offre-${project}-${Date.now()}@example.fr`;
  // The visitor leaves their availabilities: a whole day that has free hours.
  await page.goto('/prendre-rendez-vous?proposer=1');
  await waitForForm(page);
  await page.locator('input[name="form[slots][0][date]"]').fill(weekdayAhead(5));
  await page.locator('input[name="form[slots][0][from]"]').fill('09:00');
  await page.locator('input[name="form[slots][0][to]"]').fill('17:00');
  await page.getByLabel('Nom et prénom').fill(marker);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
  await page.getByLabel(/J’accepte/).check();
  await page.getByRole('button', { name: 'Envoyer mes disponibilités' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/merci/);

  // The owner sees the hours that match and offers them (no SMTP here: the links to send).
  await page.goto('/admin');
  await page.getByLabel('Jeton d’administration').fill(adminToken);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const card = page.getByRole('article', { name: marker });
  await expect(card).toContainText('Créneaux libres qui correspondent maintenant');
  await card.getByRole('button', { name: 'Proposer ces horaires' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Liens à envoyer' })).toBeVisible();
  const text = (await page.locator('main').textContent()) ?? '';
  const link = text.match(/\/prendre-rendez-vous\/offre\/[0-9a-f]{32}/)?.[0];
  expect(link).toBeTruthy();

  // The visitor's link: the contact step, their details in the form, one click.
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
  await waitForForm(page);
  await expect(page.getByLabel('Nom et prénom')).toHaveValue(marker);
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(email);
  expect(page.url()).not.toContain('example.fr');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/confirmation\//);

  const rows = dbRows('calcom.db', `SELECT status, booking_id FROM proposals WHERE email = '${email}'`);
  expect(rows).toHaveLength(1);
  expect(rows[0].status).toBe('booked');
  expect(page.url()).toContain(rows[0].booking_id);
  // The link again: the appointment, not a second booking.
  await page.goto(link!);
  await expect(page).toHaveURL(new RegExp(rows[0].booking_id));
});
