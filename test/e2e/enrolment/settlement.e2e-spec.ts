import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MaintenanceService } from '../../../apps/worker/src/maintenance.service';
import { startApi, startWorker, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { scheduleSession, sessionEndedDaysAgo, sessionState } from '../../factories/session.factory';

describe("enrolments of a past session are settled by the worker's sweep", () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    trainer = await createTrainer(api.app);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const statusOf = async (id: string) =>
    ((await api.app.get(DataSource).query(`SELECT status FROM enrolments WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

  it('waitlisted → not-admitted when it ends, confirmed without completion → no-show after the grace week; both may enrol again', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const past = await scheduleSession(api, trainer, course, { capacity: 1 });
    const [seated, waiting] = [await createPerson(api.app), await createPerson(api.app)];
    const confirmed = (await requestEnrolment(api, seated, course.id, past.id)).body;
    const waitlisted = (await requestEnrolment(api, waiting, course.id, past.id)).body;
    expect([confirmed.status, waitlisted.status]).toEqual(['confirmed', 'waitlisted']);

    // Ended yesterday: the waitlist is over, the trainer still has time to record attendance.
    await sessionEndedDaysAgo(api.app, past.id, 1);
    await worker.get(MaintenanceService).sweep();
    expect(await statusOf(waitlisted.id)).toBe('not-admitted');
    expect(await statusOf(confirmed.id)).toBe('confirmed');

    await sessionEndedDaysAgo(api.app, past.id, 8);
    const result = await worker.get(MaintenanceService).sweep();
    expect(result.noShow).toBeGreaterThanOrEqual(1);
    expect(await statusOf(confirmed.id)).toBe('no-show');
    expect((await sessionState(api.app, past.id)).session).toMatchObject({ confirmed_count: 0, waitlist_count: 0 });

    // A second sweep changes nothing.
    await worker.get(MaintenanceService).sweep();
    expect(await statusOf(confirmed.id)).toBe('no-show');

    const next = await scheduleSession(api, trainer, course, { capacity: 5 });
    for (const person of [seated, waiting]) {
      const again = await requestEnrolment(api, person, course.id, next.id);
      expect(again.status).toBe(201);
      expect(again.body.status).toBe('confirmed');
    }
    const mine = await api.http().get('/api/me/enrolments').set(waiting.auth);
    expect(mine.body.items.map((e: { status: string }) => e.status).sort()).toEqual(['confirmed', 'not-admitted']);
  });
});
