import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface IcsMeeting {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  cancelled: boolean;
}

export interface IcsSession {
  title: string;
  timezone: string;
  location: string | null;
  onlineUrl: string | null;
  sequence: number;
  cancelled: boolean;
  url?: string;
  meetings: IcsMeeting[];
}

export interface IcsOptions {
  name: string;
  sessions: IcsSession[];
  /**
   * PUBLISH for a session's downloadable invite, REQUEST for an invitation mailed to one
   * attendee, CANCEL when the session is cancelled; none for a subscribed feed.
   */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Set for mailed invitations (METHOD:REQUEST/CANCEL need an organizer and attendee). */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  description?: string;
  /** DTSTAMP: when this calendar object was made. */
  stamp: Date;
}

export const ICS_UID_DOMAIN = 'schakel';

/** The UID of a meeting's event: stable for the meeting's whole life, so changes update it in place. */
export const meetingUid = (meetingId: string) => `${meetingId}@${ICS_UID_DOMAIN}`;

/**
 * The VTIMEZONE for an IANA zone, named as asked. The library stores link zones under
 * their target (Europe/Amsterdam is a link to Europe/Brussels since tzdata 2022), but
 * the TZID in DTSTART must match a VTIMEZONE in the file, so the block is renamed.
 */
export function vtimezone(tz: string): string | null {
  const found = tzlib_get_ical_block(tz) as string[] | string;
  const block = Array.isArray(found) ? found[0] : undefined;
  if (!block || !block.startsWith('BEGIN:VTIMEZONE')) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${tz}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tz}`);
}

/**
 * RFC 5545 text for sessions: one VEVENT per meeting, local times with TZID and a VTIMEZONE,
 * SEQUENCE = session sequence + meeting sequence (both only go up), and STATUS:CANCELLED
 * for cancelled meetings or sessions.
 */
export function buildIcs(options: IcsOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Schakel', product: 'Schakel', language: 'NL' } });
  if (options.method) calendar.method(ICalCalendarMethod[options.method]);
  // A nameless calendar zone: DTSTAMP stays in UTC, each event carries its own TZID.
  calendar.timezone({ name: '', generator: (tz: string) => vtimezone(tz) });
  for (const session of options.sessions) {
    const zone = vtimezone(session.timezone) ? session.timezone : 'UTC';
    const local = (d: Date) => DateTime.fromJSDate(d, { zone });
    for (const meeting of session.meetings) {
      const cancelled = session.cancelled || meeting.cancelled;
      calendar.createEvent({
        id: meetingUid(meeting.id),
        sequence: session.sequence + meeting.sequence,
        stamp: options.stamp,
        start: local(meeting.startsAt),
        end: local(meeting.endsAt),
        ...(zone === 'UTC' ? {} : { timezone: zone }),
        summary: session.title,
        location: session.location ?? session.onlineUrl ?? undefined,
        description: options.description ?? (session.onlineUrl ? `Online: ${session.onlineUrl}` : undefined),
        url: session.url,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        ...(options.organizer ? { organizer: options.organizer } : {}),
        ...(options.attendee ? { attendees: [{ ...options.attendee, rsvp: false }] } : {}),
      });
    }
  }
  return calendar.toString();
}
