import { expiryWindowAt, reminderWhen, reminderWindowAt, stillQuiet } from './message-windows.rules';

const now = new Date('2026-03-01T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3600 * 1000);
const days = (d: number) => hours(d * 24);

describe('reminder windows', () => {
  it('sends the 7-day reminder between seven days and one day ahead', () => {
    expect(reminderWindowAt(days(7), now)).toBe('7d');
    expect(reminderWindowAt(days(3), now)).toBe('7d');
    expect(reminderWindowAt(hours(24 + 1), now)).toBe('7d');
  });

  it('gives someone who enrols 20 hours ahead only the 1-day reminder', () => {
    expect(reminderWindowAt(hours(20), now)).toBe('1d');
    expect(reminderWindowAt(hours(24), now)).toBe('1d');
  });

  it('sends nothing more than seven days ahead or once the session has started', () => {
    expect(reminderWindowAt(hours(7 * 24 + 1), now)).toBeNull();
    expect(reminderWindowAt(now, now)).toBeNull();
    expect(reminderWindowAt(hours(-1), now)).toBeNull();
  });
});

describe('certificate expiry windows', () => {
  it('warns 60 days ahead, then 14 days ahead, never after expiry', () => {
    expect(expiryWindowAt(days(61), now)).toBeNull();
    expect(expiryWindowAt(days(60), now)).toBe('60d');
    expect(expiryWindowAt(days(15), now)).toBe('60d');
    expect(expiryWindowAt(days(14), now)).toBe('14d');
    expect(expiryWindowAt(days(1), now)).toBe('14d');
    expect(expiryWindowAt(days(-1), now)).toBeNull();
  });
});

describe('module nudges', () => {
  it('applies after 14 quiet days, not after progress', () => {
    expect(stillQuiet(days(-14), now)).toBe(true);
    expect(stillQuiet(days(-30), now)).toBe(true);
    expect(stillQuiet(hours(-14 * 24 + 1), now)).toBe(false);
    expect(stillQuiet(days(-1), now)).toBe(false);
  });
});

describe('a reminder tells the truth about when', () => {
  const zone = 'Europe/Amsterdam';
  it('says today and the time to someone who enrols an hour before (the 1d window is not "tomorrow")', () => {
    // 13:00 in Amsterdam (winter, UTC+1), the session at 14:00
    expect(reminderWhen(new Date('2026-03-03T13:00:00Z'), new Date('2026-03-03T12:00:00Z'), zone)).toEqual({ days: 0, today: true, tomorrow: false, time: '14:00' });
  });

  it('counts calendar days in the session zone, not 24-hour periods', () => {
    // 23:30 Amsterdam on the 2nd, session 09:00 on the 3rd: less than 24 h, and tomorrow
    expect(reminderWhen(new Date('2026-03-03T08:00:00Z'), new Date('2026-03-02T22:30:00Z'), zone)).toMatchObject({ days: 1, tomorrow: true, time: '09:00' });
    // 00:30 Amsterdam on the 3rd (still the 2nd in UTC), session at 09:00 the same day: today
    expect(reminderWhen(new Date('2026-03-03T08:00:00Z'), new Date('2026-03-02T23:30:00Z'), zone)).toMatchObject({ days: 0, today: true });
    // summer time, three days ahead
    expect(reminderWhen(new Date('2026-07-04T12:00:00Z'), new Date('2026-07-01T12:00:00Z'), zone)).toEqual({ days: 3, today: false, tomorrow: false, time: '14:00' });
  });
});
