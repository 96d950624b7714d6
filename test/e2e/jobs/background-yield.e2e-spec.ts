import type { INestApplicationContext } from '@nestjs/common';
import { ApiPressureReporter } from '../../../apps/api/src/edge/api-pressure.reporter';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertCourse } from '../../factories/course.factory';
import { createPerson } from '../../factories/person.factory';
import { insertSession } from '../../factories/session.factory';

const MAX_WAIT_MS = 6_000;

describe('background work gives way to a busy API (BACKGROUND_YIELD_MAX_MS)', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let busy: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    dropDatabase = await isolateRun('yield');
    sink = await startSmtpSink();
    api = await startApi({ SMTP_URL: sink.url });
    worker = await startWorker({ SMTP_URL: sink.url, BACKGROUND_YIELD_MAX_MS: String(MAX_WAIT_MS) });
  });
  afterAll(async () => {
    clearInterval(busy);
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  const enrol = async () => {
    const learner = await createPerson(api.app);
    const course = await insertCourse(api.app, { title: 'Het eerste gesprek' });
    const session = await insertSession(api.app, course.id, [[new Date('2030-03-05T09:00:00Z'), new Date('2030-03-05T15:00:00Z')]]);
    const response = await api.http().post('/api/enrolments').set(learner.auth).send({ courseId: course.id, sessionId: session.id });
    expect(response.status).toBe(201);
    return { learner, at: Date.now() };
  };
  const mailFor = (email: string, timeoutMs: number) =>
    waitFor(async () => sink.to(email), (mails) => mails.length > 0, { what: `the confirmation for ${email}`, timeoutMs, intervalMs: 50 });

  it('holds the confirmation while the API is busy and sends it, once, as soon as it is calm', async () => {
    const reporter = api.app.get(ApiPressureReporter);
    reporter.raise();
    busy = setInterval(() => reporter.raise(), 200);
    const { learner } = await enrol();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sink.to(learner.user.email)).toHaveLength(0);

    clearInterval(busy);
    busy = undefined;
    const calmFrom = Date.now();
    await mailFor(learner.user.email, MAX_WAIT_MS);
    // The flag outlives the last raise by BUSY_HOLD_MS; after that the mail goes at once.
    expect(Date.now() - calmFrom).toBeLessThan(4_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.to(learner.user.email)).toHaveLength(1);
  });

  it('does not wait longer than its maximum under a storm that does not end', async () => {
    const reporter = api.app.get(ApiPressureReporter);
    reporter.raise();
    busy = setInterval(() => reporter.raise(), 200);
    const { learner, at } = await enrol();
    await mailFor(learner.user.email, MAX_WAIT_MS + 8_000);
    expect(Date.now() - at).toBeGreaterThanOrEqual(MAX_WAIT_MS - 1_000);
    clearInterval(busy);
    busy = undefined;
  });

  it('sends at once when the API is calm', async () => {
    const { learner, at } = await enrol();
    await mailFor(learner.user.email, 5_000);
    expect(Date.now() - at).toBeLessThan(MAX_WAIT_MS - 1_000);
  });
});
