import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import { SeatLedger, SessionRepository } from '@schakel/session';
import { DomainException, isUniqueViolation } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { CreateEnrolmentDto } from '../dto/enrolment.dto';
import { EnrolmentError, EnrolmentErrorCode } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import type { EnrolmentRequest, EnrolmentResult } from './enrolment.types';
import { OnlineEnrolmentService } from './online-enrolment.service';
import { sameRequestOrConflict } from './same-request.rules';
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
    if (dto.sessionId && !organisationId) {
      const seat = { actorId: actor.id, learnerId, organisationId, courseId: dto.courseId, sessionId: dto.sessionId, licenceId: dto.licenceId ?? null };
      return this.sameRequestAgain(learnerId, dto, () => this.sessions.enrol(seat));
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
    const sessionId = dto.sessionId;
    return this.sameRequestAgain(learnerId, dto, () =>
      sessionId ? this.sessions.enrol({ ...request, courseId: course.id, sessionId }) : this.online.enrol(request),
    );
  }

  /**
   * The partial unique index refused a second open enrolment in the course (or the licence
   * had no seat left for someone who already holds one): the same request again gets the
   * first one back, anything else is 409.
   */
  private async sameRequestAgain(learnerId: string, dto: CreateEnrolmentDto, enrol: () => Promise<EnrolmentResult>): Promise<EnrolmentResult> {
    try {
      return await enrol();
    } catch (error) {
      const full = error instanceof DomainException && error.code === EnrolmentErrorCode.LicenceNoSeatsLeft;
      if (!full && !isUniqueViolation(error, 'uq_enrolments_open_per_course')) throw error;
      const existing = await this.enrolments.findOpen(learnerId, dto.courseId);
      if (!existing) throw error;
      return sameRequestOrConflict(existing, dto.sessionId ?? null);
    }
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
