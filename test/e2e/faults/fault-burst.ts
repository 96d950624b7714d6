/**
 * What every fault scenario shares: a burst of completions (each the completion and its
 * outbox row in one transaction, as production records the last step), and the exact
 * counts it must end with whatever went wrong on the way: one issued certificate per
 * completion and one certificate mail per learner, no more.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { completeCourse } from '../../factories/completion.factory';
import { nudge } from '../../factories/outbox-event.factory';
import { createPerson, type Person } from '../../factories/person.factory';

export interface Burst {
  people: Person[];
  completionIds: string[];
}

/** `n` learners, then their completions all at once. The learners exist before (Redis or SMTP may be down during the burst). */
export async function burstOfCompletions(app: INestApplicationContext, courseId: string, people: Person[]): Promise<Burst> {
  const completionIds = await Promise.all(
    people.map(async (person) => {
      const id = await completeCourse(app, person.user.id, courseId);
      nudge(app); // what the API does after a commit; skipped quietly when Redis is down
      return id;
    }),
  );
  return { people, completionIds };
}

export function learners(app: INestApplicationContext, n: number, tag: string): Promise<Person[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => createPerson(app, { email: `fault-${tag}-${i}-${Date.now()}@schakel.test`, name: `Deelnemer ${tag} ${i}` })));
}

interface Counts {
  certificates: number;
  issued: number;
  completionsWithOne: number;
  deliveriesSent: number;
  mailedLearners: number;
}

async function counts(app: INestApplicationContext, sink: SmtpSink, burst: Burst): Promise<Counts> {
  const [row]: Counts[] = await app.get(DataSource).query(
    `SELECT (SELECT count(*)::int FROM certificates WHERE completion_id = ANY($1)) AS certificates,
            (SELECT count(*)::int FROM certificates WHERE completion_id = ANY($1) AND state = 'issued') AS issued,
            (SELECT count(*)::int FROM (SELECT completion_id FROM certificates WHERE completion_id = ANY($1) GROUP BY completion_id HAVING count(*) = 1) one) AS "completionsWithOne",
            (SELECT count(*)::int FROM message_deliveries d JOIN certificates c ON d.key = 'certificate-issued:' || c.id
              WHERE c.completion_id = ANY($1) AND d.state = 'sent') AS "deliveriesSent"`,
    [burst.completionIds],
  );
  return { ...row, mailedLearners: burst.people.filter((p) => sink.to(p.user.email).length > 0).length };
}

/**
 * Waits (bounded) until every completion has its certificate issued and every learner has
 * mail, then asserts the exact counts: one certificate row and one mail per completion, each
 * mail the certificate mail, and every outbox row of the burst processed.
 */
export async function expectExactlyOneEach(app: INestApplicationContext, sink: SmtpSink, burst: Burst, timeoutMs = 30_000): Promise<void> {
  const n = burst.completionIds.length;
  await waitFor(
    () => counts(app, sink, burst),
    (c) => c.issued === n && c.deliveriesSent === n && c.mailedLearners === n,
    { timeoutMs, intervalMs: 200, what: `${n} certificates issued and mailed` },
  );
  const data = app.get(DataSource);
  await waitFor(
    async () => (await data.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL
         AND ((topic = 'course.completed' AND payload->>'completionId' = ANY($1::text[]))
           OR (topic = 'certificate.issued' AND payload->>'certificateId' IN (SELECT id::text FROM certificates WHERE completion_id::text = ANY($1::text[]))))`,
      [burst.completionIds],
    ))[0].n as number,
    (left) => left === 0,
    { timeoutMs: 15_000, what: 'every outbox row of the burst processed' },
  );
  expect(await counts(app, sink, burst)).toEqual({ certificates: n, issued: n, completionsWithOne: n, deliveriesSent: n, mailedLearners: n });
  const mails = burst.people.map((p) => sink.to(p.user.email).map((m) => m.subject));
  expect(mails).toEqual(burst.people.map(() => [expect.stringMatching(/^Uw certificaat: /)]));
  const [told] = await data.query(
    `SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'certificate.issued' AND payload->>'certificateId' IN (SELECT id::text FROM certificates WHERE completion_id = ANY($1))`,
    [burst.completionIds],
  );
  expect(told.n).toBe(n);
}
