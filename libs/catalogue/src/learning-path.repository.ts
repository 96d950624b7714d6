import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PathStatus } from './dto/learning-path.dto';

/**
 * Reads a learner's standing per course from the enrolment and certification tables.
 * Plain SQL on purpose: the catalogue must not import those domains (they import it).
 */
@Injectable()
export class LearningPathRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async statuses(userId: string, courseIds: string[]): Promise<Map<string, PathStatus>> {
    if (courseIds.length === 0) return new Map();
    const rows: Array<{ id: string; status: PathStatus }> = await this.dataSource.query(
      `SELECT c.id,
              CASE
                WHEN EXISTS (SELECT 1 FROM certificates x
                              WHERE x.user_id = $1 AND x.course_id = c.id AND x.state = 'issued'
                                AND x.revoked_at IS NULL AND (x.expires_at IS NULL OR x.expires_at > now())) THEN 'certified'
                WHEN EXISTS (SELECT 1 FROM completions x WHERE x.user_id = $1 AND x.course_id = c.id) THEN 'completed'
                WHEN EXISTS (SELECT 1 FROM enrolments e
                              WHERE e.user_id = $1 AND e.course_id = c.id
                                AND e.status IN ('active', 'confirmed', 'waitlisted')) THEN 'in-progress'
                ELSE 'not-started'
              END AS status
         FROM unnest($2::uuid[]) AS c(id)`,
      [userId, courseIds],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }
}
