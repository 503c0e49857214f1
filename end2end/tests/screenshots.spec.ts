import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { dateLinks, hourLinks, resetFake } from './helpers';
import { adminToken } from '../playwright.config';

// Walks every step on a phone and photographs it. In the test run the pictures go to the test
// output (each must be a real picture); `RDV_SCREENSHOTS=1 npx playwright test screenshots
// --project=js` writes them into docs/screenshots for the README.
test.use({ viewport: { width: 390, height: 844 } });

const taken: string[] = [];
const shot = (name: string) => {
  const file = process.env.RDV_SCREENSHOTS
    ? path.join(__dirname, '../../docs/screenshots', `${name}.png`)
    : test.info().outputPath(`${name}.png`);
  taken.push(file);
  return file;
};

test('each step of the tunnel, photographed', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'js', 'the pictures show the page with JavaScript');
  await resetFake(request);
  await page.goto('/prendre-rendez-vous');
  await page.screenshot({ path: shot('1-dates') });
  await dateLinks(page).first().click();
  await expect(hourLinks(page).first()).toBeVisible();
  await page.screenshot({ path: shot('2-horaires') });
  await hourLinks(page).first().click();
  await page.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await page.getByLabel('Adresse e-mail').fill('zoe@example.fr');
  await page.getByLabel('Téléphone').fill('06 12 34 56 78');
  await page.screenshot({ path: shot('3-coordonnees'), fullPage: true });
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' })).toBeVisible();
  await page.screenshot({ path: shot('4-confirmation') });
  await page.goto('/prendre-rendez-vous?proposer=1');
  await page.screenshot({ path: shot('5-disponibilites'), fullPage: true });
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('input[name="form[slots][0][date]"]').fill(day);
  await page.locator('input[name="form[slots][0][from]"]').fill('09:00');
  await page.locator('input[name="form[slots][0][to]"]').fill('11:00');
  await page.getByLabel('Nom et prénom').fill('Léa Martin');
  await page.getByLabel('Adresse e-mail').fill('lea@example.fr');
  await page.getByLabel('Message (facultatif)').fill('Plutôt en matinée, merci.');
  await page.getByLabel(/J’accepte/).check();
  await page.getByRole('button', { name: 'Envoyer mes disponibilités' }).click();
  await expect(page).toHaveURL(/merci/);
  await page.goto('/admin');
  await page.getByLabel('Jeton d’administration').fill(adminToken);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await page.screenshot({ path: shot('6-admin'), fullPage: true });
  // Six real pictures (a PNG's signature, and more than a blank page weighs).
  expect(taken).toHaveLength(6);
  for (const file of taken) {
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(1, 4).toString(), file).toBe('PNG');
    expect(bytes.length, file).toBeGreaterThan(10_000);
  }
});
