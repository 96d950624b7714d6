import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { OrganisationAccess } from '@schakel/organisation';
import { SessionAccess, SessionRepository, WaitlistRepository } from '@schakel/session';
import { SessionEnrolmentError } from './session-enrolment.exception';
import { RosterRow, SessionEnrolmentRepository } from './session-enrolment.repository';

/** Who is coming: the list for trainers (everyone) and org admins (their own members); hand confirmation from the waitlist. */
@Injectable()
export class SessionRosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SessionAccess,
    private readonly organisations: OrganisationAccess,
    private readonly sessions: SessionRepository,
    private readonly repository: SessionEnrolmentRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly work: UnitOfWork,
  ) {}

  async list(actor: AuthUser, sessionId: string, page: { limit: number; offset: number }): Promise<Page<RosterRow>> {
    const session = await this.access.findVisible(actor, sessionId);
    if (actor.isPlatformAdmin || (await this.access.isTrainer(session.id, actor.id))) {
      return this.repository.roster(session.id, this.dataSource.manager, page);
    }
    const adminOf = await this.organisations.organisationIdsWithRole(actor.id, ['org-admin']);
    if (adminOf.length === 0) throw SessionEnrolmentError.rosterForbidden();
    return this.repository.roster(session.id, this.dataSource.manager, { ...page, onlyMembersOf: adminOf });
  }

  /** Close to the start nobody is promoted automatically; the trainer picks somebody from the line. */
  async confirmFromWaitlist(actor: AuthUser, sessionId: string, enrolmentId: string): Promise<void> {
    await this.access.requireTrainer(actor, sessionId, { allowPlatformAdmin: true });
    await this.work.run(async ({ manager, publish }) => {
      const session = await this.sessions.lockForUpdate(manager, sessionId);
      if (!session) throw SessionEnrolmentError.sessionNotFound();
      const enrolment = await this.repository.lockEnrolment(manager, enrolmentId);
      if (!enrolment || enrolment.sessionId !== sessionId) throw SessionEnrolmentError.notInSession('enrolmentId');
      if (enrolment.status !== 'waitlisted') throw SessionEnrolmentError.notWaitlisted();
      if (session.status === 'cancelled') throw SessionEnrolmentError.sessionCancelled();
      if (session.confirmedCount >= session.capacity) throw SessionEnrolmentError.noSeat();
      await this.waitlist.confirmWaitlisted(manager, sessionId, enrolmentId);
      await publish('enrolment.promoted', { userId: enrolment.userId, enrolmentId, sessionId });
    });
  }
}
