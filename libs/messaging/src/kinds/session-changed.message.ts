import type { SessionLearnerEvent } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';
import { confirmedSeat, decideForSessionLearner, loadSessionMail } from './session-message';

/** Times or place changed: one mail per change (the session's SEQUENCE), with the updated calendar entry. */
export const sessionChanged = {
  kind: 'session-changed',
  template: 'session-changed',
  nudge: false,
  dailyLimited: false,
  key: ({ sessionId, sequence }, userId) => `session-changed:${sessionId}:${sequence}:${userId}`,
  decide: decideForSessionLearner,
  async draft(subject, recipient, tools) {
    const mail = await loadSessionMail(subject.sessionId, recipient, tools);
    if ('skip' in mail) return mail;
    const seat = await confirmedSeat(mail.session, recipient, tools);
    if ('skip' in seat) return seat;
    return { data: { ...mail.data, cancelUrl: tools.links.cancelUrl(seat.id) }, calendar: { method: 'REQUEST', session: mail.session } };
  },
} satisfies EventMessageDefinition<'session-changed', SessionLearnerEvent>;
