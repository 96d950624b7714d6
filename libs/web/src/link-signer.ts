import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';

export type LinkPurpose = 'unsubscribe' | 'cancel' | 'welcome' | 'membership' | 'reset' | 'verify-email';

const DAY = 86_400;

/**
 * How long a mailed link works, per purpose: long enough for the mail to be read, short
 * enough that an old mailbox (or a forwarded mail) is not a key for ever. A reset link is
 * also single-use: it names the account's token version, which the reset raises.
 */
export const LINK_LIFETIME_SECONDS: Record<LinkPurpose, number> = {
  unsubscribe: 180 * DAY,
  cancel: 365 * DAY, // sessions can be booked far ahead; later mails carry fresh links
  welcome: 30 * DAY,
  membership: 30 * DAY,
  'verify-email': 7 * DAY,
  reset: 60 * 60,
};

/**
 * Links in e-mails that act without a login carry `<id>.<expiry>.<HMAC-SHA256(purpose:id:expiry)>`
 * (expiry in seconds since the epoch, base 36), keyed with the JWT secret: only Schakel can
 * make one, one purpose's token is worthless for another, and none works after its expiry.
 */
@Injectable()
export class LinkSigner {
  constructor(private readonly config: AppConfig) {}

  sign(purpose: LinkPurpose, id: string, now: Date = new Date()): string {
    const expiry = (Math.floor(now.getTime() / 1000) + LINK_LIFETIME_SECONDS[purpose]).toString(36);
    return `${id}.${expiry}.${this.mac(purpose, id, expiry)}`;
  }

  /** The id the token was made for, or null when it is not one of ours or has expired. */
  verify(purpose: LinkPurpose, token: string | undefined, now: Date = new Date()): string | null {
    if (!token) return null;
    const macAt = token.lastIndexOf('.');
    const expiryAt = macAt > 0 ? token.lastIndexOf('.', macAt - 1) : -1;
    if (expiryAt <= 0) return null;
    const id = token.slice(0, expiryAt);
    const expiry = token.slice(expiryAt + 1, macAt);
    const given = Buffer.from(token.slice(macAt + 1));
    const expected = Buffer.from(this.mac(purpose, id, expiry));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return parseInt(expiry, 36) * 1000 > now.getTime() ? id : null;
  }

  unsubscribeUrl(userId: string): string {
    return `${this.config.publicBaseUrl}/api/unsubscribe?token=${this.sign('unsubscribe', userId)}`;
  }

  /** The cancel link of enrolment mails (CancelLinkController). */
  cancelUrl(enrolmentId: string): string {
    return `${this.config.publicBaseUrl}/cancel-enrolment?token=${this.sign('cancel', enrolmentId)}`;
  }

  /** The invitation's link: an invited member chooses a password there (WelcomeController). */
  welcomeUrl(userId: string): string {
    return `${this.config.publicBaseUrl}/welcome?token=${this.sign('welcome', userId)}`;
  }

  /** The link in a membership request: its owner accepts or declines there (MembershipLinkController). */
  membershipUrl(organisationId: string, userId: string): string {
    return `${this.config.publicBaseUrl}/accept-membership?token=${this.sign('membership', `${organisationId}:${userId}`)}`;
  }

  /** The reset link: bound to the account's token version, so it works once (ResetPasswordController). */
  resetUrl(userId: string, tokenVersion: number): string {
    return `${this.config.publicBaseUrl}/reset-password?token=${this.sign('reset', `${userId}:${tokenVersion}`)}`;
  }

  /** The verification link of a registration: names the address, so it proves only that one (VerifyEmailController). */
  verifyEmailUrl(userId: string, email: string): string {
    return `${this.config.publicBaseUrl}/verify-email?token=${encodeURIComponent(this.sign('verify-email', `${userId}:${email}`))}`;
  }

  private mac(purpose: LinkPurpose, id: string, expiry: string): string {
    return createHmac('sha256', this.config.keys.mailLinks).update(`${purpose}:${id}:${expiry}`).digest('base64url');
  }
}
