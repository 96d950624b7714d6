import { Injectable } from '@nestjs/common';
import { SeatLedger, type SeatClaim, type TakenSeat } from '@schakel/session';
import { EnrolmentError, licenceRefused } from '../enrolment.exception';
import { Enrolment } from '../entities/enrolment.entity';
import type { EnrolmentResult, SessionSeatRequest } from './enrolment.types';

/**
 * Enrolment in a session. The seat ledger's one statement checks the course (published, not
 * online, prerequisites met), then holds the session row's lock while it decides confirmed-or-waitlisted, moves the counts and writes the outbox row, so
 * seats are handed out one at a time whatever the concurrency; the CHECK
 * confirmed_count <= capacity and the partial unique index (one open enrolment per person
 * and course) back it up. A second open enrolment throws the unique violation;
 * EnrolmentService answers it.
 */
@Injectable()
export class SessionEnrolmentService {
  constructor(private readonly seats: SeatLedger) {}

  async enrol(request: SessionSeatRequest): Promise<EnrolmentResult> {
    const claim: SeatClaim = {
      sessionId: request.sessionId,
      userId: request.learnerId,
      courseId: request.courseId,
      organisationId: request.organisationId,
      enrolledById: request.actorId,
      licenceId: request.licenceId,
    };
    const result = await this.seats.takeSeat(claim);
    switch (result.outcome) {
      case 'enrolled':
        return { enrolment: toEnrolment(claim, result.seat), created: true };
      case 'course-missing':
        throw EnrolmentError.courseNotFound();
      case 'prerequisite-missing':
        throw EnrolmentError.prerequisiteMissing(result.missing);
      case 'online-course':
        throw EnrolmentError.noSessionsForOnline();
      case 'cancelled':
        throw EnrolmentError.sessionCancelled();
      case 'started':
        throw EnrolmentError.sessionStarted();
      case 'deadline-passed':
        throw EnrolmentError.deadlinePassed();
      case 'missing':
        throw EnrolmentError.sessionNotFound();
      case 'seat-required':
        throw EnrolmentError.seatRequired();
      default:
        throw licenceRefused(result.outcome);
    }
  }
}

/** The row the seat statement wrote, without reading it back. */
function toEnrolment(claim: SeatClaim, seat: TakenSeat): Enrolment {
  return Object.assign(new Enrolment(), {
    userId: claim.userId,
    courseId: claim.courseId,
    sessionId: claim.sessionId,
    organisationId: claim.organisationId,
    enrolledById: claim.enrolledById,
    licenceId: claim.licenceId,
    id: seat.enrolmentId,
    status: seat.status,
    waitlistPosition: seat.waitlistPosition,
    confirmedAt: seat.confirmedAt,
    cancelledAt: null,
    completedAt: null,
    lastActivityAt: seat.lastActivityAt,
    createdAt: seat.createdAt,
    updatedAt: seat.updatedAt,
  });
}
