import type { INestApplicationContext } from '@nestjs/common';
import type { Course } from '@schakel/catalogue';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { insertOnlineCourse } from '../../factories/course.factory';
import { burstOfCompletions, expectExactlyOneEach, learners } from './fault-burst';

/** Fault suite (trust "Proof in CI"): two workers share one database, one Redis and one burst. */
describe('faults: two workers on one burst of completions', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let workers: INestApplicationContext[] = [];
  let course: Course;

  beforeAll(async () => {
    dropDatabase = await isolateRun('f2w');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.MESSAGE_RETRY_DELAY_MS = '200';
    api = await startApi();
    course = await insertOnlineCourse(api.app, { title: 'Twee werkers' });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  it('30 completions, two workers relaying and consuming at once: exactly one certificate and one certificate mail each', async () => {
    const people = await learners(api.app, 30, 'two');
    workers = await Promise.all([startWorker(), startWorker()]);
    const burst = await burstOfCompletions(api.app, course.id, people);
    await expectExactlyOneEach(api.app, sink, burst);
    expect(sink.mails).toHaveLength(30);
  });
});
