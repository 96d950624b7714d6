import type { EnrolmentEvent } from '@schakel/jobs';
import { assertUnreachable } from '../assert-unreachable';
import type { EnrolmentContext, MessageContextRepository, Recipient } from '../message-context.repository';
import type { Draft, DraftTools, MessageSubjects, Skip } from './message-definition';
import { sessionView } from './session-view';

export type EnrolmentKind = 'enrolment-confirmed' | 'enrolment-waitlisted' | 'enrolment-promoted' | 'enrolment-cancelled';

/** What an enrolment mail needs to be true at send time, and what it carries. */
export interface EnrolmentRule {
  /** The statuses in which the mail still applies (the enrolment may have moved on since the event). */
  statuses: ReadonlyArray<EnrolmentContext['status']>;
  /** The one-click cancel link (only with a session). */
  cancelLink: boolean;
  /** The session's .ics: `request-when-confirmed` only once the learner holds a seat. */
  calendar: 'request' | 'cancel' | 'request-when-confirmed' | 'none';
}

/** The same for every enrolment kind (a Decision<K> of each). */
interface EnrolmentDecision {
  userId: string;
  subject: { enrolmentId: string };
}

/** The enrolment's own learner gets the mail (the event's enrolment is reloaded: it must still exist). */
export async function decideForEnrolment(e: EnrolmentEvent, context: MessageContextRepository): Promise<EnrolmentDecision | Skip> {
  const enrolment = await context.enrolment(e.enrolmentId);
  if (!enrolment) return { skip: 'enrolment not found' };
  return { userId: enrolment.userId, subject: { enrolmentId: enrolment.id } };
}

export async function draftEnrolmentMail(
  subject: MessageSubjects[EnrolmentKind],
  recipient: Recipient,
  { context, links }: DraftTools,
  rule: EnrolmentRule,
): Promise<Draft | Skip> {
  const enrolment = subject.enrolmentId ? await context.enrolment(subject.enrolmentId) : null;
  if (!enrolment) return { skip: 'enrolment no longer exists' };
  if (!rule.statuses.includes(enrolment.status)) return { skip: `enrolment is ${enrolment.status}` };
  const session = enrolment.sessionId ? await context.session(enrolment.sessionId) : null;
  const data: Record<string, unknown> = { course: enrolment.courseTitle, position: enrolment.waitlistPosition };
  if (!session) return { data };
  data.session = sessionView(session, recipient);
  if (rule.cancelLink) data.cancelUrl = links.cancelUrl(enrolment.id);
  const method = calendarMethod(rule.calendar, enrolment.status);
  return { data, calendar: method ? { method, session } : undefined };
}

function calendarMethod(rule: EnrolmentRule['calendar'], status: EnrolmentContext['status']): 'REQUEST' | 'CANCEL' | null {
  switch (rule) {
    case 'request':
      return 'REQUEST';
    case 'cancel':
      return 'CANCEL';
    case 'request-when-confirmed':
      return status === 'confirmed' ? 'REQUEST' : null;
    case 'none':
      return null;
    default:
      return assertUnreachable(rule);
  }
}
