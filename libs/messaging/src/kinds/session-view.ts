import { formatMeeting } from '@schakel/common';
import type { Recipient, SessionContext } from '../message-context.repository';

/** The `session` the templates show (partials _session-text / _session-html): its meetings in the reader's language. */
export function sessionView(session: SessionContext, recipient: Recipient) {
  const meetings = session.meetings.filter((m) => !m.cancelledAt);
  return {
    lines: (meetings.length > 0 ? meetings : session.meetings).map((m) =>
      formatMeeting(new Date(m.startsAt), new Date(m.endsAt), recipient.locale, session.timezone),
    ),
    place: session.location,
    onlineUrl: session.onlineUrl,
  };
}
