import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/**
 * An organisation added the address of an existing account: its owner is asked to accept
 * (the membership grants nothing until she does). One mail per organisation and person.
 */
export const membershipRequested = {
  kind: 'membership-requested',
  template: 'membership-requested',
  nudge: false,
  dailyLimited: false,
  key: ({ organisationId }, userId) => `membership-requested:${organisationId}:${userId}`,
  decide: async (e) => ({ userId: e.userId, subject: { organisationId: e.organisationId } }),
  async draft(subject, recipient, { context, links }) {
    const organisation = await context.organisationName(subject.organisationId);
    if (!organisation) return { skip: 'organisation no longer exists' };
    if (!(await context.membershipPending(subject.organisationId, recipient.id))) return { skip: 'membership no longer pending' };
    return { data: { organisation, link: links.membershipUrl(subject.organisationId, recipient.id) } };
  },
} satisfies EventMessageDefinition<'membership-requested', DomainEvents['membership.requested']>;
