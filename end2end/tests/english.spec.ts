import { test, expect } from '@playwright/test';
import { sentinelToken } from '../playwright.config';
import {
  resetFake,
  fakeState,
  expectAccessible,
  dateLinks,
  hourLinks,
  waitForIsland,
  waitForForm,
  watchPage,
  isJs,
} from './helpers';

// The whole path in English: from an English browser, and through the switch from a French
// one; with and without JavaScript (the two projects), axe at every step.

const ENGLISH_DATE =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)$/;

let watcher: ReturnType<typeof watchPage>;

test.beforeEach(async ({ request, page }) => {
  await resetFake(request);
  watcher = watchPage(page, sentinelToken);
});

test.afterEach(async () => {
  await watcher.check();
});

test.describe('an English browser', () => {
  test.use({ locale: 'en-GB' });

  test('books in English from the dates to the confirmation', async ({ page, request }, info) => {
    await page.goto('/prendre-rendez-vous');
    await waitForIsland(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Book an appointment' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Choose a date' })).toBeVisible();
    await expect(dateLinks(page).first()).toHaveText(ENGLISH_DATE);
    await expectAccessible(page, 'en-GB');

    await dateLinks(page).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Choose a time' })).toBeVisible();
    await expectAccessible(page, 'en-GB');
    await hourLinks(page).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Your details' })).toBeVisible();
    await expect(page.getByText(/This time is held for you until \d{2}:\d{2}/)).toBeVisible();
    await waitForForm(page);
    await expectAccessible(page, 'en-GB');

    // A mistake is told in English, by the browser (JS) or by the server (no JS).
    await page.getByLabel('Full name').fill('Zoe Smith');
    await page.getByLabel('Email address').fill('zoe@@example');
    await page.getByLabel('Phone').fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Confirm the appointment' }).click();
    await expect(page.getByText('Invalid email address (for example: name@domain.com).')).toBeVisible();
    await expect(page.getByText('Some fields need fixing', { exact: false })).toBeVisible();
    await waitForForm(page);

    await page.getByLabel('Email address').fill('zoe.smith@example.com');
    await page.getByRole('button', { name: 'Confirm the appointment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.recap dd').nth(1)).toHaveText(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$/);
    await expectAccessible(page, 'en-GB');

    const state: any = await fakeState(request);
    expect(state.bookings).toHaveLength(1);
    expect(state.bookings[0].attendee.language).toBe('en');
    if (isJs(info.project.name)) expect(page.url()).not.toContain('lang=');
  });
});

test.describe('a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('switches to English, and every step stays in English', async ({ page }) => {
    await page.goto('/prendre-rendez-vous');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 2, name: 'Choisissez une date' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'English' }).click();
    await waitForIsland(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/lang=en/);
    await expect(dateLinks(page).first()).toHaveText(ENGLISH_DATE);

    await dateLinks(page).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Choose a time' })).toBeVisible();
    await hourLinks(page).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Your details' })).toBeVisible();
    await expect(page).toHaveURL(/lang=en/);
    await expectAccessible(page, 'fr-FR');

    // And back to French.
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vos coordonnées' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});
