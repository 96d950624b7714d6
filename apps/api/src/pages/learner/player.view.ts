import type { Lesson } from '@schakel/catalogue';
import type { EnrolmentDetailResponse, EnrolmentQuizResponse } from '@schakel/enrolment';

/** A run of lesson text, plain or marked: the template puts each in its element, and Handlebars escapes the text. */
export interface LessonText {
  text: string;
  strong?: true;
  em?: true;
  href?: string;
}

/** A block of a lesson, as learn.hbs shows it. */
export type LessonBlock =
  | { heading: LessonText[]; level: number }
  | { paragraph: LessonText[] }
  | { quote: LessonText[] }
  | { list: LessonText[][]; ordered: boolean; start?: number };

const HEADING = /^ {0,3}(#{1,6})\s+(.+?)(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

/**
 * A lesson's Markdown (as the author wrote it) as blocks: headings (the shallowest becomes an h3,
 * under the lesson's h2, so no level is skipped), paragraphs, lists ("- ", "* ", "+ ", "1. "),
 * quotes, and in the text **strong**, *emphasis* and [links](https://…). Never HTML: anything
 * else, tags included, stays text, which Handlebars escapes.
 */
export function lessonBlocks(body: string): LessonBlock[] {
  const blocks: Array<LessonBlock | { depth: number; text: string }> = [];
  let lines: string[] = [];
  let quoting = false;
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  let gap = false;
  const endText = () => {
    if (lines.length) blocks.push(quoting ? { quote: inline(lines.join(' ')) } : { paragraph: inline(lines.join(' ')) });
    lines = [];
    quoting = false;
  };
  const endList = () => {
    if (list) blocks.push({ list: list.items.map(inline), ordered: list.ordered, ...(list.ordered && list.start !== 1 ? { start: list.start } : {}) });
    list = null;
    gap = false;
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    const quote = QUOTE.exec(line);
    if (!line.trim()) {
      endText();
      gap = list !== null;
    } else if (heading || RULE.test(line)) {
      endText();
      endList();
      if (heading) blocks.push({ depth: heading[1].length, text: heading[2] });
    } else if ((bullet || numbered) && !(lines.length && !quoting && numbered && numbered[1] !== '1' && !list)) {
      // A numbered line interrupts a paragraph only when it starts a list at 1 ("2024. Een jaar" stays text).
      const ordered = !bullet;
      const text = bullet ? bullet[1] : (numbered as RegExpExecArray)[2];
      endText();
      if (list && list.ordered === ordered) list.items.push(text);
      else {
        endList();
        list = { ordered, start: ordered ? Number((numbered as RegExpExecArray)[1]) : 1, items: [text] };
      }
      gap = false;
    } else if (list && (!gap || /^\s{2,}/.test(line))) {
      // A line under an item (indented, or straight after it) belongs to that item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      gap = false;
    } else {
      endList();
      if (quote && !quoting) endText();
      if (quote) quoting = true;
      lines.push((quote && quoting ? quote[1] : line).trim());
    }
  }
  endText();
  endList();
  const depths = blocks.flatMap((b) => ('depth' in b ? [b.depth] : []));
  const top = Math.min(...depths);
  return blocks.map((b) => ('depth' in b ? { heading: inline(b.text), level: Math.min(3 + b.depth - top, 6) } : b));
}

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|\*(?![\s*])(.+?)(?<![\s*])\*|(?<![\p{L}\p{N}_])_(?![\s_])(.+?)(?<![\s_])_(?![\p{L}\p{N}_])|\[([^\]]+)\]\((https?:\/\/[^\s()<>]+)\)/gu;

/** The marks inside a line of text; an unmatched marker, a tag or an unsafe link stays plain text. */
function inline(text: string): LessonText[] {
  const parts: LessonText[] = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    const [, strong, strongAlt, em, emAlt, label, href] = match;
    if (href) parts.push({ text: label, href });
    else if (strong ?? strongAlt) parts.push({ text: strong ?? strongAlt, strong: true });
    else parts.push({ text: em ?? emAlt, em: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export type PlayerStep = { kind: 'lesson'; lesson: Lesson; index: number } | { kind: 'quiz' } | { kind: 'finished' };

/**
 * Which step the player shows: the lesson asked for, the quiz when asked for, else the first
 * lesson not done, then the quiz until it is passed, then "finished".
 */
export function currentStep(lessons: Lesson[], detail: EnrolmentDetailResponse, asked: { lesson?: string; step?: string }): PlayerStep {
  const askedIndex = lessons.findIndex((l) => l.id === asked.lesson);
  if (askedIndex >= 0) return { kind: 'lesson', lesson: lessons[askedIndex], index: askedIndex };
  if (asked.step === 'quiz' && detail.progress.hasQuiz) return { kind: 'quiz' };
  const done = new Set(detail.completedLessonIds);
  const open = lessons.findIndex((l) => !done.has(l.id));
  if (open >= 0) return { kind: 'lesson', lesson: lessons[open], index: open };
  if (detail.progress.hasQuiz && !detail.progress.quizPassed) return { kind: 'quiz' };
  return { kind: 'finished' };
}

/** Where "Volgende" leads after lesson `index`: the next lesson, else the quiz, else the player's own page. */
export function afterLesson(enrolmentId: string, lessons: Lesson[], index: number, hasQuiz: boolean): string {
  const next = lessons[index + 1];
  if (next) return `/learn/${enrolmentId}?lesson=${next.id}`;
  return hasQuiz ? `/learn/${enrolmentId}?step=quiz` : `/learn/${enrolmentId}`;
}

/** The quiz's questions as the form shows them (never the answers: the learner's view has none), with what she chose. */
export function quizForm(quiz: EnrolmentQuizResponse, chosen: number[][] = [], errors: Record<string, string> = {}) {
  return {
    passMark: quiz.passMark,
    exhausted: quiz.attemptsLeft === 0 && !quiz.passed,
    questions: quiz.questions.map((q, i) => ({
      field: `q${i}`,
      number: i + 1,
      prompt: q.prompt,
      multiple: q.kind === 'multiple',
      error: errors[`q${i}`],
      options: q.options.map((label, index) => ({ label, index, checked: (chosen[i] ?? []).includes(index) })),
    })),
  };
}

/** The answers of the posted quiz form (`q0`, `q1`, …: one value, or several for checkboxes), per question. */
export function postedAnswers(body: unknown, questionCount: number): number[][] {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Array.from({ length: questionCount }, (_, i) => {
    const value = fields[`q${i}`];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.map((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : -1));
  });
}
