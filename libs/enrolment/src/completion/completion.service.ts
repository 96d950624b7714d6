import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { EnrolmentRepository } from '../enrolment.repository';
import type { Enrolment } from '../entities/enrolment.entity';

/**
 * The completion rule, in one place:
 * - online: every lesson completed and, when the course has a quiz, a passed attempt;
 * - live: present at every (not cancelled) meeting of the enrolment's session;
 * - blended: both.
 * A completion is recorded once per enrolment, in the transaction of the step that
 * completed it, together with the `course.completed` event (certification issues the certificate).
 */
@Injectable()
export class CompletionService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly work: UnitOfWork,
  ) {}

  /**
   * After a course asks less than before (a lesson removed): every enrolment still in progress
   * is checked again, each in its own transaction, and completed when it is now done. Returns
   * how many completed. Running it twice completes nobody twice (the rule's own lock and key).
   */
  async completeWhereDone(courseId: string): Promise<number> {
    let completed = 0;
    for (const id of await this.enrolments.openIdsOfCourse(courseId)) {
      if (await this.work.run((tx) => this.completeIfDone(tx, id))) completed += 1;
    }
    return completed;
  }

  /**
   * Call inside the transaction that recorded a step. Locks the enrolment row, so two
   * last steps arriving at once complete it exactly once. Returns the new completion's id.
   */
  async completeIfDone(tx: Transaction, enrolmentId: string): Promise<string | null> {
    const { manager } = tx;
    const enrolment = await this.enrolments.lockEnrolment(manager, enrolmentId);
    if (!enrolment || !['active', 'confirmed'].includes(enrolment.status)) return null;
    const format = await this.enrolments.courseFormat(manager, enrolment.courseId);
    if (format !== 'live' && !(await this.onlinePartDone(manager, enrolment))) return null;
    if (format !== 'online' && !(await this.livePartDone(manager, enrolment))) return null;

    const inserted = (await manager.query(
      `INSERT INTO completions (enrolment_id, user_id, course_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_completions_enrolment DO NOTHING
       RETURNING id`,
      [enrolment.id, enrolment.userId, enrolment.courseId],
    )) as Array<{ id: string }>;
    if (inserted.length === 0) return null;
    await manager.query(
      `UPDATE enrolments SET status = 'completed', completed_at = now(), updated_at = now() WHERE id = $1`,
      [enrolment.id],
    );
    await tx.publish('course.completed', { completionId: inserted[0].id, userId: enrolment.userId });
    return inserted[0].id;
  }

  private async onlinePartDone(manager: EntityManager, e: Enrolment): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT
         (SELECT count(*) FROM lessons WHERE course_id = $2) =
         (SELECT count(*) FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
           WHERE p.enrolment_id = $1 AND l.course_id = $2) AS lessons_done,
         (NOT EXISTS (SELECT 1 FROM quizzes WHERE course_id = $2 AND jsonb_array_length(questions) > 0)
          OR EXISTS (SELECT 1 FROM quiz_attempts WHERE enrolment_id = $1 AND passed)) AS quiz_done`,
      [e.id, e.courseId],
    )) as Array<{ lessons_done: boolean; quiz_done: boolean }>;
    return row.lessons_done && row.quiz_done;
  }

  private async livePartDone(manager: EntityManager, e: Enrolment): Promise<boolean> {
    if (!e.sessionId) return false;
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM meetings WHERE session_id = $2 AND cancelled_at IS NULL)
          AND NOT EXISTS (
            SELECT 1 FROM meetings m
             WHERE m.session_id = $2 AND m.cancelled_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = $1 AND a.meeting_id = m.id AND a.present)
          ) AS attended`,
      [e.id, e.sessionId],
    )) as Array<{ attended: boolean }>;
    return row.attended;
  }
}
