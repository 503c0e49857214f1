import { test, expect } from '@playwright/test';
import { dateLinks, hourLinks, expectAccessible, waitForIsland, waitForForm } from './helpers';

// "conseil" may not be changed online within 30 days of it (changes_until_hours_before = 720).
test('past the business cut-off, the confirmation states the rule instead of the buttons, and a forged cancel is refused', async ({ page }) => {
  await page.goto('/prendre-rendez-vous?type=conseil');
  await waitForIsland(page);
  await dateLinks(page).first().click();
  await hourLinks(page).first().click();
  await waitForForm(page);
  await page.getByLabel('Nom et prénom').fill('Zoé Dupont');
  await page.getByLabel('Adresse e-mail').fill(`regles.${test.info().project.name}@example.fr`);
  await page.getByLabel('Société').fill('ACME');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/confirmation\/[0-9a-f]{32}$/);
  const rules = page.locator('p.rules');
  await expect(rules).toContainText('ne peut plus être déplacé en ligne');
  await expect(rules).toContainText('ne peut plus être annulé en ligne');
  await expect(page.getByRole('link', { name: 'Annuler le rendez-vous' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Déplacer le rendez-vous' })).toHaveCount(0);
  await expectAccessible(page);
  const id = page.url().split('/').pop()!;
  const forged = await page.request.post('/api/fn/cancel', { form: { id, reason: 'x' } });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain('ne peut plus être annulé en ligne');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rendez-vous confirmé');
});
