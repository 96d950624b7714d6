import { Injectable, Logger } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { DeliveryRepository } from '../delivery.repository';
import { DeliveryService } from '../delivery.service';
import { MESSAGES, type EventMessageDefinition, type MessageKind } from '../kinds';
import { MessageContextRepository } from '../message-context.repository';

/**
 * Messaging's part in the domain events: each event decides one kind of message (the
 * kind's `decide` says for whom), records its delivery row (its key makes a repeated
 * event harmless) and enqueues the send. The event counts as handled only after the row
 * exists, so the work survives a lost job; the sweep re-enqueues rows whose send job got lost.
 */
@Injectable()
export class MessagingEventConsumer implements EventConsumer {
  private readonly logger = new Logger(MessagingEventConsumer.name);
  readonly name = 'messaging';
  readonly queue = QueueName.Messages;
  readonly handlers = {
    'enrolment.confirmed': (e) => this.record(MESSAGES['enrolment-confirmed'], e),
    'enrolment.waitlisted': (e) => this.record(MESSAGES['enrolment-waitlisted'], e),
    'enrolment.promoted': (e) => this.record(MESSAGES['enrolment-promoted'], e),
    'enrolment.cancelled': (e) => this.record(MESSAGES['enrolment-cancelled'], e),
    'session.changed': (e) => this.record(MESSAGES['session-changed'], e),
    'session.cancelled': (e) => this.record(MESSAGES['session-cancelled'], e),
    'certificate.issued': (e) => this.record(MESSAGES['certificate-issued'], e),
    'member.invited': (e) => this.record(MESSAGES['member-invited'], e),
    'membership.requested': (e) => this.record(MESSAGES['membership-requested'], e),
    'password.reset-requested': (e) => this.record(MESSAGES['password-reset'], e),
    'email.verification-requested': (e) => this.record(MESSAGES['verify-email'], e),
    'order.changed': (e) => this.record(MESSAGES['order-changed'], e),
  } satisfies EventHandlers;

  constructor(
    private readonly context: MessageContextRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: DeliveryService,
  ) {}

  private async record<K extends MessageKind, P>(message: EventMessageDefinition<K, P>, payload: P): Promise<number> {
    const decision = await message.decide(payload, this.context);
    if ('skip' in decision) {
      this.logger.warn(`${message.kind} sends nothing: ${decision.skip}`);
      return 0;
    }
    const { userId, subject } = decision;
    const rows = [{ key: message.key(subject, userId), kind: message.kind, userId, subject }];
    await this.delivery.enqueue(await this.deliveries.addPending(rows));
    return rows.length;
  }
}
