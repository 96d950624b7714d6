import { reminderWhen, reminderWindowAt } from '../message-windows.rules';
import type { MessageDefinition } from './message-definition';
import { confirmedSeat, loadSessionMail } from './session-message';

/**
 * Seven days and one day before a session (the sweep decides it: DUE_REMINDERS_SQL builds the same key).
 * The key names the start it reminds of, so a session moved to another date is reminded of again.
 */
export const sessionReminder = {
  kind: 'session-reminder',
  template: 'session-reminder',
  nudge: false,
  dailyLimited: true,
  key: ({ sessionId, window, startsAt }, userId) => `session-reminder:${window}:${sessionId}:${userId}:${startsAt}`,
  async draft(subject, recipient, tools, now) {
    const mail = await loadSessionMail(subject.sessionId, recipient, tools);
    if ('skip' in mail) return mail;
    if (Math.floor(new Date(mail.session.startsAt).getTime() / 1000) !== subject.startsAt) return { skip: 'the session moved: its own reminder follows' };
    const seat = await confirmedSeat(mail.session, recipient, tools);
    if ('skip' in seat) return seat;
    // A late job sends only the window that still applies (a 7d reminder that runs within a day is dropped).
    const window = reminderWindowAt(new Date(mail.session.startsAt), now);
    if (window !== subject.window) return { skip: `reminder window ${subject.window} no longer applies` };
    const when = reminderWhen(new Date(mail.session.startsAt), now, mail.session.timezone);
    return { data: { ...mail.data, cancelUrl: tools.links.cancelUrl(seat.id), ...when } };
  },
} satisfies MessageDefinition<'session-reminder'>;
