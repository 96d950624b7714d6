import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@schakel/common';
import { JobProducer, OutboxRepository } from '@schakel/jobs';
import { enrolmentClosed, SessionAccess, SessionRepository } from '@schakel/session';
import { EnrolmentError } from './enrolment.exception';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';
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
    try {
      const result = await this.dataSource.transaction(async (manager): Promise<EnrolmentResult> => {
        const session = await this.sessions.lockForUpdate(manager, sessionId);
        if (!session || session.courseId !== request.course.id) throw SessionEnrolmentError.sessionNotFound();
        if (!(await this.access.learnerMayEnrol(request.learnerId, session))) throw SessionEnrolmentError.sessionNotFound();
        // Under the lock, a parallel request of the same person has committed or not started.
        const existing = await this.repository.findOpenForCourse(manager, request.learnerId, request.course.id);
        if (existing) {
          if (existing.sessionId === session.id) return { enrolment: existing, created: false };
          throw existing.sessionId ? SessionEnrolmentError.otherSession() : EnrolmentError.alreadyEnrolled();
        }
        if (session.status === 'cancelled') throw SessionEnrolmentError.sessionCancelled();
        const closed = enrolmentClosed(session, new Date());
        if (closed === 'started') throw SessionEnrolmentError.sessionStarted();
        if (closed === 'deadline-passed') throw SessionEnrolmentError.deadlinePassed();

        const enrolment = await this.repository.confirmOrWaitlist(manager, session, {
          userId: request.learnerId,
          courseId: request.course.id,
          organisationId: request.organisationId,
          enrolledById: request.actorId,
        });
        await this.outbox.add(manager, 'notification.send', {
          kind: enrolment.status === 'confirmed' ? 'enrolment.confirmed' : 'enrolment.waitlisted',
          userId: enrolment.userId,
          enrolmentId: enrolment.id,
          sessionId: session.id,
        });
        return { enrolment, created: true };
      });
      if (result.created) this.producer.nudgeOutboxRelay();
      return result;
    } catch (error) {
      // Two sessions of one course at once: the partial unique index decides, we answer.
      if (!isUniqueViolation(error, 'uq_enrolments_open_per_course')) throw error;
      const existing = await this.repository.findOpenForCourse(this.dataSource.manager, request.learnerId, request.course.id);
      if (existing && existing.sessionId === sessionId) return { enrolment: existing, created: false };
      throw existing?.sessionId ? SessionEnrolmentError.otherSession() : EnrolmentError.alreadyEnrolled();
    }
  }
}
