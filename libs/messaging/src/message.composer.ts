import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { buildSessionCalendar } from './calendar.builder';
import type { ClaimedDelivery } from './delivery.repository';
import { LinkSigner } from '@schakel/web';
import { formatDate, formatMeeting } from '@schakel/common';
import { MessageContextRepository, type EnrolmentContext, type Recipient, type SessionContext } from './message-context.repository';
import { expiryWindowAt, NUDGE_AFTER_DAYS, reminderWindowAt } from './message-windows';
import type { OutgoingMail } from './mailer.service';
import { TemplateRenderer, type EmailTemplate } from './template.renderer';

/** The kinds a recipient may switch off, that carry List-Unsubscribe and that the daily limit may hold. */
export const NUDGE_KINDS: readonly string[] = ['session-reminder', 'module-nudge', 'certificate-expiring'];

export type Composition = { mail: OutgoingMail } | { skip: string };

/** Thrown when a message cannot be composed yet (e.g. the certificate PDF is still pending): retried. */
export class NotReadyError extends Error {}

interface Draft {
  template: EmailTemplate;
  data: Record<string, unknown>;
  calendar?: { method: 'REQUEST' | 'CANCEL'; session: SessionContext };
}

/**
 * Turns a claimed delivery into a mail, checking at send time that it still applies
 * (a reminder never reaches someone who cancelled or is still waitlisted).
 */
@Injectable()
export class MessageComposer {
  private renderer?: TemplateRenderer;

  constructor(
    private readonly context: MessageContextRepository,
    private readonly links: LinkSigner,
    private readonly config: AppConfig,
  ) {}

