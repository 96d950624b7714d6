import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CourseFormat } from '@schakel/catalogue';
import type { Page } from '@schakel/common';
import type { MyEnrolmentResponse } from '../dto/progress.dto';
import type { EnrolmentStatus } from '../entities/enrolment.entity';

interface EnrolmentRow {
  id: string;
  status: EnrolmentStatus;
  user_id: string;
  course_id: string;
  session_id: string | null;
  organisation_id: string | null;
  waitlist_position: number | null;
  created_at: Date;
  completed_at: Date | null;
  cancelled_at: Date | null;
  last_activity_at: Date;
  slug: string;
  title: string;
  format: CourseFormat;
  lesson_count: number;
  lessons_completed: number;
  has_quiz: boolean;
  quiz_passed: boolean;
  attempts_used: number;
  total?: string;
}

// Progress per enrolment in the same statement (scalar subqueries), so a page is one query.
const SELECT = `
  SELECT e.id, e.status, e.user_id, e.course_id, e.session_id, e.organisation_id, e.waitlist_position,
         e.created_at, e.completed_at, e.cancelled_at, e.last_activity_at, c.slug, c.title, c.format,
         (SELECT count(*)::int FROM lessons l WHERE l.course_id = e.course_id) AS lesson_count,
         (SELECT count(*)::int FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
           WHERE p.enrolment_id = e.id AND l.course_id = e.course_id) AS lessons_completed,
         EXISTS (SELECT 1 FROM quizzes q WHERE q.course_id = e.course_id) AS has_quiz,
         EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.passed) AS quiz_passed,
         (SELECT count(*)::int FROM quiz_attempts a WHERE a.enrolment_id = e.id) AS attempts_used`;

const toResponse = (r: EnrolmentRow): MyEnrolmentResponse => ({
  id: r.id,
  status: r.status,
  userId: r.user_id,
  courseId: r.course_id,
  course: { id: r.course_id, slug: r.slug, title: r.title, format: r.format },
  sessionId: r.session_id,
  organisationId: r.organisation_id,
  waitlistPosition: r.waitlist_position,
  createdAt: r.created_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
  cancelledAt: r.cancelled_at?.toISOString() ?? null,
  lastActivityAt: r.last_activity_at.toISOString(),
  progress: {
    lessonsCompleted: r.lessons_completed,
    lessonCount: r.lesson_count,
    hasQuiz: r.has_quiz,
    quizPassed: r.quiz_passed,
    attemptsUsed: r.attempts_used,
  },
});

@Injectable()
export class MyEnrolmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pageForUser(userId: string, filter: { status?: EnrolmentStatus; limit: number; offset: number }): Promise<Page<MyEnrolmentResponse>> {
    const params: unknown[] = [userId];
    let condition = 'e.user_id = $1';
    if (filter.status) {
      params.push(filter.status);
      condition += ` AND e.status = $2`;
    }
    const rows: EnrolmentRow[] = await this.dataSource.query(
      `${SELECT}, count(*) OVER () AS total
         FROM enrolments e JOIN courses c ON c.id = e.course_id
        WHERE ${condition}
        ORDER BY e.created_at DESC, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    if (rows.length > 0) return { items: rows.map(toResponse), total: Number(rows[0].total) };
    const [count] = await this.dataSource.query(`SELECT count(*)::int AS n FROM enrolments e WHERE ${condition}`, params);
    return { items: [], total: (count as { n: number }).n };
  }

  async findWithProgress(enrolmentId: string): Promise<MyEnrolmentResponse | null> {
    const rows: EnrolmentRow[] = await this.dataSource.query(
      `${SELECT} FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.id = $1`,
      [enrolmentId],
    );
    return rows[0] ? toResponse(rows[0]) : null;
  }
}
