import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Quiz } from '@schakel/catalogue';
import type { EnrolmentStatus } from '../entities/enrolment.entity';

export interface AttemptRow {
  attemptNumber: number;
  score: number;
  passed: boolean;
  createdAt: Date;
}

/** Lesson progress and quiz attempts; callers lock the enrolment row first, so steps of one enrolment take turns. */
@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lessonBelongsTo(manager: EntityManager, lessonId: string, courseId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM lessons WHERE id = $1 AND course_id = $2`, [lessonId, courseId]);
    return rows.length > 0;
  }

  /** Idempotent: completing a lesson twice keeps the first moment. */
  async recordLesson(manager: EntityManager, enrolmentId: string, lessonId: string): Promise<Date> {
    await manager.query(
      `INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES ($1, $2)
       ON CONFLICT ON CONSTRAINT pk_lesson_progress DO NOTHING`,
      [enrolmentId, lessonId],
    );
    const [row] = (await manager.query(
      `SELECT completed_at FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2`,
      [enrolmentId, lessonId],
    )) as Array<{ completed_at: Date }>;
    return row.completed_at;
  }

  async touch(manager: EntityManager, enrolmentId: string): Promise<void> {
    await manager.query(`UPDATE enrolments SET last_activity_at = now(), updated_at = now() WHERE id = $1`, [enrolmentId]);
  }

  findQuiz(courseId: string, manager?: EntityManager): Promise<Quiz | null> {
    return (manager ?? this.dataSource.manager).getRepository(Quiz).findOneBy({ courseId });
  }

  async countAttempts(manager: EntityManager, enrolmentId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId]);
    return (row as { n: number }).n;
  }

  async insertAttempt(
    manager: EntityManager,
    attempt: { enrolmentId: string; attemptNumber: number; answers: number[][]; score: number; passed: boolean },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO quiz_attempts (enrolment_id, attempt_number, answers, score, passed) VALUES ($1, $2, $3, $4, $5)`,
      [attempt.enrolmentId, attempt.attemptNumber, JSON.stringify(attempt.answers), attempt.score, attempt.passed],
    );
  }

  async status(manager: EntityManager, enrolmentId: string): Promise<EnrolmentStatus> {
    const [row] = (await manager.query(`SELECT status FROM enrolments WHERE id = $1`, [enrolmentId])) as Array<{ status: EnrolmentStatus }>;
    return row.status;
  }

  async attempts(enrolmentId: string): Promise<AttemptRow[]> {
    const rows: Array<{ attempt_number: number; score: number; passed: boolean; created_at: Date }> = await this.dataSource.query(
      `SELECT attempt_number, score, passed, created_at FROM quiz_attempts WHERE enrolment_id = $1 ORDER BY attempt_number`,
      [enrolmentId],
    );
    return rows.map((r) => ({ attemptNumber: r.attempt_number, score: r.score, passed: r.passed, createdAt: r.created_at }));
  }

  async completedLessonIds(enrolmentId: string): Promise<string[]> {
    const rows: Array<{ lesson_id: string }> = await this.dataSource.query(
      `SELECT p.lesson_id FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
        WHERE p.enrolment_id = $1 ORDER BY l.position`,
      [enrolmentId],
    );
    return rows.map((r) => r.lesson_id);
  }
}
