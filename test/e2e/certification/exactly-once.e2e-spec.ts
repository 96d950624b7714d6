import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { Certificate, CERTIFICATE_STORAGE, type CertificateStorage } from '@schakel/certification';
import { JobProducer, OutboxRelay, QueueName } from '@schakel/jobs';
import { CertificatesProcessor } from '../../../apps/worker/src/queue.processor';
import { startApi, startWorker, TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitFor } from '../../support/wait-for';
import { certificateOf, waitForIssued } from '../../factories/certificate.factory';
import { completeCourse } from '../../factories/completion.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createPerson } from '../../factories/person.factory';

const folder = () => join(process.env.STORAGE_DIR as string, 'certificates');

describe('certificates are issued exactly once', () => {
  let api: TestApi;
  let course: Course;

  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    dropDatabase = await isolateRun('once');
    api = await startApi();
    course = await insertOnlineCourse(api.app, { title: 'Precies één keer' });
  });
  afterAll(async () => {
    await api.close();
    await dropDatabase();
  });

  const data = () => api.app.get(DataSource);

  async function completions(n: number): Promise<string[]> {
    const people = await Promise.all(Array.from({ length: n }, () => createPerson(api.app)));
    return Promise.all(people.map((p) => completeCourse(api.app, p.user.id, course.id)));
  }

  async function outboxIdOf(completionId: string): Promise<string> {
    const [row] = await data().query(`SELECT id FROM outbox_events WHERE topic = 'course.completed' AND payload->>'completionId' = $1`, [completionId]);
    return (row as { id: string }).id;
  }

  /** Enqueues the completion's job `times` times under different job ids, as repeated relays would. */
  async function relayTimes(completionId: string, times: number, tag: string): Promise<string[]> {
    const outboxId = await outboxIdOf(completionId);
    const ids = Array.from({ length: times }, (_, i) => `test.${tag}.${completionId}.${i}`);
    const job = { outboxId, consumer: 'certification', event: 'course.completed' as const, payload: { completionId } };
    await Promise.all(ids.map((jobId) => api.app.get(JobProducer).enqueueEvent(QueueName.Certificates, job, { jobId })));
    return ids;
  }

  async function waitForJobsDone(jobIds: string[]): Promise<void> {
    const queue = api.app.get(JobProducer).queue(QueueName.Certificates);
    // Completed jobs are removed (removeOnComplete), so a finished job's state is "unknown".
    await waitFor(async () => Promise.all(jobIds.map((id) => queue.getJobState(id))), (states) => states.every((s) => s === 'unknown' || s === 'completed'), { timeoutMs: 30_000, what: 'the duplicate jobs to finish' });
  }

  /** One row, one file, the file is the one whose hash is stored, and one "issued" message. */
  async function expectExactlyOne(completionId: string): Promise<void> {
    const rows = await data().getRepository(Certificate).findBy({ completionId });
    expect(rows).toHaveLength(1);
    const [certificate] = rows;
    expect(certificate.state).toBe('issued');
    expect(readdirSync(folder()).filter((f) => f.startsWith(certificate.id))).toEqual([`${certificate.id}.pdf`]);
    const stored = readFileSync(join(folder(), `${certificate.id}.pdf`));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(certificate.pdfSha256);
    const [told] = await data().query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'certificate.issued' AND payload->>'certificateId' = $1`, [certificate.id]);
    expect(told.n).toBe(1);
  }

  it('the same completion relayed 5 times: one certificate, one file', async () => {
    const worker = await startWorker();
    try {
      const [completionId] = await completions(1);
      const jobIds = await relayTimes(completionId, 5, 'five');
      await waitForIssued(api.app, completionId);
      await waitForJobsDone(jobIds);
      await expectExactlyOne(completionId);
    } finally {
      await worker.close();
    }
  });

  it("two workers at once, each completion's job twice: one certificate and one file each", async () => {
    const workers = await Promise.all([startWorker(), startWorker()]);
    try {
      const ids = await completions(10);
      const jobIds = (await Promise.all(ids.map((id) => relayTimes(id, 2, 'pair')))).flat();
      await Promise.all(ids.map((id) => waitForIssued(api.app, id)));
      await waitForJobsDone(jobIds);
      for (const id of ids) await expectExactlyOne(id);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('a worker that is shut down mid-job finishes that job first (graceful close)', async () => {
    const worker = await startWorker();
    const storage = worker.get<CertificateStorage>(CERTIFICATE_STORAGE);
    const put = storage.put.bind(storage);
    let entered!: () => void;
    const inPut = new Promise<void>((resolve) => (entered = resolve));
    let stored = false;
    storage.put = async (key, body) => {
      entered();
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a slow disk
      await put(key, body);
      stored = true;
    };
    const [completionId] = await completions(1);
    await relayTimes(completionId, 1, 'graceful');
    await inPut;
    await worker.close();
    expect(stored).toBe(true);
    expect((await certificateOf(api.app, completionId))?.state).toBe('issued');
    await expectExactlyOne(completionId);
  });

  it('a worker killed mid-job (file written, never marked issued): the reconciler re-relays, one certificate, one file', async () => {
    const doomed = await startWorker();
    const storage = doomed.get<CertificateStorage>(CERTIFICATE_STORAGE);
    const put = storage.put.bind(storage);
    let entered!: () => void;
    const wroteFile = new Promise<void>((resolve) => (entered = resolve));
    storage.put = async (key, body) => {
      await put(key, body);
      entered();
      await new Promise(() => undefined); // the process dies here: this job never returns
    };
    const [completionId] = await completions(1);
    await relayTimes(completionId, 1, 'killed');
    await wroteFile;
    // Kill: drop the BullMQ worker without waiting for its job, then the rest of the context.
    await doomed.get(CertificatesProcessor).worker.close(true);
    await doomed.close();
    expect((await certificateOf(api.app, completionId))?.state).toBe('pending');

    const survivor = await startWorker();
    try {
      // The row's job never finished, so the outbox row is still unprocessed. The relay
      // relays it again once OUTBOX_STALL_SECONDS (5 min) have passed; make it due now
      // rather than wait, then relay as the worker's scheduler would.
      await data().query(`UPDATE outbox_events SET available_at = now() WHERE id = $1`, [await outboxIdOf(completionId)]);
      await survivor.get(OutboxRelay).relayDue();
      await waitForIssued(api.app, completionId);
      await expectExactlyOne(completionId);
    } finally {
      await survivor.close();
    }
  });
});
