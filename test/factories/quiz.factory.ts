import type { TestApi } from '../support/app';
import type { Person } from './person.factory';

export interface QuestionInput {
  prompt: string;
  options: string[];
  correct: number[];
}

/** Four questions: two single choice, two multiple choice. The right answers are `QUIZ_RIGHT`. */
export const QUIZ_QUESTIONS: QuestionInput[] = [
  { prompt: 'Vraag één', options: ['a', 'b', 'c'], correct: [1] },
  { prompt: 'Vraag twee', options: ['a', 'b', 'c', 'd'], correct: [0, 3] },
  { prompt: 'Vraag drie', options: ['a', 'b'], correct: [0] },
  { prompt: 'Vraag vier', options: ['a', 'b', 'c'], correct: [1, 2] },
];
export const QUIZ_RIGHT = QUIZ_QUESTIONS.map((q) => q.correct);
/** Wrong answers for each question (a valid index, never the right set). */
export const QUIZ_WRONG = [[0], [0], [1], [0]];

export interface QuizInput {
  passMark?: number;
  maxAttempts?: number;
  questions?: QuestionInput[];
}

/** Saves a course's quiz through the API as `author` (the four questions unless given). */
export async function putQuiz(api: TestApi, author: Person, courseId: string, quiz: QuizInput = {}): Promise<void> {
  const response = await api.http().put(`/api/courses/${courseId}/quiz`).set(author.auth)
    .send({ passMark: quiz.passMark ?? 75, questions: quiz.questions ?? QUIZ_QUESTIONS, ...(quiz.maxAttempts ? { maxAttempts: quiz.maxAttempts } : {}) });
  if (response.status !== 200) throw new Error(`quiz not saved: ${response.status} ${JSON.stringify(response.body)}`);
}
