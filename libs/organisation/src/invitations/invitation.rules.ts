import type { InvitationState } from './invitation.repository';

/** An invitation is sent again at most once per this many minutes (counted from the last mail). */
export const RESEND_INTERVAL_MINUTES = 10;

/** Which mail the invitation was, or null when it has been answered (nothing to send again). */
export function invitationMail(state: InvitationState): 'membership.requested' | 'member.invited' | null {
  // An existing account was asked to consent; a new person was asked to choose a password.
  if (state.status === 'pending') return 'membership.requested';
  if (!state.hasPassword) return 'member.invited';
  return null;
}

/** Minutes to wait before the next resend (0: it may go now); the last mail is the last resend, else the first invitation. */
export function minutesUntilResend(lastMailAt: Date, now: Date): number {
  const left = lastMailAt.getTime() + RESEND_INTERVAL_MINUTES * 60_000 - now.getTime();
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}
