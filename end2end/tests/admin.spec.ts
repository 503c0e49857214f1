import { test, expect } from '@playwright/test';
import { adminToken } from '../playwright.config';
import { expectAccessible, waitForForm } from './helpers';

test('the owner signs in, sees a proposal sent through the page, marks it handled, exports it', async ({ page, context }) => {
  // The admin pages run no script; their CSP must not block anything they use.
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) cspErrors.push(m.text());
  });
  // A visitor leaves their availabilities, with markup in what they type.
  const marker = `Admin ${test.info().project.name} ${Date.now()}`;
  const name = `${marker} <b>gras</b>`;
  await page.goto('/prendre-rendez-vous?proposer=1');
  await waitForForm(page);
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('input[name="form[slots][0][date]"]').fill(day);
  await page.locator('input[name="form[slots][0][from]"]').fill('14:00');
  await page.locator('input[name="form[slots][0][to]"]').fill('16:00');
  await page.getByLabel('Nom et prénom').fill(name);
  await page.getByLabel('Adresse e-mail').fill('zoe@example.fr');
  await page.getByLabel('Message (facultatif)').fill('<script>alert(1)</script> après 14 h');
  await page.getByLabel(/J’accepte/).check();
  await page.getByRole('button', { name: 'Envoyer mes disponibilités' }).click();
  await expect(page).toHaveURL(/\/prendre-rendez-vous\/merci/);

  // The owner: no credentials, then a wrong token, then the right one.
  const closed = await page.goto('/admin');
  expect(closed?.status()).toBe(401);
  await page.getByLabel('Jeton d’administration').fill('not-the-token');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/admin/connexion') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  expect(refused.status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('Jeton incorrect');
  await page.getByLabel('Jeton d’administration').fill(adminToken);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();

  const cookie = (await context.cookies()).find((c) => c.name === 'rdv_admin');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  expect(cookie?.path).toBe('/admin');

  // What the visitor typed is shown as text.
  const card = page.getByRole('article', { name });
  await expect(card).toBeVisible();
  await expect(card).toContainText('<script>alert(1)</script> après 14 h');
  await expect(card).toContainText('de 14:00 à 16:00');
  await expect(card).toContainText('nouvelle');
  await expectAccessible(page);

  await card.getByRole('button', { name: 'Marquer comme traitée' }).click();
  await expect(page.getByRole('article', { name })).toContainText('traitée');
  await page.getByRole('link', { name: 'Nouvelles' }).click();
  await expect(page.getByRole('article', { name })).toHaveCount(0);

  const csv = await page.request.get('/admin/proposals.csv');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(name);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/admin\/connexion$/);
  expect((await page.request.get('/admin')).status()).toBe(401);
  expect(cspErrors).toEqual([]);
});
