import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRepository } from '@schakel/jobs';
import { seatsToFill } from './seat.rules';
import { SeatHolder, WaitlistRepository } from './waitlist.repository';

/** Seat changes that people must hear about: the SQL plus the outbox rows, in the caller's transaction. */
@Injectable()
export class SeatLedger {
  constructor(
    private readonly waitlist: WaitlistRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Gives every free seat to the front of the line (FIFO). The caller holds the session lock. */
  async fillFreeSeats(manager: EntityManager, sessionId: string): Promise<SeatHolder[]> {
    const [counts] = (await manager.query(
      `SELECT capacity, confirmed_count AS "confirmedCount", waitlist_count AS "waitlistCount" FROM sessions WHERE id = $1`,
      [sessionId],
    )) as Array<{ capacity: number; confirmedCount: number; waitlistCount: number }>;
    const promoted = await this.waitlist.promoteFromWaitlist(manager, sessionId, seatsToFill(counts));
    for (const p of promoted) {
      await this.outbox.add(manager, 'notification.send', { kind: 'enrolment.promoted', userId: p.userId, enrolmentId: p.id, sessionId });
    }
    return promoted;
  }
}
