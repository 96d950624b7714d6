import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Course, type CourseFormat } from '@schakel/catalogue';
import { Enrolment, OPEN_ENROLMENT_STATUSES } from './entities/enrolment.entity';

@Injectable()
export class EnrolmentRepository {
  constructor(@InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>) {}

  findById(id: string, manager?: EntityManager): Promise<Enrolment | null> {
    return (manager?.getRepository(Enrolment) ?? this.enrolments).findOneBy({ id });
  }

  findWithCourse(id: string): Promise<Enrolment | null> {
    return this.enrolments.findOne({ where: { id }, relations: { course: true } });
  }

  findOpen(userId: string, courseId: string, manager?: EntityManager): Promise<Enrolment | null> {
    return (manager?.getRepository(Enrolment) ?? this.enrolments).findOneBy({ userId, courseId, status: In(OPEN_ENROLMENT_STATUSES) });
  }

  insert(enrolment: Partial<Enrolment>, manager?: EntityManager): Promise<Enrolment> {
    const repository = manager?.getRepository(Enrolment) ?? this.enrolments;
    return repository.save(repository.create(enrolment));
  }

  /**
   * The one way to lock an enrolment row: every step that changes an enrolment (progress,
   * cancellation, a trainer's pick from the line) takes it, so they happen one at a time.
   * When a session is involved, its row is locked first (always in that order).
   */
  lockEnrolment(manager: EntityManager, id: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async courseFormat(manager: EntityManager, courseId: string): Promise<CourseFormat> {
    const [row] = (await manager.query(`SELECT format FROM courses WHERE id = $1`, [courseId])) as Array<{ format: CourseFormat }>;
    return row.format;
  }

  /** The enrolment row only; a seat or place in line it held is given back through the SeatLedger. */
  async markCancelled(manager: EntityManager, id: string): Promise<Enrolment> {
    await manager.query(
      `UPDATE enrolments SET status = 'cancelled', waitlist_position = NULL, cancelled_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
    return (await manager.getRepository(Enrolment).findOneBy({ id }))!;
  }

  /**
   * The published course and the titles of its prerequisites this person has not met
   * (no completion, no valid certificate), in one round trip for the enrolment hot path.
   */
  async publishedCourseWithMissing(courseId: string, userId: string): Promise<{ course: Course; missing: string[] } | null> {
    const rows: Array<Course & { missing: string[] }> = await this.enrolments.query(
      `SELECT c.id, c.slug, c.title, c.summary, c.language, c.chain_roles AS "chainRoles", c.format, c.status,
              c.certificate_validity_months AS "certificateValidityMonths", c.pass_mark AS "passMark",
              c.duration_hours::float8 AS "durationHours", c.renews_course_id AS "renewsCourseId",
              c.created_by_id AS "createdById", c.access, c.seat_price_cents AS "seatPriceCents", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
              ARRAY(SELECT pc.title
                      FROM course_prerequisites p JOIN courses pc ON pc.id = p.prerequisite_id
                     WHERE p.course_id = c.id
                       AND NOT EXISTS (SELECT 1 FROM completions x WHERE x.user_id = $2 AND x.course_id = p.prerequisite_id)
                       AND NOT EXISTS (SELECT 1 FROM certificates x
                                        WHERE x.user_id = $2 AND x.course_id = p.prerequisite_id AND x.state = 'issued'
                                          AND x.revoked_at IS NULL AND (x.expires_at IS NULL OR x.expires_at > now()))
                     ORDER BY pc.title) AS missing
         FROM courses c
        WHERE c.id = $1 AND c.status = 'published'`,
      [courseId, userId],
    );
    const row = rows[0];
    if (!row) return null;
    const { missing, ...columns } = row;
    return { course: Object.assign(new Course(), columns), missing };
  }

}
