import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/** The delivery's subject of an invitation event: the organisation, and the resend's number when it is one. */
export const invitationSubject = (e: DomainEvents['member.invited']) => ({ organisationId: e.organisationId, ...(e.resend ? { resend: e.resend } : {}) });

/**
 * Someone was added to an organisation; one mail per organisation and person, and one more per
 * resend by an org admin (the resend's number is in the key).
 */
export const memberInvited = {
  kind: 'member-invited',
  template: 'member-invited',
  nudge: false,
  dailyLimited: false,
  key: ({ organisationId, resend }, userId) => `member-invited:${organisationId}:${userId}${resend ? `:resend:${resend}` : ''}`,
  decide: async (e) => ({ userId: e.userId, subject: invitationSubject(e) }),
  async draft(subject, recipient, { context, links, baseUrl }) {
    const organisation = subject.organisationId ? await context.organisationName(subject.organisationId) : null;
    if (!organisation) return { skip: 'organisation no longer exists' };
    const hasPassword = await context.hasPassword(recipient.id);
    // A resend is for an open invitation: once she has chosen a password there is nothing to send again.
    if (subject.resend && hasPassword) return { skip: 'invitation answered' };
    // A person without a password yet chooses one through the link; others just sign in.
    const link = hasPassword ? baseUrl : links.welcomeUrl(recipient.id);
    return { data: { organisation, link } };
  },
} satisfies EventMessageDefinition<'member-invited', DomainEvents['member.invited']>;
