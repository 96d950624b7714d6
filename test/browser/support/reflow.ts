import type { BrowserContextOptions, Page } from 'playwright-core';

/** A tablet held upright: 768 CSS pixels wide. */
export const TABLET: BrowserContextOptions = { viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1 };

/**
 * 200 % zoom, as the browser does it: zooming a 1280 × 800 window to 200 % leaves a layout
 * viewport of 640 × 400 CSS pixels drawn at two device pixels per CSS pixel. Media queries, vw
 * and wrapping then behave exactly as under Ctrl-+ (CSS `zoom` on the root would not: the
 * viewport and the media queries stay 1280 wide).
 */
export const ZOOM_200: BrowserContextOptions = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };

/** 400 % zoom the same way: 320 CSS pixels wide, WCAG 2.2's reflow criterion (1.4.10). */
export const ZOOM_400: BrowserContextOptions = { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 };

interface Overflow {
  viewport: number;
  page: number;
  main: number;
  mainClient: number;
  /** Elements that stick out past the right edge (not inside a scrolling box of their own, such as a wide table's wrapper). */
  culprits: string[];
}

// A string, evaluated in the page: the tests are compiled without the DOM's types.
const MEASURE = `(() => {
  const root = document.documentElement;
  const main = document.querySelector('main') || document.body;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true; } return false; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const culprits = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !scrolls(el))
    .slice(0, 8)
    .map((el) => name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px)');
  return { viewport: root.clientWidth, page: root.scrollWidth, main: main.scrollWidth, mainClient: main.clientWidth, culprits };
})()`;

/** Fails when the page, or its main content, scrolls sideways at the current viewport; names what sticks out. */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const m = (await page.evaluate(MEASURE)) as Overflow;
  if (m.page > m.viewport || m.main > m.mainClient) {
    throw new Error(
      `${where} (${new URL(page.url()).pathname}) scrolls sideways: page ${m.page} px in a ${m.viewport} px viewport, main ${m.main}/${m.mainClient} px; sticking out: ${m.culprits.join(', ') || 'nothing named'}`,
    );
  }
}
