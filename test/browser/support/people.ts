import type { Locator, Page } from 'playwright-core';

/** Signs in through the login page, as a person does, and waits for the page it sends her to. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Inloggen' }).click()]);
}

/**
 * Presses the button named `button` (the first, if several carry the name) and waits for the
 * page the form loads. `exact`: the whole name, not a part of it.
 */
export async function submit(page: Page, button: string | RegExp, exact = false): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact }).first().click()]);
}

/** What a part of the page says, its white space folded (server-rendered pages are whole once loaded). */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
