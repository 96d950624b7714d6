import ICAL from 'ical.js';
import { buildSessionCalendar, type CalendarInvite } from './calendar.builder';

const invite = (method: 'REQUEST' | 'CANCEL'): CalendarInvite => ({
  method,
  title: 'Het eerste gesprek',
  location: 'Stadhuis, zaal 2',
  onlineUrl: null,
  timezone: 'Europe/Amsterdam',
  sequence: 1,
  cancelled: false,
  meetings: [
    { id: '0b6f1c52-9f6e-4a55-8a7b-3a0e2d0c1a01', startsAt: new Date('2026-03-03T09:00:00Z'), endsAt: new Date('2026-03-03T15:00:00Z'), sequence: 2, cancelled: false },
    // after the switch to summer time: 10:00 local is 08:00Z
    { id: '0b6f1c52-9f6e-4a55-8a7b-3a0e2d0c1a02', startsAt: new Date('2026-04-07T08:00:00Z'), endsAt: new Date('2026-04-07T12:00:00Z'), sequence: 0, cancelled: false },
  ],
  organizer: { name: 'Schakel', email: 'no-reply@schakel.local' },
  attendee: { name: 'Anna', email: 'anna@example.nl' },
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

describe('session calendar (.ics)', () => {
  afterEach(() => ICAL.TimezoneService.reset());

  it('has one event per meeting at the right instants, in Amsterdam local time with its VTIMEZONE', () => {
    const text = buildSessionCalendar(invite('REQUEST'));
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260303T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260407T100000');
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Amsterdam');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-03-03T09:00:00.000Z', '2026-04-07T08:00:00.000Z']);
    expect(events.map((e) => e.endDate.toJSDate().toISOString())).toEqual(['2026-03-03T15:00:00.000Z', '2026-04-07T12:00:00.000Z']);
    expect(events[0].uid).toBe('0b6f1c52-9f6e-4a55-8a7b-3a0e2d0c1a01@schakel');
    expect(events[0].sequence).toBe(3); // the session's 1 plus the meeting's 2, as in the feed
    expect(events[0].attendees.length).toBe(1);
    expect(events[0].location).toBe('Stadhuis, zaal 2');
  });

  it('cancels every event with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const calendar = parse(buildSessionCalendar(invite('CANCEL')));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    for (const event of calendar.getAllSubcomponents('vevent')) expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
