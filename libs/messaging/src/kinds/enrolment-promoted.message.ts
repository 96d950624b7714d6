import type { EnrolmentEvent } from '@schakel/jobs';
import { decideForEnrolment, draftEnrolmentMail } from './enrolment-message';
import type { EventMessageDefinition } from './message-definition';

/** From the waiting list to a seat: now the session goes into the calendar. */
export const enrolmentPromoted = {
  kind: 'enrolment-promoted',
  template: 'enrolment-promoted',
  nudge: false,
  dailyLimited: false,
  key: ({ enrolmentId }) => `enrolment-promoted:${enrolmentId}`,
  decide: decideForEnrolment,
  draft: (subject, recipient, tools) => draftEnrolmentMail(subject, recipient, tools, { statuses: ['confirmed'], cancelLink: true, calendar: 'request' }),
} satisfies EventMessageDefinition<'enrolment-promoted', EnrolmentEvent>;
