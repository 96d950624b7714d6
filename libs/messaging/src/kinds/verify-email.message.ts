import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/** A new registration's link to prove the address; skipped once it is proven. */
export const verifyEmail = {
  kind: 'verify-email',
  template: 'verify-email',
  nudge: false,
  dailyLimited: false,
  key: ({ requestId }) => `verify-email:${requestId}`,
  decide: async (e) => ({ userId: e.userId, subject: { requestId: e.requestId } }),
  async draft(_subject, recipient, { context, links }) {
    if (await context.emailVerified(recipient.id)) return { skip: 'address already proven' };
    return { data: { link: links.verifyEmailUrl(recipient.id, recipient.email) } };
  },
} satisfies EventMessageDefinition<'verify-email', DomainEvents['email.verification-requested']>;
