import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/**
 * The reset link someone asked for. Each request is its own mail; the link names the
 * account's token version at send time, so a reset (or a later one) makes it stale.
 */
export const passwordReset = {
  kind: 'password-reset',
  template: 'password-reset',
  nudge: false,
  dailyLimited: false,
  key: ({ requestId }) => `password-reset:${requestId}`,
  decide: async (e) => ({ userId: e.userId, subject: { requestId: e.requestId } }),
  async draft(_subject, recipient, { context, links }) {
    const tokenVersion = await context.tokenVersion(recipient.id);
    if (tokenVersion === null) return { skip: 'account no longer exists' };
    return { data: { link: links.resetUrl(recipient.id, tokenVersion) } };
  },
} satisfies EventMessageDefinition<'password-reset', DomainEvents['password.reset-requested']>;
