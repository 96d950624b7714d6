import { Injectable } from '@nestjs/common';
import type { DomainException } from '@schakel/common';
import { SeatLedger, type SeatClaim, type SeatRefusal, type TakenSeat } from '@schakel/session';
import { EnrolmentError, licenceRefused } from '../enrolment.exception';
import { Enrolment } from '../entities/enrolment.entity';
import type { EnrolmentRequest, EnrolmentResult, SessionSeatRequest } from './enrolment.types';

/**
 * Enrolment in a session. The seat ledger's one statement checks the course (published, not
 * online, prerequisites met), then holds the session row's lock while it decides confirmed-or-waitlisted, moves the counts and writes the outbox row, so
 * seats are handed out one at a time whatever the concurrency; the CHECK
 * confirmed_count <= capacity and the partial unique index (one open enrolment per person
 * and course) back it up. A second open enrolment throws the unique violation;
 * EnrolmentService answers it. The online part of a blended course moves into a session
 * through the same ledger (`moveIntoSession`).
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
    if (result.outcome === 'enrolled') return { enrolment: toEnrolment(claim, result.seat), created: true };
    if (result.outcome === 'prerequisite-missing') throw EnrolmentError.prerequisiteMissing(result.missing);
    throw refusal(result.outcome);
  }

  /**
   * The online part of a blended course moves into the session (seat or waitlist) through
   * the seat ledger, keeping its id and so its progress. Null when the enrolment was no
   * longer an open online one by the time the session was locked (a parallel request moved
   * or cancelled it): the caller looks again.
   */
  async moveIntoSession(online: Enrolment, request: EnrolmentRequest & { sessionId: string }): Promise<EnrolmentResult | null> {
    const result = await this.seats.moveIntoSession({
      enrolmentId: online.id,
      sessionId: request.sessionId,
      userId: online.userId,
      courseId: online.courseId,
      // The licence seat of the online part comes along; without one, only an in-company session may take her.
      inCompanyOnly: request.course.access === 'by-organisation' && !online.licenceId,
    });
    if (result.outcome === 'gone') return null;
    if (result.outcome !== 'moved') throw refusal(result.outcome);
    const { seat } = result;
    const enrolment = Object.assign(new Enrolment(), online, {
      sessionId: request.sessionId,
      status: seat.status,
      waitlistPosition: seat.waitlistPosition,
      confirmedAt: seat.confirmedAt,
      updatedAt: seat.updatedAt,
    });
    return { enrolment, created: false, moved: true };
  }
}

/** Why the seat ledger gave no seat, as the enrolment error the API answers. */
function refusal(outcome: SeatRefusal): DomainException {
  switch (outcome) {
    case 'course-missing':
      return EnrolmentError.courseNotFound();
    case 'online-course':
      return EnrolmentError.noSessionsForOnline();
    case 'cancelled':
      return EnrolmentError.sessionCancelled();
    case 'started':
      return EnrolmentError.sessionStarted();
    case 'deadline-passed':
      return EnrolmentError.deadlinePassed();
    case 'missing':
      return EnrolmentError.sessionNotFound();
    case 'seat-required':
      return EnrolmentError.seatRequired();
    default:
      return licenceRefused(outcome);
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
