import type { Locale } from '@schakel/common';
import type { DryRun, ImportStatus } from '@schakel/enrolment';
import type { PageRenderer } from '@schakel/web';

/** How many dry-run rows the page lists (the counts always cover the whole file). */
const ROWS_SHOWN = 500;

/** The import's row problems (the words of its result file) as the page says them; anything else is a plain "this row is not right". */
const PROBLEMS: Array<[RegExp, string]> = [
  [/^bad e-mail$/, 'badEmail'],
  [/^name missing$/, 'nameMissing'],
  [/^unknown chain role (.+)$/, 'unknownChainRole'],
  [/^courseId is not a UUID$/, 'badCourse'],
  [/^course not found$/, 'courseNotFound'],
  [/^sessionId is not a UUID$/, 'badSession'],
  [/^sessionId needs a courseId$/, 'sessionWithoutCourse'],
];

export function problemWord(pages: PageRenderer, lang: Locale, problem: string | undefined): string | null {
  if (!problem) return null;
  for (const [pattern, key] of PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return pages.word(lang, `org.import.problems.${key}`, { value: match[1] ?? '' });
  }
  return pages.word(lang, 'org.import.problems.other');
}

/** "987 worden uitgenodigd, 1 is al lid, …": one line per outcome that occurs. */
export function countLines(pages: PageRenderer, lang: Locale, counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => pages.word(lang, 'org.import.countLine', { count, outcome: outcomeWord(pages, lang, outcome) }));
}

export function outcomeWord(pages: PageRenderer, lang: Locale, outcome: string): string {
  const known = ['will-be-invited', 'already-member', 'no-seat-left', 'invalid', 'added', 'enrolled', 'already-enrolled', 'failed'];
  return pages.word(lang, `org.import.outcomes.${known.includes(outcome) ? outcome : 'other'}`);
}

/** The dry run as the page shows it. */
export function dryRunView(pages: PageRenderer, lang: Locale, dry: DryRun) {
  return {
    rows: dry.rows.slice(0, ROWS_SHOWN).map((r) => ({
      row: r.row,
      email: r.email,
      outcome: outcomeWord(pages, lang, r.outcome),
      problem: problemWord(pages, lang, r.problem),
      bad: r.outcome === 'invalid' || r.outcome === 'no-seat-left',
    })),
    more: dry.rows.length > ROWS_SHOWN ? pages.word(lang, 'org.import.moreRows', { shown: ROWS_SHOWN, total: dry.rows.length }) : null,
    total: dry.rows.length,
    counts: countLines(pages, lang, dry.counts),
    emails: pages.word(lang, dry.emailsToSend === 1 ? 'org.import.emailsOne' : 'org.import.emails', { count: dry.emailsToSend }),
  };
}

/** A running or finished import: the bar while it runs (the page polls itself), the counts and the result file after. */
export function statusView(pages: PageRenderer, lang: Locale, status: ImportStatus) {
  const running = status.state === 'queued' || status.state === 'running';
  return {
    running,
    done: status.state === 'done',
    failed: status.state === 'failed',
    percent: status.percent,
    progressLabel: pages.word(lang, 'org.import.progressLabel', { done: status.done, total: status.total }),
    stateText: pages.word(lang, `org.import.states.${['queued', 'running', 'done', 'failed'].includes(status.state) ? status.state : 'running'}`),
    counts: countLines(pages, lang, status.counts),
  };
}
