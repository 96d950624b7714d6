import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** docs/screenshots/ in the repository: the README's tour shows these (committed). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** The whole page as it is now (at the test's window, DESKTOP unless it chose another), into docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}
