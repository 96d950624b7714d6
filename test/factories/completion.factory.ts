/**
 * Completions, two ways:
 * - `finishCourse` as the learner through the API: every lesson, then the quiz with the right answers;
 * - `completeEnrolment` / `completeCourse` in process, exactly what production does when the last step is
 *   recorded (the completion and its outbox row in one transaction), for suites about what follows a completion.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { CompletionService } from '@schakel/enrolment';
import { UnitOfWork } from '@schakel/jobs';
import type { TestApi } from '../support/app';
import type { TestCourse } from './course.factory';
import { insertEnrolment } from './enrolment.factory';
import type { Person } from './person.factory';
import { QUIZ_RIGHT } from './quiz.factory';

export async function finishCourse(api: TestApi, learner: Person, enrolmentId: string, course: TestCourse): Promise<void> {
  for (const lessonId of course.lessonIds) {
    const r = await api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(learner.auth);
    if (r.status !== 200) throw new Error(`lesson not completed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const r = await api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(learner.auth).send({ answers: QUIZ_RIGHT });
  if (r.status !== 201 || !r.body.passed) throw new Error(`quiz not passed: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function completeEnrolment(app: INestApplicationContext, enrolmentId: string): Promise<string> {
  const completionId = await app.get(UnitOfWork).run((tx) => app.get(CompletionService).completeIfDone(tx, enrolmentId));
  if (!completionId) throw new Error(`enrolment ${enrolmentId} did not complete`);
  return completionId;
}

/** An active enrolment (inserted) completed at once: for an online course without lessons or quiz (`insertOnlineCourse`). */
export async function completeCourse(app: INestApplicationContext, userId: string, courseId: string, options: { organisationId?: string } = {}): Promise<string> {
  return completeEnrolment(app, await insertEnrolment(app, { userId, courseId, status: 'active', organisationId: options.organisationId }));
}
