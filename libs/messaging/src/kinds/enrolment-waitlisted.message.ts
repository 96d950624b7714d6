import type { EnrolmentEvent } from '@schakel/jobs';
import { decideForEnrolment, draftEnrolmentMail } from './enrolment-message';
import type { EventMessageDefinition } from './message-definition';

/** A place in line, with its position; no calendar entry until a seat comes free. */
export const enrolmentWaitlisted = {
  kind: 'enrolment-waitlisted',
  template: 'enrolment-waitlisted',
  nudge: false,
  dailyLimited: false,
  key: ({ enrolmentId }) => `enrolment-waitlisted:${enrolmentId}`,
  decide: decideForEnrolment,
  draft: (subject, recipient, tools) => draftEnrolmentMail(subject, recipient, tools, { statuses: ['waitlisted'], cancelLink: true, calendar: 'none' }),
} satisfies EventMessageDefinition<'enrolment-waitlisted', EnrolmentEvent>;
