import { stillQuiet } from '../message-windows.rules';
import type { MessageDefinition } from './message-definition';

/** An online or blended module without progress (the sweep decides it: DUE_NUDGES_SQL builds the same key). */
export const moduleNudge = {
  kind: 'module-nudge',
  template: 'module-nudge',
  nudge: true,
  dailyLimited: true,
  key: ({ enrolmentId, window }) => `module-nudge:${enrolmentId}:${window}`,
  async draft(subject, _recipient, { context, baseUrl }, now) {
    const enrolment = subject.enrolmentId ? await context.enrolment(subject.enrolmentId) : null;
    if (!enrolment || enrolment.status !== 'active') return { skip: 'module no longer in progress' };
    if (!stillQuiet(new Date(enrolment.lastActivityAt), now)) return { skip: 'learner made progress' };
    return { data: { course: enrolment.courseTitle, link: baseUrl } };
  },
} satisfies MessageDefinition<'module-nudge'>;
