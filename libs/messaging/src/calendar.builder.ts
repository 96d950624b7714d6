import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface CalendarMeeting {
  /** The meeting's id: the stable UID, so a later message updates the same calendar entry. */
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  cancelled: boolean;
}

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  title: string;
  description?: string;
  location: string | null;
  onlineUrl: string | null;
  timezone: string;
  meetings: CalendarMeeting[];
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * tzdata made Europe/Amsterdam a link to Europe/Brussels, and the library answers with the
 * target's name; the block must carry the TZID the events use or clients read floating times.
 */
function vtimezone(tz: string): string {
  const block = tzlib_get_ical_block(tz);
  const text = Array.isArray(block) ? block[0] : String(block);
  return text.replace(/^TZID:.*$/m, `TZID:${tz}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tz}`);
}

/**
 * A calendar for one recipient: every meeting of a session as its own event (UID =
 * meeting id), in the session's time zone with its VTIMEZONE. METHOD:REQUEST adds or
 * updates; METHOD:CANCEL (or a cancelled meeting) removes.
 */
export function buildSessionCalendar(invite: CalendarInvite): string {
  const calendar = ical({
    prodId: { company: 'Schakel', product: 'schakel', language: 'NL' },
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: invite.timezone, generator: vtimezone },
  });
  const stamp = DateTime.utc();
  for (const meeting of invite.meetings) {
    const cancelled = invite.method === 'CANCEL' || meeting.cancelled;
    calendar.createEvent({
      id: `${meeting.id}@schakel`,
      sequence: meeting.sequence,
      stamp,
      start: DateTime.fromJSDate(meeting.startsAt).setZone(invite.timezone),
      end: DateTime.fromJSDate(meeting.endsAt).setZone(invite.timezone),
      timezone: invite.timezone,
      summary: invite.title,
      description: invite.description,
      location: invite.location ?? invite.onlineUrl ?? undefined,
      url: invite.onlineUrl ?? undefined,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: invite.organizer,
      attendees: [{ name: invite.attendee.name, email: invite.attendee.email, rsvp: false }],
    });
  }
  // With a calendar time zone the library writes DTSTAMP as local time; RFC 5545 wants UTC.
  return calendar.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp.toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
}
