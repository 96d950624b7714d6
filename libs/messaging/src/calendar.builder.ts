import { buildIcs } from '@schakel/session';

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
  /** The session's SEQUENCE; each meeting adds its own, as in the session's .ics and feed. */
  sequence: number;
  cancelled: boolean;
  meetings: CalendarMeeting[];
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * The .ics attached to a mail: the same events (UIDs, SEQUENCE, VTIMEZONE) as the
 * session's calendar.ics and the personal feed, so each client updates one entry.
 */
export function buildSessionCalendar(invite: CalendarInvite): string {
  return buildIcs({
    name: invite.title,
    method: invite.method,
    stamp: new Date(),
    organizer: invite.organizer,
    attendee: invite.attendee,
    description: invite.description,
    sessions: [
      {
        title: invite.title,
        timezone: invite.timezone,
        location: invite.location,
        onlineUrl: invite.onlineUrl,
        sequence: invite.sequence,
        cancelled: invite.cancelled || invite.method === 'CANCEL',
        url: invite.onlineUrl ?? undefined,
        meetings: invite.meetings,
      },
    ],
  });
}
