import ICAL from 'ical.js';
import { buildIcs, IcsSession, meetingUid } from './ics.builder';

/** Parses ICS as a calendar client would: VTIMEZONEs registered, events read back as UTC instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: v.getFirstProperty('dtstart')?.getParameter('tzid'),
      status: v.getFirstPropertyValue('status'),
    };
  });
  return { calendar, events };
}

const session = (overrides: Partial<IcsSession> = {}): IcsSession => ({
  title: 'Zie mij',
  timezone: 'Europe/Amsterdam',
  location: 'Buurthuis De Schakel, Utrecht',
  onlineUrl: null,
  sequence: 0,
  cancelled: false,
  meetings: [
    // last Sunday of March 2026: clocks go forward at 02:00 local (01:00 UTC)
    { id: '11111111-1111-4111-8111-111111111111', startsAt: new Date('2026-03-29T08:00:00Z'), endsAt: new Date('2026-03-29T10:00:00Z'), sequence: 0, cancelled: false },
    // last Sunday of October 2026: clocks go back at 03:00 local (01:00 UTC)
    { id: '22222222-2222-4222-8222-222222222222', startsAt: new Date('2026-10-25T09:00:00Z'), endsAt: new Date('2026-10-25T11:00:00Z'), sequence: 0, cancelled: false },
  ],
  ...overrides,
});

describe('ICS building', () => {
  const stamp = new Date('2026-01-10T12:00:00Z');

  it('writes local times with TZID and a matching VTIMEZONE, which read back to the right UTC instants across DST', () => {
    const text = buildIcs({ name: 'Zie mij', sessions: [session()], method: 'PUBLISH', stamp });
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam');
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260329T100000'); // CEST, +02:00
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261025T100000'); // CET, +01:00
    expect(text).toContain('DTSTAMP:20260110T120000Z');
    const { events } = parse(text);
    expect(events).toEqual([
      { uid: meetingUid('11111111-1111-4111-8111-111111111111'), sequence: 0, start: '2026-03-29T08:00:00.000Z', end: '2026-03-29T10:00:00.000Z', tzid: 'Europe/Amsterdam', status: 'CONFIRMED' },
      { uid: meetingUid('22222222-2222-4222-8222-222222222222'), sequence: 0, start: '2026-10-25T09:00:00.000Z', end: '2026-10-25T11:00:00.000Z', tzid: 'Europe/Amsterdam', status: 'CONFIRMED' },
    ]);
  });

  it('gets the hours right just before and after each switch', () => {
    const meetings = [
      { id: 'a', startsAt: new Date('2026-03-29T00:30:00Z'), endsAt: new Date('2026-03-29T01:30:00Z'), sequence: 0, cancelled: false },
      { id: 'b', startsAt: new Date('2026-10-25T00:30:00Z'), endsAt: new Date('2026-10-25T01:30:00Z'), sequence: 0, cancelled: false },
    ];
    const text = buildIcs({ name: 'x', sessions: [session({ meetings })], stamp });
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260329T013000'); // 01:30 CET
    expect(text).toContain('DTEND;TZID=Europe/Amsterdam:20260329T033000'); // 03:30 CEST
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261025T023000'); // 02:30 CEST (first pass)
    expect(text).toContain('DTEND;TZID=Europe/Amsterdam:20261025T023000'); // 02:30 CET (second pass)
    expect(text).not.toContain('METHOD:');
  });

  it('keeps the UID and raises SEQUENCE on change; marks cancellations', () => {
    const changed = session({ sequence: 2 });
    changed.meetings[1] = { ...changed.meetings[1], sequence: 1, cancelled: true };
    const { events } = parse(buildIcs({ name: 'x', sessions: [changed], method: 'PUBLISH', stamp }));
    expect(events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [meetingUid('11111111-1111-4111-8111-111111111111'), 2, 'CONFIRMED'],
      [meetingUid('22222222-2222-4222-8222-222222222222'), 3, 'CANCELLED'],
    ]);
    const cancelled = buildIcs({ name: 'x', sessions: [session({ cancelled: true, sequence: 1 })], method: 'CANCEL', stamp });
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(parse(cancelled).events.every((e) => e.status === 'CANCELLED' && e.sequence === 1)).toBe(true);
  });
});
