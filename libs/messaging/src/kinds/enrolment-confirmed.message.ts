import type { EnrolmentEvent } from '@schakel/jobs';
import { decideForEnrolment, draftEnrolmentMail } from './enrolment-message';
import type { EventMessageDefinition } from './message-definition';

/** A seat (live) or a started module (online): `active` is an online enrolment. */
export const enrolmentConfirmed = {
  kind: 'enrolment-confirmed',
  template: 'enrolment-confirmed',
  nudge: false,
  dailyLimited: false,
  key: ({ enrolmentId }) => `enrolment-confirmed:${enrolmentId}`,
  decide: decideForEnrolment,
  draft: (subject, recipient, tools) =>
    draftEnrolmentMail(subject, recipient, tools, { statuses: ['confirmed', 'active'], cancelLink: true, calendar: 'request-when-confirmed' }),
} satisfies EventMessageDefinition<'enrolment-confirmed', EnrolmentEvent>;
