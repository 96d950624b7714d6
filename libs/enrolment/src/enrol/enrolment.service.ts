import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import { SeatLedger, SessionRepository } from '@schakel/session';
import { DomainException, isUniqueViolation } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { CreateEnrolmentDto } from '../dto/enrolment.dto';
import { EnrolmentError, EnrolmentErrorCode } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import type { Enrolment } from '../entities/enrolment.entity';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';
import { OnlineEnrolmentService } from './online-enrolment.service';
import { answerToOpenEnrolment } from './same-request.rules';
import { SessionEnrolmentService } from './session-enrolment.service';

/** POST /api/enrolments: the checks every enrolment shares, then the online or session path. */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly online: OnlineEnrolmentService,
    private readonly sessions: SessionEnrolmentService,
    private readonly access: AccessService,
    private readonly sessionRows: SessionRepository,
    private readonly seats: SeatLedger,
  ) {}

  /** `bookTo`: the organisation the enrolment is booked to (bulk: the one the request names). */
  async enrol(actor: AuthUser, dto: CreateEnrolmentDto, bookTo?: string): Promise<EnrolmentResult> {
    const { learnerId, organisationId } = await this.resolveLearner(actor, dto.userId, dto.sessionId, bookTo);
    // The hot path (a learner's own seat in a session): no licence to choose, so the seat
    // statement checks the course too, with the same rules in the same order, in one round trip.
    // When she already has an open enrolment in the course, the full path below answers it.
    if (dto.sessionId && !organisationId) {
      const seat = { actorId: actor.id, learnerId, organisationId, courseId: dto.courseId, sessionId: dto.sessionId, licenceId: dto.licenceId ?? null };
      try {
        return await this.sessions.enrol(seat);
      } catch (error) {
        if (!isOpenEnrolmentClash(error)) throw error;
      }
    }
    const found = await this.enrolments.publishedCourseWithMissing(dto.courseId, learnerId);
    if (!found) throw EnrolmentError.courseNotFound();
    const { course, missing } = found;
    if (missing.length > 0) throw EnrolmentError.prerequisiteMissing(missing);
    if (dto.sessionId && course.format === 'online') throw EnrolmentError.noSessionsForOnline();
    if (!dto.sessionId && course.format === 'live') throw EnrolmentError.sessionRequired();

    // An org admin enrolling a member into a by-organisation course uses the organisation's licence.
    const licenceId =
      dto.licenceId ?? (course.access === 'by-organisation' && organisationId ? await this.seats.licenceToUse(organisationId, course.id) : null);
    if (course.access === 'by-organisation' && !licenceId && !dto.sessionId) throw EnrolmentError.seatRequired();
    const request: EnrolmentRequest = {
      actorId: actor.id, learnerId, organisationId, course, sessionId: dto.sessionId,
      licenceId, inCompanyOnly: course.access === 'by-organisation' && !licenceId,
    };
    // The online part of a blended course moves into the session she picks: looked up first,
    // so a licence seat she already holds is not asked for again.
    const online = dto.sessionId && course.format === 'blended' ? await this.enrolments.findOpen(learnerId, course.id) : null;
    if (online) return this.answerOpenEnrolment(online, request);
    try {
      return dto.sessionId ? await this.sessions.enrol({ ...request, courseId: course.id, sessionId: dto.sessionId }) : await this.online.enrol(request);
    } catch (error) {
      if (!isOpenEnrolmentClash(error)) throw error;
      const existing = await this.enrolments.findOpen(learnerId, course.id);
      if (!existing) throw error;
      return this.answerOpenEnrolment(existing, request);
    }
  }

  /**
   * The same request again gets the enrolment back; the online part of a blended course is
   * moved into the session asked for; anything else is 409 (same-request.rules). A move that
   * finds the enrolment changed under it (a parallel move) looks once more.
   */
  private async answerOpenEnrolment(existing: Enrolment, request: EnrolmentRequest, retried = false): Promise<EnrolmentResult> {
    const answer = answerToOpenEnrolment(existing, request.sessionId ?? null, request.course.format);
    if (answer.kind === 'same') return answer.result;
    const sessionId = request.sessionId as string;
    const moved = await this.sessions.moveIntoSession(answer.enrolment, { ...request, sessionId });
    if (moved) return moved;
    const now = await this.enrolments.findOpen(request.learnerId, request.course.id);
    if (!now) return this.sessions.enrol({ ...request, courseId: request.course.id, sessionId });
    if (retried) throw EnrolmentError.alreadyEnrolled();
    return this.answerOpenEnrolment(now, request, true);
  }

  /**
   * Oneself, or (as org admin) a member of one's organisation; anyone else is "not found".
   * For an in-company session the enrolment belongs to the session's organisation, so only
   * its admins may enrol someone there (not an admin of another organisation she is in).
   */
  private async resolveLearner(
    actor: AuthUser,
    userId?: string,
    sessionId?: string,
    bookTo?: string,
  ): Promise<{ learnerId: string; organisationId: string | null }> {
    if (!userId || userId === actor.id) return { learnerId: actor.id, organisationId: bookTo ?? null };
    const session = sessionId ? await this.sessionRows.findById(sessionId) : null;
    const owner = session?.visibility === 'in-company' ? session.organisationId : null;
    // An in-company session belongs to its organisation: a row booked to another cannot seat anyone there.
    if (owner && bookTo && owner !== bookTo) throw EnrolmentError.learnerNotFound();
    const organisationId = await this.access.organisationActingFor(actor, userId, owner ?? bookTo ?? null);
    if (organisationId) return { learnerId: userId, organisationId };
    if (actor.isPlatformAdmin) return { learnerId: userId, organisationId: null };
    throw EnrolmentError.learnerNotFound();
  }
}

/**
 * The partial unique index refused a second open enrolment in the course (or the licence had
 * no seat left for someone who already holds one): she has an open enrolment already.
 */
function isOpenEnrolmentClash(error: unknown): boolean {
  return (error instanceof DomainException && error.code === EnrolmentErrorCode.LicenceNoSeatsLeft) || isUniqueViolation(error, 'uq_enrolments_open_per_course');
}
