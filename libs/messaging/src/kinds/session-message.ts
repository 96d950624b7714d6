import type { SessionLearnerEvent } from '@schakel/jobs';
import type { EnrolmentContext, MessageContextRepository, Recipient, SessionContext } from '../message-context.repository';
import type { DraftTools, MessageSubjects, Skip } from './message-definition';
import { sessionView } from './session-view';

/** The event names the learner; the session must still exist. */
export async function decideForSessionLearner(
  e: SessionLearnerEvent,
  context: MessageContextRepository,
): Promise<{ userId: string; subject: MessageSubjects['session-changed'] } | Skip> {
  const session = await context.session(e.sessionId);
  if (!session) return { skip: 'session not found' };
  return { userId: e.userId, subject: { sessionId: session.id, enrolmentId: e.enrolmentId, sequence: e.sequence } };
}

export interface SessionMail {
  session: SessionContext;
  data: { course: string; session: ReturnType<typeof sessionView> };
}

export async function loadSessionMail(sessionId: string | undefined, recipient: Recipient, { context }: DraftTools): Promise<SessionMail | Skip> {
  const session = sessionId ? await context.session(sessionId) : null;
  if (!session) return { skip: 'session no longer exists' };
  return { session, data: { course: session.title, session: sessionView(session, recipient) } };
}

/**
 * For mails to people who hold a seat in a scheduled session: their latest enrolment in it,
 * which must be confirmed (whoever cancelled or still waits in line gets nothing).
 */
export async function confirmedSeat(session: SessionContext, recipient: Recipient, { context }: DraftTools): Promise<EnrolmentContext | Skip> {
  if (session.status !== 'scheduled') return { skip: 'session is cancelled' };
  const enrolment = await context.enrolmentInSession(session.id, recipient.id);
  if (!enrolment || enrolment.status !== 'confirmed') return { skip: `learner is ${enrolment?.status ?? 'not enrolled'}` };
  return enrolment;
}
