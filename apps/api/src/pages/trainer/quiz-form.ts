import { FormErrors, formText } from '@schakel/web';
import { MAX_QUIZ_OPTIONS, MAX_QUIZ_QUESTIONS, type AuthorQuizResponse } from '@schakel/catalogue';
import { formInt, formList } from './form-values';

/**
 * Answer fields a question shows at least (four fit a tablet); "Nog een antwoord" adds one,
 * up to the catalogue's maximum. A stored question shows all of its answers, so saving the
 * page never drops one; likewise every stored question is shown.
 */
export const OPTIONS_PER_QUESTION = 4;
const LETTERS = 'ABCDEFGHIJ';

export interface QuestionRow {
  index: number;
  n: number;
  prompt: string;
  options: Array<{ id: string; name: string; value: number; letter: string; text: string; correct: boolean; correctId: string }>;
  promptId: string;
  promptName: string;
  correctName: string;
  optionCountName: string;
  /** The `action` of this question's "Nog een antwoord"; absent when it has the most answers allowed. */
  addOptionAction?: string;
  error?: string;
}

export interface QuizFormValues {
  passMark: string;
  maxAttempts: string;
  questions: QuestionRow[];
}

/** What the editor's submit asks: save, one more question, or one more answer to question `index`. */
export type QuizFormAction = { kind: 'save' } | { kind: 'addQuestion' } | { kind: 'addOption'; index: number };

type Word = (key: string, values?: Record<string, unknown>) => string;

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

function row(index: number, prompt: string, texts: string[], correct: Set<number>, optionCount = OPTIONS_PER_QUESTION): QuestionRow {
  const count = clamp(Math.max(optionCount, texts.length), OPTIONS_PER_QUESTION, MAX_QUIZ_OPTIONS);
  return {
    index,
    n: index + 1,
    prompt,
    promptId: `prompt-${index}`,
    promptName: `prompt-${index}`,
    correctName: `correct-${index}`,
    optionCountName: `optionCount-${index}`,
    ...(count < MAX_QUIZ_OPTIONS ? { addOptionAction: `addOption-${index}` } : {}),
    options: Array.from({ length: count }, (_, o) => ({
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

/** The button that sent the form (`action`): anything unknown saves, as Enter in a field does. */
export function quizFormAction(body: unknown): QuizFormAction {
  const action = formText(body, 'action');
  if (action === 'addQuestion') return { kind: 'addQuestion' };
  const option = /^addOption-(\d{1,3})$/.exec(action);
  return option ? { kind: 'addOption', index: Number(option[1]) } : { kind: 'save' };
}

/** The stored quiz as form rows, plus one empty question to add. */
export function quizFormOf(quiz: AuthorQuizResponse | null, defaultPassMark: number): QuizFormValues {
  const questions = (quiz?.questions ?? []).map((q, i) => row(i, q.prompt, q.options, new Set(q.correct)));
  if (questions.length < MAX_QUIZ_QUESTIONS) questions.push(row(questions.length, '', [], new Set()));
  return { passMark: String(quiz?.passMark ?? defaultPassMark), maxAttempts: String(quiz?.maxAttempts ?? 3), questions };
}

/** The posted form as rows; `action` adds the empty question or answer field it asked for. */
export function readQuizForm(body: unknown, action: QuizFormAction = { kind: 'save' }): QuizFormValues {
  const count = clamp(Number.parseInt(formText(body, 'questionCount'), 10) || 1, 1, MAX_QUIZ_QUESTIONS);
  const questions = Array.from({ length: count }, (_, i) => {
    const shown = clamp(Number.parseInt(formText(body, `optionCount-${i}`), 10) || OPTIONS_PER_QUESTION, OPTIONS_PER_QUESTION, MAX_QUIZ_OPTIONS);
    const optionCount = action.kind === 'addOption' && action.index === i ? shown + 1 : shown;
    return row(
      i,
      formText(body, `prompt-${i}`),
      Array.from({ length: shown }, (_, o) => formText(body, `option-${i}-${o}`)),
      new Set(formList(body, `correct-${i}`).map(Number)),
      optionCount,
    );
  });
  if (action.kind === 'addQuestion' && count < MAX_QUIZ_QUESTIONS) questions.push(row(count, '', [], new Set()));
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
