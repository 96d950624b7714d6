import { Injectable, Logger } from '@nestjs/common';
import { OutboxRepository, type NotificationData } from '@schakel/jobs';
import { DeliveryRepository, type NewDelivery } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { MessageContextRepository } from './message-context.repository';

/**
 * notification.send (from the outbox): decides who gets which message, records one
 * delivery row per message (its key makes a repeated event harmless) and enqueues their
 * sends. The outbox row is marked processed only after the rows exist, so the work
 * survives a lost job; the sweep re-enqueues rows whose send job got lost.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);

  constructor(
    private readonly context: MessageContextRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: DeliveryService,
    private readonly outbox: OutboxRepository,
  ) {}

  async handle(data: NotificationData & { outboxId?: string }): Promise<number> {
    const rows = await this.decide(data);
    const pending = await this.deliveries.addPending(rows);
    await this.delivery.enqueue(pending);
    if (data.outboxId) await this.outbox.markProcessed(data.outboxId);
    return rows.length;
  }

  async decide(data: NotificationData): Promise<NewDelivery[]> {
    switch (data.kind) {
      case 'enrolment.confirmed':
      case 'enrolment.waitlisted':
      case 'enrolment.promoted':
      case 'enrolment.cancelled': {
        const enrolment = data.enrolmentId ? await this.context.enrolment(data.enrolmentId) : null;
        if (!enrolment) return this.nothing(data, 'enrolment not found');
        const kind = data.kind.replace('.', '-');
        return [{ key: `${kind}:${enrolment.id}`, kind, userId: enrolment.userId, subject: { enrolmentId: enrolment.id } }];
      }
      case 'session.changed':
      case 'session.cancelled': {
        const session = data.sessionId ? await this.context.session(data.sessionId) : null;
        if (!session) return this.nothing(data, 'session not found');
        const sequence = data.sequence ?? session.sequence;
        const kind = data.kind === 'session.changed' ? 'session-changed' : 'session-cancelled';
        // The sessions domain writes one event per affected enrolment; an event without one
        // (an older producer) reaches everyone it concerns.
        const recipients = data.enrolmentId && data.userId
          ? [{ userId: data.userId, enrolmentId: data.enrolmentId }]
          : data.kind === 'session.changed'
            ? await this.context.confirmedIn(session.id)
            : await this.context.affectedByCancellation(session.id);
        return recipients.map((r) => ({
          key: kind === 'session-changed' ? `${kind}:${session.id}:${sequence}:${r.userId}` : `${kind}:${session.id}:${r.userId}`,
          kind,
          userId: r.userId,
          subject: { sessionId: session.id, enrolmentId: r.enrolmentId, sequence },
        }));
      }
      case 'certificate.issued': {
        const certificate = data.certificateId ? await this.context.certificate(data.certificateId) : null;
        if (!certificate) return this.nothing(data, 'certificate not found');
        return [{ key: `certificate-issued:${certificate.id}`, kind: 'certificate-issued', userId: certificate.userId, subject: { certificateId: certificate.id } }];
      }
      case 'member.invited': {
        if (!data.userId || !data.organisationId) return this.nothing(data, 'userId and organisationId are required');
        return [
          { key: `member-invited:${data.organisationId}:${data.userId}`, kind: 'member-invited', userId: data.userId, subject: { organisationId: data.organisationId } },
        ];
      }
      default:
        return this.nothing(data, 'unknown kind');
    }
  }

  private nothing(data: NotificationData, why: string): NewDelivery[] {
    this.logger.warn(`notification ${data.kind} sends nothing: ${why}`);
    return [];
  }
}
