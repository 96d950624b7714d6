import { FormErrors, formText } from '@schakel/web';
import type { AuthorQuizResponse } from '@schakel/catalogue';
import { formInt, formList } from './form-values';

/** Answer fields per question on the page (the catalogue allows up to 10; four fit a tablet). */
export const OPTIONS_PER_QUESTION = 4;
export const MAX_QUESTIONS = 50;
const LETTERS = 'ABCDEFGHIJ';

export interface QuestionRow {
  index: number;
  n: number;
  prompt: string;
  options: Array<{ id: string; name: string; value: number; letter: string; text: string; correct: boolean; correctId: string }>;
  promptId: string;
  promptName: string;
  correctName: string;
  error?: string;
}

export interface QuizFormValues {
  passMark: string;
  maxAttempts: string;
  questions: QuestionRow[];
}

type Word = (key: string, values?: Record<string, unknown>) => string;

function row(index: number, prompt: string, texts: string[], correct: Set<number>): QuestionRow {
  return {
    index,
    n: index + 1,
    prompt,
    promptId: `prompt-${index}`,
    promptName: `prompt-${index}`,
    correctName: `correct-${index}`,
    options: Array.from({ length: OPTIONS_PER_QUESTION }, (_, o) => ({
      id: `option-${index}-${o}`,
      name: `option-${index}-${o}`,
      value: o,
      letter: LETTERS[o],
      text: texts[o] ?? '',
      correct: correct.has(o),
      correctId: `correct-${index}-${o}`,
    })),
  };
}

/** The stored quiz as form rows, plus one empty question to add. */
export function quizFormOf(quiz: AuthorQuizResponse | null, defaultPassMark: number): QuizFormValues {
  const questions = (quiz?.questions ?? []).map((q, i) => row(i, q.prompt, q.options, new Set(q.correct)));
  questions.push(row(questions.length, '', [], new Set()));
  return { passMark: String(quiz?.passMark ?? defaultPassMark), maxAttempts: String(quiz?.maxAttempts ?? 3), questions };
}

export function readQuizForm(body: unknown, extraRow: boolean): QuizFormValues {
  const count = Math.min(MAX_QUESTIONS, Math.max(1, Number.parseInt(formText(body, 'questionCount'), 10) || 1));
  const questions = Array.from({ length: count }, (_, i) =>
    row(
      i,
      formText(body, `prompt-${i}`),
      Array.from({ length: OPTIONS_PER_QUESTION }, (_, o) => formText(body, `option-${i}-${o}`)),
      new Set(formList(body, `correct-${i}`).map(Number)),
    ),
  );
  if (extraRow && count < MAX_QUESTIONS) questions.push(row(count, '', [], new Set()));
  return { passMark: formText(body, 'passMark'), maxAttempts: formText(body, 'maxAttempts'), questions };
}

/**
 * The form as PUT /api/courses/:courseId/quiz's body: fully empty questions are left out;
 * answers are the filled option fields, and "correct" ticks count only on a filled one.
 */
export function toPutQuiz(form: QuizFormValues, word: Word): { input: Record<string, unknown>; errors: FormErrors } {
  const errors = new FormErrors();
  const questions: Array<{ prompt: string; options: string[]; correct: number[] }> = [];
  for (const q of form.questions) {
    const filled = q.options.filter((o) => o.text);
    if (!q.prompt && filled.length === 0) continue;
    if (!q.prompt) errors.add(q.promptId, word('errors.prompt', { n: q.n }));
    else if (filled.length < 2) errors.add(q.options[0].id, word('errors.options', { n: q.n }));
    else if (!filled.some((o) => o.correct)) errors.add(q.options[0].correctId, word('errors.correct', { n: q.n }));
    questions.push({ prompt: q.prompt, options: filled.map((o) => o.text), correct: filled.flatMap((o, i) => (o.correct ? [i] : [])) });
  }
  if (questions.length === 0) errors.add('prompt-0', word('errors.questions'));
  return { errors, input: { passMark: formInt(form.passMark), maxAttempts: formInt(form.maxAttempts), questions } };
}
