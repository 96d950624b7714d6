import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { mayPromoteAutomatically, SeatLedger, SessionRepository, WaitlistRepository } from '@schakel/session';
import { EnrolmentError } from './enrolment.exception';
import { EnrolmentRepository } from './enrolment.repository';
import type { Enrolment } from './entities/enrolment.entity';
import { SessionEnrolmentError } from './session-enrolment.exception';
import { SessionEnrolmentRepository } from './session-enrolment.repository';

/**
 * POST /api/enrolments/:id/cancel, for online and session enrolments. A freed seat goes
 * to the first in line in the same transaction, unless the session starts within the
 * promotion cutoff: then the trainer confirms somebody by hand.
 */
@Injectable()
export class CancellationService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly config: AppConfig,
    private readonly enrolments: EnrolmentRepository,
    private readonly repository: SessionEnrolmentRepository,
    private readonly sessions: SessionRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly seats: SeatLedger,
  ) {}

  async cancel(actor: AuthUser, enrolmentId: string): Promise<Enrolment> {
    const found = await this.enrolments.findById(enrolmentId);
    if (!found || !(await this.mayCancel(actor, found))) throw EnrolmentError.enrolmentNotFound();
    return this.work.run(async (tx) => {
      const { manager } = tx;
      // Lock order everywhere: the session row first, then the enrolment row.
      const session = found.sessionId ? await this.sessions.lockForUpdate(manager, found.sessionId) : null;
      const enrolment = await this.repository.lockEnrolment(manager, enrolmentId);
      if (!enrolment) throw EnrolmentError.enrolmentNotFound();
      if (enrolment.status === 'cancelled') return enrolment;
      if (enrolment.status === 'completed') throw SessionEnrolmentError.notCancellable(enrolment.status);
      const wasConfirmed = enrolment.status === 'confirmed';
      const cancelled = await this.repository.markCancelled(manager, enrolment);
      if (session) {
        if (enrolment.status === 'waitlisted') await this.waitlist.renumberWaitlist(manager, session.id);
        if (wasConfirmed && mayPromoteAutomatically(session.startsAt, new Date(), this.config.promotionCutoffHours)) {
          await this.seats.fillFreeSeats(tx, session.id);
        }
      }
      await this.tell(tx, cancelled);
      return cancelled;
    });
  }

  private tell(tx: Transaction, e: Enrolment): Promise<void> {
    return tx.publish('enrolment.cancelled', { userId: e.userId, enrolmentId: e.id, ...(e.sessionId ? { sessionId: e.sessionId } : {}) });
  }

  /** The person herself, an org admin of one of her organisations, or a platform admin. */
  private async mayCancel(actor: AuthUser, enrolment: Enrolment): Promise<boolean> {
    if (enrolment.userId === actor.id || actor.isPlatformAdmin) return true;
    return (await this.enrolments.sharedOrganisationAsAdmin(actor.id, enrolment.userId)) !== null;
  }
}
