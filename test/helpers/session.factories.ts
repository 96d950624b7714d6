import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Course, type CourseFormat } from '@schakel/catalogue';
import type { TestApi } from './app';
import { addMember, createOrganisation, createPerson, type Person } from './factories';

const unique = () => randomUUID().slice(0, 8);

/** A course straight into the table (the catalogue's own API is another issue's work). */
export async function createCourse(
  app: INestApplicationContext,
  options: { format?: CourseFormat; status?: 'draft' | 'published' | 'archived'; title?: string } = {},
): Promise<Course> {
  return app.get(DataSource).getRepository(Course).save({
    slug: `cursus-${unique()}`,
    title: options.title ?? `Cursus ${unique()}`,
    summary: 'Een cursus voor de test',
    format: options.format ?? 'live',
    status: options.status ?? 'published',
    chainRoles: ['first-conversation'],
  });
}

/** A person with the trainer role in an organisation of their own. */
export async function createTrainer(app: INestApplicationContext): Promise<Person> {
  const person = await createPerson(app, { name: `Trainer ${unique()}` });
  await addMember(app, await createOrganisation(app), person, ['trainer']);
  return person;
}

/** n people with accounts and tokens, made directly (no 200 logins). */
export function createLearners(app: INestApplicationContext, n: number): Promise<Person[]> {
  return Promise.all(Array.from({ length: n }, () => createPerson(app)));
}

const DAY = 24 * 3_600_000;

export interface SessionOptions {
  capacity?: number;
  visibility?: 'open' | 'in-company';
  organisationId?: string;
  /** Days from now of the first meeting (default 30). */
  inDays?: number;
  meetings?: Array<{ startsAt: string; endsAt: string }>;
  enrolmentDeadline?: string;
  trainerIds?: string[];
}

export interface SessionBody {
  id: string;
  courseId: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  sequence: number;
  status: string;
  meetings: Array<{ id: string; startsAt: string; endsAt: string; sequence: number; cancelledAt: string | null }>;
}

/** Schedules a session through the API, as a trainer would. */
export async function scheduleSession(api: TestApi, trainer: Person, course: Course, options: SessionOptions = {}): Promise<SessionBody> {
  const start = Date.now() + (options.inDays ?? 30) * DAY;
  const meetings = options.meetings ?? [
    { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3_600_000).toISOString() },
    { startsAt: new Date(start + 7 * DAY).toISOString(), endsAt: new Date(start + 7 * DAY + 3 * 3_600_000).toISOString() },
  ];
  const response = await api.http().post(`/api/courses/${course.id}/sessions`).set(trainer.auth).send({
    meetings,
    location: 'Buurthuis De Schakel, Utrecht',
    capacity: options.capacity ?? 20,
    visibility: options.visibility ?? 'open',
    ...(options.organisationId ? { organisationId: options.organisationId } : {}),
    ...(options.enrolmentDeadline ? { enrolmentDeadline: options.enrolmentDeadline } : {}),
    ...(options.trainerIds ? { trainerIds: options.trainerIds } : {}),
  });
  if (response.status !== 201) throw new Error(`scheduling failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as SessionBody;
}

export function enrol(api: TestApi, person: Person, courseId: string, sessionId: string) {
  return api.http().post('/api/enrolments').set(person.auth).send({ courseId, sessionId });
}

export interface StoredEnrolment {
  id: string;
  user_id: string;
  status: string;
  waitlist_position: number | null;
}

/** What the database holds for a session: its enrolments and its counters. */
export async function sessionState(app: INestApplicationContext, sessionId: string) {
  const ds = app.get(DataSource);
  const enrolments: StoredEnrolment[] = await ds.query(
    `SELECT id, user_id, status, waitlist_position FROM enrolments WHERE session_id = $1 ORDER BY waitlist_position NULLS FIRST, created_at`,
    [sessionId],
  );
  const [session] = (await ds.query(`SELECT capacity, confirmed_count, waitlist_count, sequence, status FROM sessions WHERE id = $1`, [sessionId])) as Array<{
    capacity: number; confirmed_count: number; waitlist_count: number; sequence: number; status: string;
  }>;
  const confirmed = enrolments.filter((e) => e.status === 'confirmed');
  const waitlisted = enrolments.filter((e) => e.status === 'waitlisted');
  return { session, enrolments, confirmed, waitlisted, positions: waitlisted.map((e) => e.waitlist_position) };
}

export async function outboxRows(app: INestApplicationContext, kind: string, sessionId?: string): Promise<Array<{ userId?: string; enrolmentId?: string; sequence?: number }>> {
  const rows: Array<{ payload: { userId?: string; enrolmentId?: string; sequence?: number } }> = await app.get(DataSource).query(
    `SELECT payload FROM outbox_events WHERE topic = $1 AND ($2::text IS NULL OR payload->>'sessionId' = $2) ORDER BY created_at`,
    [kind, sessionId ?? null],
  );
  return rows.map((r) => r.payload);
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
