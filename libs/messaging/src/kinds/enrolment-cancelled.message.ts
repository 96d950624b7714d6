import type { EnrolmentEvent } from '@schakel/jobs';
import { decideForEnrolment, draftEnrolmentMail } from './enrolment-message';
import type { EventMessageDefinition } from './message-definition';

/** The learner's place is gone: the calendar entry is removed, and there is nothing left to cancel. */
export const enrolmentCancelled = {
  kind: 'enrolment-cancelled',
  template: 'enrolment-cancelled',
  nudge: false,
  dailyLimited: false,
  key: ({ enrolmentId }) => `enrolment-cancelled:${enrolmentId}`,
  decide: decideForEnrolment,
  draft: (subject, recipient, tools) => draftEnrolmentMail(subject, recipient, tools, { statuses: ['cancelled'], cancelLink: false, calendar: 'cancel' }),
} satisfies EventMessageDefinition<'enrolment-cancelled', EnrolmentEvent>;
