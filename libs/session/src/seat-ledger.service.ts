import { Injectable } from '@nestjs/common';
import type { Transaction } from '@schakel/jobs';
import { seatsToFill } from './seat.rules';
import { SeatHolder, WaitlistRepository } from './waitlist.repository';

/** Seat changes that people must hear about: the SQL plus the outbox rows, in the caller's transaction. */
@Injectable()
export class SeatLedger {
  constructor(private readonly waitlist: WaitlistRepository) {}

  /** Gives every free seat to the front of the line (FIFO). The caller holds the session lock. */
  async fillFreeSeats(tx: Transaction, sessionId: string): Promise<SeatHolder[]> {
    const [counts] = (await tx.manager.query(
      `SELECT capacity, confirmed_count AS "confirmedCount", waitlist_count AS "waitlistCount" FROM sessions WHERE id = $1`,
      [sessionId],
    )) as Array<{ capacity: number; confirmedCount: number; waitlistCount: number }>;
    const promoted = await this.waitlist.promoteFromWaitlist(tx.manager, sessionId, seatsToFill(counts));
    for (const p of promoted) {
      await tx.publish('enrolment.promoted', { userId: p.userId, enrolmentId: p.id, sessionId });
    }
    return promoted;
  }
}
