import { mayPromoteAutomatically, seatsToFill } from './seat.rules';

describe('seat rules', () => {
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

});
