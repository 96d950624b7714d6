import { Injectable, Logger } from '@nestjs/common';
import { QueueName, type EnrolmentEvent, type EventConsumer, type EventHandlers, type SessionLearnerEvent } from '@schakel/jobs';
import { DeliveryRepository, type NewDelivery } from '../delivery.repository';
import { DeliveryService } from '../delivery.service';
import { MessageContextRepository } from '../message-context.repository';

/**
 * Messaging's part in the domain events: decides who gets which message, records one
 * delivery row per message (its key makes a repeated event harmless) and enqueues their
 * sends. The event counts as handled only after the rows exist, so the work survives a
 * lost job; the sweep re-enqueues rows whose send job got lost.
 */
@Injectable()
export class MessagingEventConsumer implements EventConsumer {
  private readonly logger = new Logger(MessagingEventConsumer.name);
  readonly name = 'messaging';
  readonly queue = QueueName.Messages;
  readonly handlers = {
    'enrolment.confirmed': (e) => this.record(this.aboutEnrolment('enrolment-confirmed', e)),
    'enrolment.waitlisted': (e) => this.record(this.aboutEnrolment('enrolment-waitlisted', e)),
    'enrolment.promoted': (e) => this.record(this.aboutEnrolment('enrolment-promoted', e)),
    'enrolment.cancelled': (e) => this.record(this.aboutEnrolment('enrolment-cancelled', e)),
    'session.changed': (e) => this.record(this.aboutSession('session-changed', e)),
    'session.cancelled': (e) => this.record(this.aboutSession('session-cancelled', e)),
    'certificate.issued': (e) =>
      this.record([{ key: `certificate-issued:${e.certificateId}`, kind: 'certificate-issued', userId: e.userId, subject: { certificateId: e.certificateId } }]),
    'member.invited': (e) =>
      this.record([
        { key: `member-invited:${e.organisationId}:${e.userId}`, kind: 'member-invited', userId: e.userId, subject: { organisationId: e.organisationId } },
      ]),
  } satisfies EventHandlers;

  constructor(
    private readonly context: MessageContextRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: DeliveryService,
  ) {}

  private async record(rows: NewDelivery[] | Promise<NewDelivery[]>): Promise<number> {
    const decided = await rows;
    await this.delivery.enqueue(await this.deliveries.addPending(decided));
    return decided.length;
  }

  private async aboutEnrolment(kind: string, e: EnrolmentEvent): Promise<NewDelivery[]> {
    const enrolment = await this.context.enrolment(e.enrolmentId);
    if (!enrolment) return this.nothing(kind, 'enrolment not found');
    return [{ key: `${kind}:${enrolment.id}`, kind, userId: enrolment.userId, subject: { enrolmentId: enrolment.id } }];
  }

  private async aboutSession(kind: 'session-changed' | 'session-cancelled', e: SessionLearnerEvent): Promise<NewDelivery[]> {
    const session = await this.context.session(e.sessionId);
    if (!session) return this.nothing(kind, 'session not found');
    const key = kind === 'session-changed' ? `${kind}:${session.id}:${e.sequence}:${e.userId}` : `${kind}:${session.id}:${e.userId}`;
    return [{ key, kind, userId: e.userId, subject: { sessionId: session.id, enrolmentId: e.enrolmentId, sequence: e.sequence } }];
  }

  private nothing(kind: string, why: string): NewDelivery[] {
    this.logger.warn(`${kind} sends nothing: ${why}`);
    return [];
  }
}
