import { randomUUID } from 'node:crypto';
import type { TestApi } from './app';
import type { Person } from './factories';

export interface QuestionInput {
  prompt: string;
  options: string[];
  correct: number[];
}

export interface CourseInput {
  title?: string;
  slug?: string;
  chainRoles?: string[];
  format?: 'online' | 'live' | 'blended';
  prerequisiteIds?: string[];
  certificateValidityMonths?: number;
  passMark?: number;
  status?: 'draft' | 'published';
}

export interface TestCourse {
  id: string;
  slug: string;
  title: string;
  lessonIds: string[];
}

const unique = () => randomUUID().slice(0, 8);

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

/** Creates a course through the API as `author` (a trainer or platform admin); draft unless asked. */
export async function createCourse(api: TestApi, author: Person, input: CourseInput = {}): Promise<TestCourse> {
  const id = unique();
  const body = {
    slug: input.slug ?? `cursus-${id}`,
    title: input.title ?? `Cursus ${id}`,
    summary: 'Een cursus voor de test.',
    chainRoles: input.chainRoles ?? ['first-conversation'],
    format: input.format ?? 'live',
    ...(input.prerequisiteIds ? { prerequisiteIds: input.prerequisiteIds } : {}),
    ...(input.certificateValidityMonths ? { certificateValidityMonths: input.certificateValidityMonths } : {}),
    ...(input.passMark !== undefined ? { passMark: input.passMark } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const response = await api.http().post('/api/courses').set(author.auth).send(body);
  if (response.status !== 201) throw new Error(`course not created: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, slug: response.body.slug, title: response.body.title, lessonIds: [] };
}

export async function addLessons(api: TestApi, author: Person, course: TestCourse, count: number): Promise<string[]> {
  for (let i = 0; i < count; i += 1) {
    const response = await api.http().post(`/api/courses/${course.id}/lessons`).set(author.auth)
      .send({ title: `Les ${course.lessonIds.length + 1}`, body: `# Les ${course.lessonIds.length + 1}\n\nTekst.` });
    if (response.status !== 201) throw new Error(`lesson not created: ${response.status} ${JSON.stringify(response.body)}`);
    course.lessonIds.push(response.body.id);
  }
  return course.lessonIds;
}

export async function putQuiz(
  api: TestApi,
  author: Person,
  courseId: string,
  quiz: { passMark?: number; maxAttempts?: number; questions?: QuestionInput[] } = {},
): Promise<void> {
  const response = await api.http().put(`/api/courses/${courseId}/quiz`).set(author.auth)
    .send({ passMark: quiz.passMark ?? 75, questions: quiz.questions ?? QUIZ_QUESTIONS, ...(quiz.maxAttempts ? { maxAttempts: quiz.maxAttempts } : {}) });
  if (response.status !== 200) throw new Error(`quiz not saved: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function publish(api: TestApi, author: Person, courseId: string): Promise<void> {
  const response = await api.http().patch(`/api/courses/${courseId}`).set(author.auth).send({ status: 'published' });
  if (response.status !== 200) throw new Error(`not published: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A published online course with `lessons` lessons and the four-question quiz. */
export async function createOnlineCourse(
  api: TestApi,
  author: Person,
  options: { lessons?: number; passMark?: number; maxAttempts?: number; questions?: QuestionInput[] } & CourseInput = {},
): Promise<TestCourse> {
  const course = await createCourse(api, author, { ...options, format: 'online', status: undefined });
  await addLessons(api, author, course, options.lessons ?? 2);
  await putQuiz(api, author, course.id, options);
  await publish(api, author, course.id);
  return course;
}

export async function enrol(api: TestApi, learner: Person, courseId: string): Promise<string> {
  const response = await api.http().post('/api/enrolments').set(learner.auth).send({ courseId });
  if (response.status !== 201) throw new Error(`not enrolled: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Completes every lesson and passes the quiz through the API. */
export async function finishCourse(api: TestApi, learner: Person, enrolmentId: string, course: TestCourse): Promise<void> {
  for (const lessonId of course.lessonIds) {
    const r = await api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(learner.auth);
    if (r.status !== 200) throw new Error(`lesson not completed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const r = await api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(learner.auth).send({ answers: QUIZ_RIGHT });
  if (r.status !== 201 || !r.body.passed) throw new Error(`quiz not passed: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Every key anywhere in a JSON value (to prove a field never appears in a response). */
export function allKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, keys));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      allKeys(v, keys);
    }
  }
  return keys;
}
