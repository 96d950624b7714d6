import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { InvoiceService } from '@schakel/ordering';
import { LinkSigner } from '@schakel/web';
import { buildSessionCalendar } from './calendar.builder';
import type { ClaimedDelivery } from './delivery.repository';
import { isMessageKind, messageDefinition, type DraftTools, type MessageSubjects, type MessageKind } from './kinds';
import type { OutgoingMail } from './mailer.service';
import { MessageContextRepository, type Recipient, type SessionContext } from './message-context.repository';
import { TemplateRenderer } from './template.renderer';

export type Composition = { mail: OutgoingMail } | { skip: string };

/**
 * Turns a claimed delivery into a mail: its kind's draft checks at send time that it
 * still applies (a reminder never reaches someone who cancelled or is still waitlisted).
 */
@Injectable()
export class MessageComposer {
  private renderer?: TemplateRenderer;
  private readonly tools: DraftTools;

  constructor(
    context: MessageContextRepository,
    private readonly links: LinkSigner,
    private readonly config: AppConfig,
    invoices: InvoiceService,
  ) {
    this.tools = { context, links, baseUrl: config.publicBaseUrl, invoicePdf: (orderId) => invoices.pdfForOrder(orderId) };
  }

  async compose(delivery: ClaimedDelivery, now = new Date()): Promise<Composition> {
    const { recipient } = delivery;
    if (!recipient) return { skip: 'recipient no longer exists' };
    if (!isMessageKind(delivery.kind)) return { skip: `unknown kind ${delivery.kind}` };
    const message = messageDefinition(delivery.kind);
    if (message.nudge && !recipient.nudges) return { skip: 'recipient switched nudges off' };
    // The row's subject was written by this kind's own key and decision.
    const draft = await message.draft(delivery.subject as MessageSubjects[MessageKind], recipient, this.tools, now);
    if ('skip' in draft) return draft;

    const unsubscribeUrl = message.nudge ? this.links.unsubscribeUrl(recipient.id) : undefined;
    const data = { ...draft.data, name: recipient.name, baseUrl: this.config.publicBaseUrl, unsubscribeUrl };
    this.renderer ??= new TemplateRenderer();
    const rendered = this.renderer.render(recipient.locale, message.template, data);
    const headers: Record<string, string> = {};
    if (unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const attachments = [
      ...(draft.calendar ? [this.calendarAttachment(draft.calendar.method, draft.calendar.session, recipient, rendered.subject)] : []),
      ...(draft.attachments ?? []),
    ];
    return {
      mail: { to: { name: recipient.name, address: recipient.email }, ...rendered, headers, attachments, messageId: `<${delivery.id}@schakel>` },
    };
  }

  private calendarAttachment(method: 'REQUEST' | 'CANCEL', session: SessionContext, recipient: Recipient, description: string) {
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
      organizer: parseAddress(this.config.mailFrom),
      attendee: { name: recipient.name, email: recipient.email },
    });
    return { filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` };
  }
}

/** "Schakel <no-reply@schakel.local>" → { name, email } */
function parseAddress(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return match ? { name: match[1] || match[2], email: match[2] } : { name: value, email: value };
}
