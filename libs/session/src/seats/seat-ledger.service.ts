import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@schakel/config';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import type { Session } from '../entities/session.entity';
import { LicenceSeatRepository, type OnlineSeatClaim, type OnlineSeatOutcome, type OnlineSeatsClaim, type OnlineSeatsOutcome } from './licence-seat.repository';
import { SeatClaim, SeatHolder, SeatLedgerRepository, SeatOutcome } from './seat-ledger.repository';
import { SeatMoveRepository, type SeatMove, type SeatMoveOutcome } from './seat-move.repository';
import { mayPromoteAutomatically, seatsToFill } from './seat.rules';

/** Days after a session's end before a confirmed enrolment that did not complete counts as a no-show. */
export const NO_SHOW_GRACE_DAYS = 7;

export type WaitlistConfirmation = 'confirmed' | 'session-cancelled' | 'full';

/**
 * The one place where seats of a session are handed out and given back: the SQL of
 * SeatLedgerRepository plus the events people must hear about. Callers (enrolment today,
 * seat licences later) hold the session row's lock for every method but `takeSeat`.
 */
@Injectable()
export class SeatLedger {
  constructor(
    private readonly config: AppConfig,
    private readonly work: UnitOfWork,
    private readonly ledger: SeatLedgerRepository,
    private readonly licences: LicenceSeatRepository,
    private readonly moves: SeatMoveRepository,
  ) {}

  /** An online enrolment on a licence seat: one statement, which also writes its `enrolment.started` (no mail). */
  async takeOnlineSeat(claim: OnlineSeatClaim): Promise<OnlineSeatOutcome> {
    const result = await this.licences.takeOnlineSeat(claim);
    if (result.outcome === 'enrolled') this.work.eventsCommitted();
    return result;
  }

  /** Seats of one licence for many learners in the caller's transaction (an import batch); see LicenceSeatRepository.takeOnlineSeats. */
  takeOnlineSeats(tx: Transaction, claim: OnlineSeatsClaim): Promise<Map<string, OnlineSeatsOutcome>> {
    return this.licences.takeOnlineSeats(tx.manager, claim);
  }

  /** `licenceToUse` inside a batch's transaction, skipping the licences the batch has tried. */
  nextLicenceToUse(tx: Transaction, organisationId: string, courseId: string, tried: readonly string[]): Promise<string | null> {
    return this.licences.licenceToUse(organisationId, courseId, tx.manager, tried);
  }

  /** The licence an org admin's enrolment uses when she names none (null: the organisation has none for the course). */
  licenceToUse(organisationId: string, courseId: string): Promise<string | null> {
    return this.licences.licenceToUse(organisationId, courseId);
  }

  /** A cancelled enrolment's licence seat comes back unless the learner made progress with it. */
  giveBackLicenceSeat(tx: Transaction, enrolmentId: string): Promise<boolean> {
    return this.licences.giveBack(tx.manager, enrolmentId);
  }

  /**
   * A seat, or the end of the line, in one statement that also writes the outbox row; the
   * relay is nudged once it has committed. A second open enrolment of the person in the
   * course throws the unique violation of uq_enrolments_open_per_course to the caller.
   */
  /** The worker's sweep: enrolments of ended sessions stop being open (not-admitted, no-show). */
  settleEnded(): Promise<{ notAdmitted: number; noShow: number }> {
    return this.ledger.settleEnded(NO_SHOW_GRACE_DAYS);
  }

  async takeSeat(claim: SeatClaim): Promise<SeatOutcome> {
    const result = await this.ledger.takeSeat(claim);
    if (result.outcome === 'enrolled') this.work.eventsCommitted();
    return result;
  }

  /**
   * The online part of a blended course moves into one of its sessions: the same enrolment
   * (its progress and licence seat stay) gets a seat or a place in line, in one statement
   * that also writes the outbox row, as `takeSeat` does for a new enrolment.
   */
  async moveIntoSession(move: SeatMove): Promise<SeatMoveOutcome> {
    const result = await this.moves.moveIntoSession(move);
    if (result.outcome === 'moved') this.work.eventsCommitted();
    return result;
  }

  /**
   * An enrolment gave up its seat or its place in line (the caller marked it cancelled).
   * A freed seat goes to the first in line in the same transaction, unless the session
   * starts within the promotion cutoff: then the trainer confirms somebody by hand.
   */
  async release(tx: Transaction, session: Pick<Session, 'id' | 'startsAt'>, was: 'confirmed' | 'waitlisted'): Promise<void> {
    await this.ledger.release(tx.manager, session.id, was);
    if (was === 'confirmed' && mayPromoteAutomatically(session.startsAt, new Date(), this.config.promotionCutoffHours)) {
      await this.fillFreeSeats(tx, session.id);
    }
  }

  /** Gives every free seat to the front of the line (FIFO). */
  async fillFreeSeats(tx: Transaction, sessionId: string): Promise<SeatHolder[]> {
    const counts = await this.ledger.counts(tx.manager, sessionId);
    const promoted = await this.ledger.promoteFromWaitlist(tx.manager, sessionId, seatsToFill(counts));
    for (const p of promoted) {
      await tx.publish('enrolment.promoted', { userId: p.userId, enrolmentId: p.id, sessionId });
    }
    return promoted;
  }

  /** A trainer's pick from the line (the caller checked the enrolment is waitlisted in this session). */
  async confirmFromWaitlist(tx: Transaction, session: Session, holder: SeatHolder): Promise<WaitlistConfirmation> {
    if (session.status === 'cancelled') return 'session-cancelled';
    if (session.confirmedCount >= session.capacity) return 'full';
    await this.ledger.confirmWaitlisted(tx.manager, session.id, holder.id);
    await tx.publish('enrolment.promoted', { userId: holder.userId, enrolmentId: holder.id, sessionId: session.id });
    return 'confirmed';
  }

  /** The session is cancelled: every seat and place in line goes, and each person hears it. */
  async cancelAll(tx: Transaction, session: Pick<Session, 'id' | 'sequence'>): Promise<void> {
    for (const e of await this.ledger.cancelOpenEnrolments(tx.manager, session.id)) {
      await tx.publish('session.cancelled', { userId: e.userId, enrolmentId: e.id, sessionId: session.id, sequence: session.sequence });
    }
  }

  /** The people holding a seat, in the order they got it. */
  holders(manager: EntityManager, sessionId: string): Promise<SeatHolder[]> {
    return this.ledger.confirmedEnrolments(manager, sessionId);
  }
}
