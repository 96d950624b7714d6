/** The pure rules of seats and the waitlist; the SQL that applies them is in WaitlistRepository. */

export interface SeatCounts {
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
}

export type SeatDecision = 'confirmed' | 'waitlisted';

/**
 * A newcomer gets a seat only when one is free AND nobody is waiting: a seat freed close to
 * the start (when no one is promoted automatically) belongs to the line, not to whoever
 * arrives next.
 */
export function decideSeat(counts: SeatCounts): SeatDecision {
  return counts.confirmedCount < counts.capacity && counts.waitlistCount === 0 ? 'confirmed' : 'waitlisted';
}

/** How many people from the front of the line fit in the free seats. */
export function seatsToFill(counts: SeatCounts): number {
  return Math.max(0, Math.min(counts.capacity - counts.confirmedCount, counts.waitlistCount));
}

/** Close to the start nobody is promoted automatically: the trainer decides, by hand. */
export function mayPromoteAutomatically(startsAt: Date, now: Date, cutoffHours: number): boolean {
  return startsAt.getTime() - now.getTime() > cutoffHours * 3_600_000;
}

export type EnrolmentClosedReason = 'started' | 'deadline-passed';

export function enrolmentClosed(session: { startsAt: Date; enrolmentDeadline: Date | null }, now: Date): EnrolmentClosedReason | null {
  if (session.startsAt.getTime() <= now.getTime()) return 'started';
  if (session.enrolmentDeadline && session.enrolmentDeadline.getTime() < now.getTime()) return 'deadline-passed';
  return null;
}
