/**
 * Courses, two ways:
 * - `createCourse` / `createOnlineCourse` go through the API as an author (trainer or platform admin),
 *   for suites that prove the catalogue or need lessons and a quiz;
 * - `insertCourse` / `insertOnlineCourse` write the row directly, for suites that only need a course to exist.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Course, type CourseFormat } from '@schakel/catalogue';
import type { ChainRole } from '@schakel/common';
import type { TestApi } from '../support/app';
import { addLessons } from './lesson.factory';
import type { Person } from './person.factory';
import { putQuiz, type QuizInput } from './quiz.factory';

const unique = () => randomUUID().slice(0, 8);

export interface CourseInput {
  title?: string;
  slug?: string;
  chainRoles?: string[];
  format?: CourseFormat;
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

export async function publish(api: TestApi, author: Person, courseId: string): Promise<void> {
  const response = await api.http().patch(`/api/courses/${courseId}`).set(author.auth).send({ status: 'published' });
  if (response.status !== 200) throw new Error(`not published: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Through the API: a published online course with `lessons` lessons and the four-question quiz. */
export async function createOnlineCourse(
  api: TestApi,
  author: Person,
  options: { lessons?: number } & QuizInput & CourseInput = {},
): Promise<TestCourse> {
  const course = await createCourse(api, author, { ...options, format: 'online', status: undefined });
  await addLessons(api, author, course, options.lessons ?? 2);
  await putQuiz(api, author, course.id, options);
  await publish(api, author, course.id);
  return course;
}

export interface CourseRowInput {
  title?: string;
  summary?: string;
  format?: CourseFormat;
  status?: Course['status'];
  chainRoles?: ChainRole[];
  /** Left to the column default (none) unless given. */
  validityMonths?: number | null;
  durationHours?: number | null;
  renewsCourseId?: string | null;
  /** The course's author. */
  createdById?: string;
  /** Its author (created_by_id): the one who may schedule its open sessions. */
  author?: Person;
  access?: Course['access'];
  seatPriceCents?: number | null;
}

/** Directly into the table: a published live course for the first conversation unless asked otherwise. */
export async function insertCourse(app: INestApplicationContext, input: CourseRowInput = {}): Promise<Course> {
  return app.get(DataSource).getRepository(Course).save({
    slug: `cursus-${unique()}`,
    title: input.title ?? `Cursus ${unique()}`,
    summary: input.summary ?? 'Een cursus voor de test',
    language: 'nl',
    chainRoles: input.chainRoles ?? ['first-conversation'],
    format: input.format ?? 'live',
    status: input.status ?? 'published',
    ...(input.validityMonths !== undefined ? { certificateValidityMonths: input.validityMonths } : {}),
    ...(input.durationHours !== undefined ? { durationHours: input.durationHours } : {}),
    ...(input.renewsCourseId !== undefined ? { renewsCourseId: input.renewsCourseId } : {}),
    ...(input.createdById !== undefined ? { createdById: input.createdById } : {}),
    ...(input.author ? { createdById: input.author.user.id } : {}),
    ...(input.access !== undefined ? { access: input.access } : {}),
    ...(input.seatPriceCents !== undefined ? { seatPriceCents: input.seatPriceCents } : {}),
  });
}

/**
 * Directly into the table: a published online course with no lessons and no quiz, so an active
 * enrolment completes at once; certificates valid 24 months, 2.5 hours, unless asked otherwise.
 */
export function insertOnlineCourse(app: INestApplicationContext, input: Omit<CourseRowInput, 'format'> = {}): Promise<Course> {
  return insertCourse(app, {
    ...input,
    title: input.title ?? `Het eerste gesprek ${unique()}`,
    summary: input.summary ?? 'Een training voor de keten.',
    format: 'online',
    validityMonths: input.validityMonths === undefined ? 24 : input.validityMonths,
    durationHours: input.durationHours === undefined ? 2.5 : input.durationHours,
  });
}
