import { isolateRun } from './isolation';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { OutboxRepository, type EventName, type EventPayload } from '@schakel/jobs';

const unique = () => randomUUID().slice(0, 8);
const HOUR = 3600 * 1000;

/** Messaging suites run in their own database and queue prefix (see isolateRun). */
export const isolateMessagingRun = () => isolateRun('msg');

export interface SmtpSink {
  port: number;
  url: string;
  mails: ParsedMail[];
  /** Waits this long before accepting each message (a send "in flight"). */
  delayMs: number;
  /** Messages whose data arrived whole (now waiting for, or past, the server's final reply). */
  receiving: number;
  /** Messages dropped because the client went away before the server's final reply. */
  dropped: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  to(address: string): ParsedMail[];
}

/** A real SMTP server in this process (smtp-server), parsing what arrives with mailparser. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port: 0,
    url: '',
    mails: [],
    delayMs: 0,
    receiving: 0,
    dropped: 0,
    async start() {
      const gone = new Set<string>();
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onClose(session) {
          gone.add(session.id);
        },
        onData(stream, session, callback) {
          simpleParser(stream)
            .then(async (mail) => {
              sink.receiving += 1;
              if (sink.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, sink.delayMs));
              // Like a real MTA: responsibility passes with the final "250"; a client that died
              // before it did not hand the message over.
              if (gone.has(session.id)) {
                sink.dropped += 1;
                return callback(new Error('client went away'));
              }
              sink.mails.push(mail);
              callback();
            })
            .catch((error: Error) => callback(error));
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(sink.port, '127.0.0.1', () => resolve());
      });
      sink.port = (server.server.address() as AddressInfo).port;
      sink.url = `smtp://127.0.0.1:${sink.port}`;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    to(address: string) {
      return sink.mails.filter((m) => addressesOf(m).includes(address.toLowerCase()));
    },
  };
  await sink.start();
  return sink;
}

function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((t) => t.value.map((v) => (v.address ?? '').toLowerCase()));
}

export interface CourseRow {
  id: string;
  title: string;
}

export async function createPublishedCourse(
  app: INestApplicationContext,
  options: { format?: 'online' | 'live' | 'blended'; title?: string } = {},
): Promise<CourseRow> {
  const title = options.title ?? `Training ${unique()}`;
  const [row] = await app
    .get(DataSource)
    .query(`INSERT INTO courses (slug, title, format, status, chain_roles) VALUES ($1, $2, $3, 'published', '{first-conversation}') RETURNING id, title`, [
      `course-${unique()}`,
      title,
      options.format ?? 'live',
    ]);
  return row;
}

export interface SessionRow {
  id: string;
  meetingIds: string[];
}

/** A scheduled session with meetings ([start, end] pairs); starts_at/ends_at follow them. */
export async function createSession(
  app: INestApplicationContext,
  courseId: string,
  meetings: Array<[Date, Date]>,
  options: { location?: string | null; onlineUrl?: string | null; capacity?: number; sequence?: number } = {},
): Promise<SessionRow> {
  const ds = app.get(DataSource);
  const [session] = await ds.query(
    `INSERT INTO sessions (course_id, location, online_url, capacity, starts_at, ends_at, sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      courseId,
      options.location === undefined ? 'Buurthuis De Linde, Utrecht' : options.location,
      options.onlineUrl ?? null,
      options.capacity ?? 50,
      meetings[0][0],
      meetings[meetings.length - 1][1],
      options.sequence ?? 0,
    ],
  );
  const meetingIds: string[] = [];
  for (const [startsAt, endsAt] of meetings) {
    const [m] = await ds.query(`INSERT INTO meetings (session_id, starts_at, ends_at) VALUES ($1, $2, $3) RETURNING id`, [session.id, startsAt, endsAt]);
    meetingIds.push(m.id);
  }
  return { id: session.id, meetingIds };
}

/** A one-meeting session starting `hoursAhead` from now, six hours long. */
export function createSessionIn(app: INestApplicationContext, courseId: string, hoursAhead: number, options: Parameters<typeof createSession>[3] = {}) {
  const start = new Date(Date.now() + hoursAhead * HOUR);
  return createSession(app, courseId, [[start, new Date(start.getTime() + 6 * HOUR)]], options);
}

export type EnrolmentState = 'confirmed' | 'waitlisted' | 'cancelled' | 'active';

export async function createEnrolment(
  app: INestApplicationContext,
  input: { userId: string; courseId: string; sessionId?: string | null; status: EnrolmentState; waitlistPosition?: number; lastActivityAt?: Date },
): Promise<string> {
  const ds = app.get(DataSource);
  const [row] = await ds.query(
    `INSERT INTO enrolments (user_id, course_id, session_id, status, waitlist_position, confirmed_at, cancelled_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'confirmed' THEN now() END, CASE WHEN $4 = 'cancelled' THEN now() END, coalesce($6, now()))
     RETURNING id`,
    [input.userId, input.courseId, input.sessionId ?? null, input.status, input.status === 'waitlisted' ? (input.waitlistPosition ?? 1) : null, input.lastActivityAt ?? null],
  );
  if (input.sessionId && input.status === 'confirmed') {
    await ds.query(`UPDATE sessions SET confirmed_count = confirmed_count + 1 WHERE id = $1`, [input.sessionId]);
  }
  return row.id;
}

/** An issued certificate (with its completion) that expires at `expiresAt`. */
export async function createCertificate(
  app: INestApplicationContext,
  input: { userId: string; courseId: string; expiresAt: Date | null; state?: 'pending' | 'issued' },
): Promise<{ id: string; code: string }> {
  const ds = app.get(DataSource);
  const enrolmentId = await createEnrolment(app, { userId: input.userId, courseId: input.courseId, status: 'active' });
  await ds.query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE id = $1`, [enrolmentId]);
  const [completion] = await ds.query(`INSERT INTO completions (enrolment_id, user_id, course_id) VALUES ($1, $2, $3) RETURNING id`, [
    enrolmentId,
    input.userId,
    input.courseId,
  ]);
  const code = `CODE${unique()}${unique()}`.toUpperCase();
  const [certificate] = await ds.query(
    `INSERT INTO certificates (completion_id, user_id, course_id, code, state, valid_from, expires_at, issued_at)
     VALUES ($1, $2, $3, $4, $5, now() - interval '1 year', $6, now()) RETURNING id`,
    [completion.id, input.userId, input.courseId, code, input.state ?? 'issued', input.expiresAt],
  );
  return { id: certificate.id, code };
}

/** What a producer does in its transaction: a domain event on the outbox. */
export async function publishEvent<E extends EventName>(app: INestApplicationContext, event: E, payload: EventPayload<E>): Promise<void> {
  await app.get(DataSource).transaction((manager) => app.get(OutboxRepository).add(manager, event, payload));
}

export async function deliveryStates(app: INestApplicationContext, keyPrefix: string): Promise<Record<string, string>> {
  const rows: Array<{ key: string; state: string }> = await app
    .get(DataSource)
    .query(`SELECT key, state FROM message_deliveries WHERE key LIKE $1 || '%' ORDER BY key`, [keyPrefix]);
  return Object.fromEntries(rows.map((r) => [r.key, r.state]));
}
