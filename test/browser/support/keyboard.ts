import type { Page } from 'playwright-core';

export interface Focused {
  tag: string;
  role: string;
  name: string;
  /** The focus indicator is visible (an outline or a ring). */
  visible: boolean;
}

// A string, evaluated in the page (the tests are compiled without the DOM's types).
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  const role = el.getAttribute('role') || (tag === 'a' && el.hasAttribute('href') ? 'link'
    : tag === 'button' || (tag === 'input' && ['submit', 'button'].includes(type)) ? 'button'
    : tag === 'input' && ['radio', 'checkbox'].includes(type) ? type
    : tag === 'input' || tag === 'textarea' ? 'textbox' : tag === 'select' ? 'combobox' : tag);
  const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value || '').replace(/\\s+/g, ' ').trim();
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  return { tag, role, name, visible };
})()`;

export const focused = async (page: Page): Promise<Focused | null> => (await page.evaluate(FOCUSED)) as Focused | null;

/**
 * Presses Tab (as a person does) until the element with this role and name has the focus, and
 * checks on the way that every focused element shows it. Fails after `max` presses.
 */
export async function tabTo(page: Page, role: string, name: string | RegExp, max = 80): Promise<Focused> {
  const matches = (f: Focused | null) => !!f && f.role === role && (typeof name === 'string' ? f.name === name : name.test(f.name));
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now && !now.visible) throw new Error(`${now.role} "${now.name}" has the focus but shows no focus indicator (${new URL(page.url()).pathname})`);
    if (matches(now)) return now as Focused;
    seen.push(now ? `${now.role} "${now.name}"` : '(nothing)');
  }
  throw new Error(`no ${role} "${name}" reached with ${max} Tabs on ${new URL(page.url()).pathname}; passed: ${seen.slice(0, 40).join(', ')}`);
}

/** Tab to it and press `key` (Enter for links and buttons, Space for buttons), waiting for the page it opens. */
export async function activate(page: Page, role: string, name: string | RegExp, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, role, name);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}
