import type { DomainEvents } from '@schakel/jobs';
import { invitationSubject } from './member-invited.message';
import type { EventMessageDefinition } from './message-definition';

/**
 * An organisation added the address of an existing account: its owner is asked to accept
 * (the membership grants nothing until she does). One mail per organisation and person, and
 * one more per resend by an org admin.
 */
export const membershipRequested = {
  kind: 'membership-requested',
  template: 'membership-requested',
  nudge: false,
  dailyLimited: false,
  key: ({ organisationId, resend }, userId) => `membership-requested:${organisationId}:${userId}${resend ? `:resend:${resend}` : ''}`,
  decide: async (e) => ({ userId: e.userId, subject: invitationSubject(e) }),
  async draft(subject, recipient, { context, links }) {
    const organisation = await context.organisationName(subject.organisationId);
    if (!organisation) return { skip: 'organisation no longer exists' };
    if (!(await context.membershipPending(subject.organisationId, recipient.id))) return { skip: 'membership no longer pending' };
    return { data: { organisation, link: links.membershipUrl(subject.organisationId, recipient.id) } };
  },
} satisfies EventMessageDefinition<'membership-requested', DomainEvents['membership.requested']>;
