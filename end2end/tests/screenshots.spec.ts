import { test, expect } from '@playwright/test';
import path from 'node:path';
import { dateLinks, hourLinks, resetFake } from './helpers';
import { adminToken } from '../playwright.config';

// Regenerates the README's screenshots: RDV_SCREENSHOTS=1 npx playwright test screenshots --project=js
test.skip(!process.env.RDV_SCREENSHOTS, 'screenshots are made on demand');
test.use({ viewport: { width: 390, height: 844 } });

const shot = (name: string) => path.join(__dirname, '../../docs/screenshots', `${name}.png`);

test('each step of the tunnel', async ({ page, request }) => {
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
});
