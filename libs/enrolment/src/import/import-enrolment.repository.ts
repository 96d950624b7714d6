import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CourseAccess, CourseFormat } from '@schakel/catalogue';

/** What an import batch needs to know of a course it names. */
export interface ImportCourse {
  id: string;
  format: CourseFormat;
  access: CourseAccess;
  hasPrerequisites: boolean;
}

/** A learner and a course, the key of "one open enrolment per person and course". */
export const pairKey = (userId: string, courseId: string) => `${userId}:${courseId}`;

/**
 * The few set-wise queries an import batch enrols with (in the batch's transaction): the
 * courses of the batch, the open enrolments of its people, and the open-course enrolments
 * as one INSERT. Licence seats are not here: the seat ledger takes them.
 */
@Injectable()
export class ImportEnrolmentRepository {
  /** Published courses among these ids. */
  async courses(manager: EntityManager, ids: readonly string[]): Promise<Map<string, ImportCourse>> {
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT c.id, c.format, c.access, EXISTS (SELECT 1 FROM course_prerequisites p WHERE p.course_id = c.id) AS "hasPrerequisites"
         FROM courses c WHERE c.id = ANY($1::uuid[]) AND c.status = 'published'`,
      [ids],
    )) as ImportCourse[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The open enrolments of these people in these courses: pairKey → the session (null: online). */
  async openEnrolments(manager: EntityManager, userIds: readonly string[], courseIds: readonly string[]): Promise<Map<string, string | null>> {
    if (userIds.length === 0 || courseIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT user_id, course_id, session_id FROM enrolments
        WHERE user_id = ANY($1::uuid[]) AND course_id = ANY($2::uuid[]) AND status IN ('active', 'confirmed', 'waitlisted')`,
      [userIds, courseIds],
    )) as Array<{ user_id: string; course_id: string; session_id: string | null }>;
    return new Map(rows.map((r) => [pairKey(r.user_id, r.course_id), r.session_id]));
  }

  /**
   * Active online enrolments in open courses (no seat to take) in one statement; a pair that
   * holds an open enrolment already (a concurrent one) is skipped by the partial unique
   * index. Returns the pairKeys written.
   */
  async insertOnline(
    manager: EntityManager,
    rows: ReadonlyArray<{ userId: string; courseId: string }>,
    organisationId: string,
    enrolledById: string,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = (await manager.query(
      `INSERT INTO enrolments (user_id, course_id, organisation_id, enrolled_by_id, status)
       SELECT t.u, t.c, $3, $4, 'active' FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(u, c, ord) ORDER BY t.ord
       ON CONFLICT (user_id, course_id) WHERE status IN ('active', 'confirmed', 'waitlisted') DO NOTHING
       RETURNING user_id, course_id`,
      [rows.map((r) => r.userId), rows.map((r) => r.courseId), organisationId, enrolledById],
    )) as Array<{ user_id: string; course_id: string }>;
    return new Set(inserted.map((r) => pairKey(r.user_id, r.course_id)));
  }
}
