import { Injectable } from '@nestjs/common';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { AccessService } from '@schakel/access';
import { SeatLedger, SessionAccess, SessionRepository } from '@schakel/session';
import { EnrolmentError } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import { RosterRepository, RosterRow } from './roster.repository';

/** Who is coming: the list for trainers (everyone) and org admins (the enrolments their organisation owns); hand confirmation from the waitlist. */
@Injectable()
export class SessionRosterService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly access: SessionAccess,
    private readonly organisations: AccessService,
    private readonly sessions: SessionRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly roster: RosterRepository,
    private readonly seats: SeatLedger,
  ) {}

  async list(actor: AuthUser, sessionId: string, page: { limit: number; offset: number }): Promise<Page<RosterRow>> {
    const session = await this.access.findVisible(actor, sessionId);
    if (actor.isPlatformAdmin || (await this.access.isTrainer(session.id, actor.id))) {
      return this.roster.page(session.id, page);
    }
    const adminOf = await this.organisations.organisationIds(actor.id, ['org-admin']);
    if (adminOf.length === 0) throw EnrolmentError.rosterForbidden();
    return this.roster.page(session.id, { ...page, onlyOwnedBy: adminOf });
  }

  /** Close to the start nobody is promoted automatically; the trainer picks somebody from the line. */
  async confirmFromWaitlist(actor: AuthUser, sessionId: string, enrolmentId: string): Promise<void> {
    await this.access.requireTrainer(actor, sessionId, { allowPlatformAdmin: true });
    await this.work.run(async (tx) => {
      // Lock order everywhere: the session row first, then the enrolment row.
      const session = await this.sessions.lockForUpdate(tx.manager, sessionId);
      if (!session) throw EnrolmentError.sessionNotFound();
      const enrolment = await this.enrolments.lockEnrolment(tx.manager, enrolmentId);
      if (!enrolment || enrolment.sessionId !== sessionId) throw EnrolmentError.notInSession('enrolmentId');
      if (enrolment.status !== 'waitlisted') throw EnrolmentError.notWaitlisted();
      const outcome = await this.seats.confirmFromWaitlist(tx, session, { id: enrolment.id, userId: enrolment.userId });
      if (outcome === 'session-cancelled') throw EnrolmentError.sessionCancelled();
      if (outcome === 'full') throw EnrolmentError.noSeat();
    });
  }
}
