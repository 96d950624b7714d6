import type { Lesson } from '@schakel/catalogue';
import type { EnrolmentDetailResponse, EnrolmentQuizResponse } from '@schakel/enrolment';

/** A lesson's Markdown as plain blocks for the template (headings and paragraphs; Handlebars escapes them). */
export function lessonBlocks(body: string): Array<{ heading?: string; paragraph?: string }> {
  return body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(block);
      return heading && !block.includes('\n') ? { heading: heading[1] } : { paragraph: block.replace(/\s*\n\s*/g, ' ') };
    });
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
