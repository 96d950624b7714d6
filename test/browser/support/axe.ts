import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

const BLOCKING = new Set(['serious', 'critical']);

/** One line per offending element: the rule, its impact, what it asks, where (selector) and the element. */
export function describeViolations(where: string, violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${where}: ${v.id} (${v.impact}) — ${v.help}\n    at ${node.target.join(' ')}\n    ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`),
  );
}

/** axe-core's full rule set (WCAG 2.x A/AA and best practice) on the page as it is now: its serious and critical findings. */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself (our pages have no frames), about twice as fast as the
  // default, which finishes every run in a new blank page.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return describeViolations(where, results.violations.filter((v) => BLOCKING.has(v.impact ?? '')));
}

/**
 * Collects the findings of several pages and states, then fails once, listing them all (so one
 * run shows every problem rather than the first).
 */
export class AxeAudit {
  private readonly findings: string[] = [];
  readonly checked: string[] = [];

  constructor(private readonly page: Page) {}

  /** axe's findings, and the contract's "one h1" (axe only asks for at least one). */
  async check(where: string): Promise<void> {
    this.checked.push(where);
    const place = `${where} (${new URL(this.page.url()).pathname})`;
    this.findings.push(...(await seriousViolations(this.page, place)));
    const h1 = await this.page.locator('h1').count();
    if (h1 !== 1) this.findings.push(`${place}: ${h1} h1 elements, the pages contract asks for one`);
  }

  /** Fails with every finding when there is any. */
  assertClean(): void {
    if (this.findings.length > 0) {
      throw new Error(`axe found ${this.findings.length} serious or critical violation(s):\n${this.findings.join('\n')}`);
    }
  }
}

/** Fails when axe finds a serious or critical violation on the page, printing each. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const audit = new AxeAudit(page);
  await audit.check(where);
  audit.assertClean();
}