  async compose(delivery: ClaimedDelivery, now = new Date()): Promise<Composition> {
    const recipient = await this.context.recipient(delivery.userId);
    if (!recipient) return { skip: 'recipient no longer exists' };
    const nudge = NUDGE_KINDS.includes(delivery.kind);
    if (nudge && !recipient.nudges) return { skip: 'recipient switched reminders off' };
    const draft = await this.draft(delivery, recipient, now);
    if ('skip' in draft) return draft;

    const data = {
      ...draft.data,
      name: recipient.name,
      baseUrl: this.config.publicBaseUrl,
      unsubscribeUrl: nudge ? this.links.unsubscribeUrl(recipient.id) : undefined,
    };
    this.renderer ??= new TemplateRenderer();
    const rendered = this.renderer.render(recipient.locale, draft.template, data);
    const headers: Record<string, string> = {};
    if (nudge) {
      headers['List-Unsubscribe'] = `<${this.links.unsubscribeUrl(recipient.id)}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const attachments = draft.calendar ? [this.calendarAttachment(draft.calendar.method, draft.calendar.session, recipient, rendered.subject)] : [];
    return {
      mail: { to: { name: recipient.name, address: recipient.email }, ...rendered, headers, attachments, messageId: `<${delivery.id}@schakel>` },
    };
  }

  private async draft(delivery: ClaimedDelivery, recipient: Recipient, now: Date): Promise<Draft | { skip: string }> {
    const { subject } = delivery;
    switch (delivery.kind) {
      case 'enrolment-confirmed':
      case 'enrolment-waitlisted':
      case 'enrolment-promoted':
      case 'enrolment-cancelled':
        return this.enrolmentDraft(delivery.kind, subject.enrolmentId, recipient);
      case 'session-changed':
      case 'session-cancelled':
      case 'session-reminder':
        return this.sessionDraft(delivery, recipient, now);
      case 'module-nudge': {
        const enrolment = subject.enrolmentId ? await this.context.enrolment(subject.enrolmentId) : null;
        if (!enrolment || enrolment.status !== 'active') return { skip: 'module no longer in progress' };
        if (now.getTime() - new Date(enrolment.lastActivityAt).getTime() < NUDGE_AFTER_DAYS * 86_400_000) return { skip: 'learner made progress' };
        return { template: 'module-nudge', data: { course: enrolment.courseTitle, link: this.config.publicBaseUrl } };
      }
      case 'certificate-issued':
      case 'certificate-expiring':
        return this.certificateDraft(delivery, recipient, now);
      case 'member-invited': {
        const organisation = subject.organisationId ? await this.context.organisationName(subject.organisationId) : null;
        if (!organisation) return { skip: 'organisation no longer exists' };
        // A person without a password yet chooses one through the link; others just sign in.
        const link = (await this.context.hasPassword(delivery.userId)) ? this.config.publicBaseUrl : this.links.welcomeUrl(delivery.userId);
        return { template: 'member-invited', data: { organisation, link } };
      }
      default:
        return { skip: `unknown kind ${delivery.kind}` };
    }
  }

  private async enrolmentDraft(kind: EmailTemplate, enrolmentId: string | undefined, recipient: Recipient): Promise<Draft | { skip: string }> {
    const enrolment = enrolmentId ? await this.context.enrolment(enrolmentId) : null;
    if (!enrolment) return { skip: 'enrolment no longer exists' };
    const expected: Record<string, EnrolmentContext['status'][]> = {
      'enrolment-confirmed': ['confirmed', 'active'],
      'enrolment-waitlisted': ['waitlisted'],
      'enrolment-promoted': ['confirmed'],
      'enrolment-cancelled': ['cancelled'],
    };
    if (!expected[kind].includes(enrolment.status)) return { skip: `enrolment is ${enrolment.status}` };
    const session = enrolment.sessionId ? await this.context.session(enrolment.sessionId) : null;
    const data: Record<string, unknown> = { course: enrolment.courseTitle, position: enrolment.waitlistPosition };
    if (session) data.session = this.sessionView(session, recipient);
    if (kind !== 'enrolment-cancelled' && session) data.cancelUrl = this.links.cancelUrl(enrolment.id);
    const withCalendar = session && (kind === 'enrolment-promoted' || kind === 'enrolment-cancelled' || enrolment.status === 'confirmed');
    return {
      template: kind,
      data,
      calendar: withCalendar ? { method: kind === 'enrolment-cancelled' ? 'CANCEL' : 'REQUEST', session } : undefined,
    };
  }

  private async sessionDraft(delivery: ClaimedDelivery, recipient: Recipient, now: Date): Promise<Draft | { skip: string }> {
    const session = delivery.subject.sessionId ? await this.context.session(delivery.subject.sessionId) : null;
    if (!session) return { skip: 'session no longer exists' };
    const data = { course: session.title, session: this.sessionView(session, recipient) };
    if (delivery.kind === 'session-cancelled') {
      if (session.status !== 'cancelled') return { skip: 'session is not cancelled' };
      return { template: 'session-cancelled', data, calendar: { method: 'CANCEL', session } };
    }
    if (session.status !== 'scheduled') return { skip: 'session is cancelled' };
    const enrolment = await this.context.enrolmentInSession(session.id, recipient.id);
    if (!enrolment || enrolment.status !== 'confirmed') return { skip: `learner is ${enrolment?.status ?? 'not enrolled'}` };
    const withCancel = { ...data, cancelUrl: this.links.cancelUrl(enrolment.id) };
    if (delivery.kind === 'session-changed') return { template: 'session-changed', data: withCancel, calendar: { method: 'REQUEST', session } };
    const window = reminderWindowAt(new Date(session.startsAt), now);
    if (window !== delivery.subject.window) return { skip: `reminder window ${delivery.subject.window} no longer applies` };
    return { template: 'session-reminder', data: { ...withCancel, tomorrow: window === '1d' } };
  }

  private async certificateDraft(delivery: ClaimedDelivery, recipient: Recipient, now: Date): Promise<Draft | { skip: string }> {
    const certificate = delivery.subject.certificateId ? await this.context.certificate(delivery.subject.certificateId) : null;
    if (!certificate) return { skip: 'certificate no longer exists' };
    if (certificate.revokedAt) return { skip: 'certificate revoked' };
    if (certificate.state !== 'issued') throw new NotReadyError(`certificate ${certificate.id} is not issued yet`);
    const data = {
      course: certificate.courseTitle,
      link: `${this.config.publicBaseUrl}/api/certificates/${certificate.id}/pdf`,
      verifyUrl: `${this.config.publicBaseUrl}/api/verify/${certificate.code}`,
      expiresOn: certificate.expiresAt ? formatDate(new Date(certificate.expiresAt), recipient.locale) : undefined,
    };
    if (delivery.kind === 'certificate-issued') return { template: 'certificate-issued', data };
    const window = certificate.expiresAt ? expiryWindowAt(new Date(certificate.expiresAt), now) : null;
    if (window !== delivery.subject.window) return { skip: `expiry window ${delivery.subject.window} no longer applies` };
    return { template: 'certificate-expiring', data };
  }

  private sessionView(session: SessionContext, recipient: Recipient) {
    const meetings = session.meetings.filter((m) => !m.cancelledAt);
    return {
      lines: (meetings.length > 0 ? meetings : session.meetings).map((m) =>
        formatMeeting(new Date(m.startsAt), new Date(m.endsAt), recipient.locale, session.timezone),
      ),
      place: session.location,
      onlineUrl: session.onlineUrl,
    };
  }

  private calendarAttachment(method: 'REQUEST' | 'CANCEL', session: SessionContext, recipient: Recipient, description: string) {
    const organizer = parseAddress(this.config.mailFrom);
    const content = buildSessionCalendar({
      method,
      title: session.title,
      description,
      location: session.location,
      onlineUrl: session.onlineUrl,
      timezone: session.timezone,
      sequence: session.sequence,
      cancelled: session.status === 'cancelled',
      meetings: session.meetings.map((m) => ({
        id: m.id,
        startsAt: new Date(m.startsAt),
        endsAt: new Date(m.endsAt),
        sequence: m.sequence,
        cancelled: m.cancelledAt !== null,
      })),
      organizer,
      attendee: { name: recipient.name, email: recipient.email },
    });
    return { filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` };
  }
}

/** "Schakel <no-reply@schakel.local>" → { name, email } */
export function parseAddress(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return match ? { name: match[1] || match[2], email: match[2] } : { name: value, email: value };
}
