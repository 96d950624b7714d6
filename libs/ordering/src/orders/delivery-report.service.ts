import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@schakel/identity';
import type { DeliveryReportResponse, ParticipantResponse } from '../dto/delivery-report.dto';
import { OrderingError } from '../ordering.exception';
import { DeliveryReportRepository, type ParticipantRow } from './delivery-report.repository';
import { OrderAccess } from './order-access';
import { OrderRepository } from './order.repository';

/** The buyer's view of an in-company order: who attended, who completed, which certificates. */
@Injectable()
export class DeliveryReportService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly reports: DeliveryReportRepository,
    private readonly access: OrderAccess,
  ) {}

  async report(actor: AuthUser, orderId: string): Promise<DeliveryReportResponse> {
    const order = await this.access.requireVisible(actor, await this.orders.findById(orderId));
    if (order.kind !== 'in-company-session' || !order.sessionId) throw OrderingError.noSession();
    const [meetings, rows] = await Promise.all([this.reports.meetingCount(order.sessionId), this.reports.participants(order.sessionId)]);
    const participants = rows.map(toParticipant);
    return {
      orderId: order.id,
      sessionId: order.sessionId,
      meetings,
      enrolled: participants.length,
      attended: participants.filter((p) => p.attended).length,
      completed: participants.filter((p) => p.completed).length,
      certified: participants.filter((p) => p.certificate).length,
      participants,
    };
  }
}

function toParticipant(r: ParticipantRow): ParticipantResponse {
  return {
    userId: r.userId,
    name: r.name,
    enrolmentStatus: r.enrolmentStatus,
    meetingsAttended: r.meetingsAttended,
    attended: r.meetingsAttended > 0,
    completed: r.completed,
    certificate: r.certificateId && r.certificateCode && r.certificateIssuedAt
      ? { id: r.certificateId, code: r.certificateCode, issuedAt: r.certificateIssuedAt.toISOString() }
      : null,
  };
}
