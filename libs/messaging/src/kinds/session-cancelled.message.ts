import type { SessionLearnerEvent } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';
import { decideForSessionLearner, loadSessionMail } from './session-message';

/** To everyone who held a seat or a place in line; removes the calendar entry. */
export const sessionCancelled = {
  kind: 'session-cancelled',
  template: 'session-cancelled',
  nudge: false,
  dailyLimited: false,
  key: ({ sessionId }, userId) => `session-cancelled:${sessionId}:${userId}`,
  decide: decideForSessionLearner,
  async draft(subject, recipient, tools) {
    const mail = await loadSessionMail(subject.sessionId, recipient, tools);
    if ('skip' in mail) return mail;
    if (mail.session.status !== 'cancelled') return { skip: 'session is not cancelled' };
    return { data: mail.data, calendar: { method: 'CANCEL', session: mail.session } };
  },
} satisfies EventMessageDefinition<'session-cancelled', SessionLearnerEvent>;
