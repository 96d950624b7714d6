import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { SeatLedger, SessionRepository } from '@schakel/session';
import { EnrolmentError } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import type { Enrolment } from '../entities/enrolment.entity';

/**
 * POST /api/enrolments/:id/cancel (and the cancel link in mails), for online and session
 * enrolments. A seat or place in line goes back through the seat ledger in the same
 * transaction, which also hands a freed seat to the first in line.
 */
@Injectable()
export class CancellationService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly enrolments: EnrolmentRepository,
    private readonly sessions: SessionRepository,
    private readonly seats: SeatLedger,
    private readonly access: AccessService,
  ) {}

  async cancel(actor: AuthUser, enrolmentId: string): Promise<Enrolment> {
    const found = await this.enrolments.findById(enrolmentId);
    if (!found || !(await this.mayCancel(actor, found))) throw EnrolmentError.enrolmentNotFound();
    return this.work.run(async (tx) => {
      // Lock order everywhere: the session row first, then the enrolment row.
      const session = found.sessionId ? await this.sessions.lockForUpdate(tx.manager, found.sessionId) : null;
      const enrolment = await this.enrolments.lockEnrolment(tx.manager, enrolmentId);
      if (!enrolment) throw EnrolmentError.enrolmentNotFound();
      if (enrolment.status === 'cancelled') return enrolment;
      if (enrolment.status === 'completed') throw EnrolmentError.notCancellable(enrolment.status);
      const cancelled = await this.enrolments.markCancelled(tx.manager, enrolment.id);
      if (enrolment.licenceId) await this.seats.giveBackLicenceSeat(tx, enrolment.id);
      if (session && (enrolment.status === 'confirmed' || enrolment.status === 'waitlisted')) {
        await this.seats.release(tx, session, enrolment.status);
      }
      await tx.publish('enrolment.cancelled', {
        userId: cancelled.userId,
        enrolmentId: cancelled.id,
        ...(cancelled.sessionId ? { sessionId: cancelled.sessionId } : {}),
      });
      return cancelled;
    });
  }

  /** The person herself, an org admin of the organisation that owns the enrolment, or a platform admin. */
  private async mayCancel(actor: AuthUser, enrolment: Enrolment): Promise<boolean> {
    return this.access.mayActOnRecord(actor, { personId: enrolment.userId, organisationId: enrolment.organisationId });
  }
}
