import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';

export type LinkPurpose = 'unsubscribe' | 'cancel' | 'welcome';

/**
 * Links in e-mails that act without a login carry `<id>.<HMAC-SHA256(purpose:id)>`,
 * keyed with the JWT secret: only Schakel can make one, and one purpose's token is
 * worthless for another.
 */
@Injectable()
export class LinkSigner {
  constructor(private readonly config: AppConfig) {}

  sign(purpose: LinkPurpose, id: string): string {
    return `${id}.${this.mac(purpose, id)}`;
  }

  /** The id the token was made for, or null when it is not one of ours. */
  verify(purpose: LinkPurpose, token: string | undefined): string | null {
    if (!token) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(purpose, id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
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

  private mac(purpose: LinkPurpose, id: string): string {
    return createHmac('sha256', this.config.keys.mailLinks).update(`${purpose}:${id}`).digest('base64url');
  }
}
