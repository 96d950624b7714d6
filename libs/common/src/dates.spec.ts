import { formatMeeting, localDateTimeToIso } from './dates';

describe('dates as people read and type them (Europe/Amsterdam)', () => {
  it('reads a typed date and time in Amsterdam time, winter and summer', () => {
    expect(localDateTimeToIso('2027-03-02', '10:00')).toBe('2027-03-02T10:00:00.000+01:00');
    expect(localDateTimeToIso('2027-06-02', '9:30')).toBe('2027-06-02T09:30:00.000+02:00');
  });

  it('refuses what is not a real date or time', () => {
    expect(localDateTimeToIso('2027-02-30', '10:00')).toBeNull();
    expect(localDateTimeToIso('2027-03-02', '25:00')).toBeNull();
    expect(localDateTimeToIso('02-03-2027', '10:00')).toBeNull();
    expect(localDateTimeToIso('', '')).toBeNull();
  });

  it('writes a meeting out in Dutch and in English', () => {
    const start = new Date('2027-03-02T09:00:00Z');
    const end = new Date('2027-03-02T11:30:00Z');
    expect(formatMeeting(start, end, 'nl')).toBe('dinsdag 2 maart 2027, 10:00–12:30');
    expect(formatMeeting(start, end, 'en')).toBe('Tuesday 2 March 2027, 10:00–12:30');
  });
});
