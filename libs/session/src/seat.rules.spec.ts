import { decideSeat, enrolmentClosed, mayPromoteAutomatically, seatsToFill } from './seat.rules';

describe('seat rules', () => {
  it('confirms while seats are free and nobody waits', () => {
    expect(decideSeat({ capacity: 2, confirmedCount: 1, waitlistCount: 0 })).toBe('confirmed');
    expect(decideSeat({ capacity: 2, confirmedCount: 2, waitlistCount: 0 })).toBe('waitlisted');
  });

  it('does not let a newcomer pass people already waiting for a freed seat', () => {
    expect(decideSeat({ capacity: 2, confirmedCount: 1, waitlistCount: 3 })).toBe('waitlisted');
  });

  it('fills free seats from the line, never more than are waiting', () => {
    expect(seatsToFill({ capacity: 20, confirmedCount: 15, waitlistCount: 3 })).toBe(3);
    expect(seatsToFill({ capacity: 20, confirmedCount: 15, waitlistCount: 30 })).toBe(5);
    expect(seatsToFill({ capacity: 20, confirmedCount: 20, waitlistCount: 30 })).toBe(0);
  });

  it('stops automatic promotion within the cutoff', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(mayPromoteAutomatically(new Date('2026-03-02T12:00:01Z'), now, 24)).toBe(true);
    expect(mayPromoteAutomatically(new Date('2026-03-02T12:00:00Z'), now, 24)).toBe(false);
    expect(mayPromoteAutomatically(new Date('2026-03-01T13:00:00Z'), now, 0)).toBe(true);
  });

  it('closes enrolment at the start and after the deadline', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(enrolmentClosed({ startsAt: new Date('2026-03-01T12:00:00Z'), enrolmentDeadline: null }, now)).toBe('started');
    expect(enrolmentClosed({ startsAt: new Date('2026-03-05T12:00:00Z'), enrolmentDeadline: new Date('2026-03-01T11:59:59Z') }, now)).toBe('deadline-passed');
    expect(enrolmentClosed({ startsAt: new Date('2026-03-05T12:00:00Z'), enrolmentDeadline: new Date('2026-03-01T12:00:00Z') }, now)).toBeNull();
  });
});
