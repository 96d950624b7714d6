import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@schakel/common';
import { JobProducer, OutboxRepository } from '@schakel/jobs';
import { enrolmentClosed, SessionAccess, SessionRepository } from '@schakel/session';
import { EnrolmentError } from './enrolment.exception';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';
import type { Enrolment } from './entities/enrolment.entity';
import { SessionEnrolmentError } from './session-enrolment.exception';
import { SessionEnrolmentRepository } from './session-enrolment.repository';

/**
 * Enrolment in a session. One short transaction holds the session row's lock while it
 * decides confirmed-or-waitlisted and moves the counts, so seats are handed out one at a
 * time whatever the concurrency; the CHECK confirmed_count <= capacity and the partial
 * unique index (one open enrolment per person and course) back it up in the database.
 */
@Injectable()
export class SessionEnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly access: SessionAccess,
    private readonly repository: SessionEnrolmentRepository,
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
  ) {}

  async enrol(request: EnrolmentRequest): Promise<EnrolmentResult> {
    const sessionId = request.sessionId!;
    // Checks that do not change under our feet run before the lock, keeping it short.
    const session = await this.sessions.findById(sessionId);
    if (!session || session.courseId !== request.course.id) throw SessionEnrolmentError.sessionNotFound();
    if (!(await this.access.learnerMayEnrol(request.learnerId, session))) throw SessionEnrolmentError.sessionNotFound();
    const earlier = await this.repository.findOpenForCourse(this.dataSource.manager, request.learnerId, request.course.id);
    if (earlier) return this.sameOrConflict(earlier, sessionId);
    try {
      const result = await this.dataSource.transaction(async (manager): Promise<EnrolmentResult> => {
        const locked = (await this.sessions.lockForUpdate(manager, sessionId))!;
        if (locked.status === 'cancelled') throw SessionEnrolmentError.sessionCancelled();
        const closed = enrolmentClosed(locked, new Date());
        if (closed === 'started') throw SessionEnrolmentError.sessionStarted();
        if (closed === 'deadline-passed') throw SessionEnrolmentError.deadlinePassed();
        // A parallel request of the same person is caught by the partial unique index (below).
        const enrolment = await this.repository.confirmOrWaitlist(manager, locked, {
          userId: request.learnerId,
          courseId: request.course.id,
          organisationId: request.organisationId,
          enrolledById: request.actorId,
        });
        await this.outbox.add(manager, 'notification.send', {
          kind: enrolment.status === 'confirmed' ? 'enrolment.confirmed' : 'enrolment.waitlisted',
          userId: enrolment.userId,
          enrolmentId: enrolment.id,
          sessionId,
        });
        return { enrolment, created: true };
      });
      this.producer.nudgeOutboxRelay();
      return result;
    } catch (error) {
      // Parallel requests of one person: the partial unique index lets one through, we answer the rest.
      if (!isUniqueViolation(error, 'uq_enrolments_open_per_course')) throw error;
      const existing = await this.repository.findOpenForCourse(this.dataSource.manager, request.learnerId, request.course.id);
      if (!existing) throw error;
      return this.sameOrConflict(existing, sessionId);
    }
  }

  /** The same request again (a retry, a double click) gets the same enrolment back; anything else is 409. */
  private sameOrConflict(existing: Enrolment, sessionId: string): EnrolmentResult {
    if (existing.sessionId === sessionId) return { enrolment: existing, created: false };
    throw existing.sessionId ? SessionEnrolmentError.otherSession() : EnrolmentError.alreadyEnrolled();
  }
}
