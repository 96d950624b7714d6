/**
 * The pure rules of seats and the waitlist; the SQL that applies them is in SeatLedgerRepository.
 * Who gets a seat on enrolment (free seat AND nobody waiting; closed at the start or after the
 * deadline) is decided inside the one seat statement (SeatLedgerRepository.takeSeat).
 */

export interface SeatCounts {
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
}

/** How many people from the front of the line fit in the free seats. */
export function seatsToFill(counts: SeatCounts): number {
  return Math.max(0, Math.min(counts.capacity - counts.confirmedCount, counts.waitlistCount));
}

/** Close to the start nobody is promoted automatically: the trainer decides, by hand. */
export function mayPromoteAutomatically(startsAt: Date, now: Date, cutoffHours: number): boolean {
  return startsAt.getTime() - now.getTime() > cutoffHours * 3_600_000;
}
