import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Course, missingPrerequisiteTitles, type CourseFormat } from '@schakel/catalogue';
import type { EventName, EventPayload } from '@schakel/jobs';
import { Enrolment, OPEN_ENROLMENT_STATUSES } from './entities/enrolment.entity';

@Injectable()
export class EnrolmentRepository {
  /** Every column under its property name, for statements that return whole enrolments. */
  private readonly columns: string;

  constructor(@InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>) {
    this.columns = enrolments.metadata.columns.map((c) => `e.${c.databaseName} AS "${c.propertyName}"`).join(', ');
  }

  findById(id: string, manager?: EntityManager): Promise<Enrolment | null> {
    return (manager?.getRepository(Enrolment) ?? this.enrolments).findOneBy({ id });
  }

  findWithCourse(id: string): Promise<Enrolment | null> {
    return this.enrolments.findOne({ where: { id }, relations: { course: true } });
  }

  findOpen(userId: string, courseId: string, manager?: EntityManager): Promise<Enrolment | null> {
    return (manager?.getRepository(Enrolment) ?? this.enrolments).findOneBy({ userId, courseId, status: In(OPEN_ENROLMENT_STATUSES) });
  }

  /**
   * An online enrolment (status `active`) and its `enrolment.started` outbox row in one
   * statement, one round trip (a unit of work takes four: BEGIN, the two INSERTs, COMMIT).
   * The caller nudges the relay after it (UnitOfWork.eventsCommitted). A second open
   * enrolment in the course throws the unique violation, and writes no event.
   */
  async insertStarted(enrolment: Pick<Enrolment, 'userId' | 'courseId' | 'organisationId' | 'enrolledById'>): Promise<Enrolment> {
    const topic: EventName = 'enrolment.started';
    const payload: EventPayload<'enrolment.started'> = { userId: enrolment.userId, courseId: enrolment.courseId };
    const [row]: Array<Partial<Enrolment>> = await this.enrolments.query(
      `WITH e AS (
         INSERT INTO enrolments (user_id, course_id, organisation_id, enrolled_by_id, status)
         VALUES ($1, $2, $3, $4, 'active') RETURNING *
       ), told AS (
         INSERT INTO outbox_events (topic, payload) SELECT $5, $6::jsonb FROM e
       )
       SELECT ${this.columns} FROM e`,
      [enrolment.userId, enrolment.courseId, enrolment.organisationId, enrolment.enrolledById, topic, JSON.stringify(payload)],
    );
    return Object.assign(new Enrolment(), row);
  }

  /**
   * The one way to lock an enrolment row: every step that changes an enrolment (progress,
   * cancellation, a trainer's pick from the line) takes it, so they happen one at a time.
   * When a session is involved, its row is locked first (always in that order).
   */
  lockEnrolment(manager: EntityManager, id: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The course's enrolments still in progress (active, confirmed), oldest first. */
  async openIdsOfCourse(courseId: string): Promise<string[]> {
    const rows = (await this.enrolments.query(
      `SELECT id FROM enrolments WHERE course_id = $1 AND status IN ('active', 'confirmed') ORDER BY created_at, id`,
      [courseId],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
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
              ${missingPrerequisiteTitles('c.id', '$2')} AS missing
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
