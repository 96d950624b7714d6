import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/** Someone was added to an organisation; one mail per organisation and person. */
export const memberInvited = {
  kind: 'member-invited',
  template: 'member-invited',
  nudge: false,
  dailyLimited: false,
  key: ({ organisationId }, userId) => `member-invited:${organisationId}:${userId}`,
  decide: async (e) => ({ userId: e.userId, subject: { organisationId: e.organisationId } }),
  async draft(subject, recipient, { context, links, baseUrl }) {
    const organisation = subject.organisationId ? await context.organisationName(subject.organisationId) : null;
    if (!organisation) return { skip: 'organisation no longer exists' };
    // A person without a password yet chooses one through the link; others just sign in.
    const link = (await context.hasPassword(recipient.id)) ? baseUrl : links.welcomeUrl(recipient.id);
    return { data: { organisation, link } };
  },
} satisfies EventMessageDefinition<'member-invited', DomainEvents['member.invited']>;
