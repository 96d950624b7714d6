import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@schakel/common';
import { UnitOfWork } from '@schakel/jobs';
import { EnrolmentError } from './enrolment.exception';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';
import type { Enrolment } from './entities/enrolment.entity';
import { SessionEnrolmentError } from './session-enrolment.exception';
import { SessionEnrolmentRepository } from './session-enrolment.repository';

/**
 * Enrolment in a session. One statement holds the session row's lock while it decides
 * confirmed-or-waitlisted, moves the counts and writes the outbox row, so seats are handed
 * out one at a time whatever the concurrency; the CHECK confirmed_count <= capacity and
 * the partial unique index (one open enrolment per person and course) back it up.
 */
@Injectable()
export class SessionEnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SessionEnrolmentRepository,
    private readonly work: UnitOfWork,
  ) {}

  async enrol(request: EnrolmentRequest): Promise<EnrolmentResult> {
    const sessionId = request.sessionId!;
    // One statement checks the session (this course's, visible to the learner, open) and seats her.
    try {
      const result = await this.repository.enrolAtomically({
        sessionId,
        userId: request.learnerId,
        courseId: request.course.id,
        organisationId: request.organisationId,
        enrolledById: request.actorId,
      });
      switch (result.outcome) {
        case 'enrolled':
          this.work.eventsCommitted();
          return { enrolment: result.enrolment, created: true };
        case 'cancelled':
          throw SessionEnrolmentError.sessionCancelled();
        case 'started':
          throw SessionEnrolmentError.sessionStarted();
        case 'deadline-passed':
          throw SessionEnrolmentError.deadlinePassed();
        case 'missing':
          throw SessionEnrolmentError.sessionNotFound();
      }
    } catch (error) {
      // The same person again (a retry, a double click, a parallel request): the partial
      // unique index refused the second row; answer with the first, or 409.
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
