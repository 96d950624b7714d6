import { Injectable } from '@nestjs/common';
import { AuditLog } from '@schakel/audit';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { SessionService } from '@schakel/session';
import { ConfirmOrderDto, OrderResponse, toOrderResponse } from '../dto/order.dto';
import type { InvoiceLine } from '../entities/invoice.entity';
import type { Order } from '../entities/order.entity';
import { InvoiceIssuer } from '../invoices/invoice.issuer';
import { LicenceRepository } from '../licences/licence.repository';
import { OrderingError } from '../ordering.exception';
import { OrderAccess } from './order-access';
import { auditOrder } from './order-audit';
import { OrderRepository, type OrderedCourse } from './order.repository';

/**
 * POST /api/orders/:id/confirm (platform admin). In ONE transaction, under the order row's
 * lock: the licence (seats) or the private session (in-company), the order's new state,
 * the invoice with the year's next number, the admins' mails (outbox) and the audit entry. A second
 * confirmation waits for the lock, finds the order confirmed and changes nothing.
 */
@Injectable()
export class OrderConfirmationService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly licences: LicenceRepository,
    private readonly sessions: SessionService,
    private readonly invoices: InvoiceIssuer,
    private readonly access: OrderAccess,
    private readonly audit: AuditLog,
  ) {}

  async confirm(actor: AuthUser, orderId: string, dto: ConfirmOrderDto): Promise<OrderResponse> {
    const order = await this.work.run(async (tx) => {
      const locked = await this.orders.lockForUpdate(tx.manager, orderId);
      if (!locked) throw OrderingError.orderNotFound();
      if (locked.state === 'confirmed' || locked.state === 'delivered') return locked;
      if (locked.state !== 'requested') throw OrderingError.notRequested(locked.state);
      const course = await this.orders.courseOf(tx.manager, locked.courseId);
      const line = locked.kind === 'seats' ? await this.confirmSeats(tx, locked, course, dto) : await this.confirmInCompany(tx, actor, locked, course, dto);
      Object.assign(locked, { state: 'confirmed', decidedById: actor.id, decidedAt: new Date() });
      const saved = await this.orders.save(tx.manager, locked);
      const invoice = await this.invoices.issue(tx.manager, saved, [line]);
      await this.access.announce(tx, saved);
      await auditOrder(this.audit, tx.manager, actor, saved, {
        ...(saved.kind === 'seats' ? { seats: saved.seats } : { participants: saved.participants, sessionId: saved.sessionId }),
        priceCents: saved.priceCents, invoiceId: invoice.id, invoiceNumber: invoice.number, totalCents: invoice.totalCents,
      });
      return saved;
    });
    const links = await this.orders.linksOf([order.id]);
    return toOrderResponse(order, links.get(order.id));
  }

  private async confirmSeats(tx: Transaction, order: Order, course: OrderedCourse, dto: ConfirmOrderDto): Promise<InvoiceLine> {
    for (const field of ['trainerIds', 'meetings'] as const) {
      if (dto[field] !== undefined) throw OrderingError.invalid(field, 'is only for an in-company-session order');
    }
    const price = dto.priceCents ?? course.seatPriceCents;
    if (price === null || price === undefined) throw OrderingError.priceRequired();
    if (dto.expiresAt) order.expiresAt = new Date(dto.expiresAt);
    order.priceCents = price;
    const seats = order.seats ?? 0;
    await this.licences.createForOrder(tx.manager, { organisationId: order.organisationId, courseId: order.courseId, orderId: order.id, seats, expiresAt: order.expiresAt });
    return { description: `Plaats in de cursus "${course.title}"`, quantity: seats, unitPriceCents: price };
  }

  private async confirmInCompany(tx: Transaction, actor: AuthUser, order: Order, course: OrderedCourse, dto: ConfirmOrderDto): Promise<InvoiceLine> {
    if (!dto.trainerIds) throw OrderingError.invalid('trainerIds', 'is required to confirm an in-company-session order');
    if (!dto.meetings) throw OrderingError.invalid('meetings', 'is required to confirm an in-company-session order');
    if (dto.priceCents === undefined) throw OrderingError.invalid('priceCents', 'is required to confirm an in-company-session order');
    if (dto.expiresAt !== undefined) throw OrderingError.invalid('expiresAt', 'is only for a seats order');
    const session = await this.sessions.scheduleInCompany(tx, {
      courseId: order.courseId,
      organisationId: order.organisationId,
      title: null,
      capacity: order.participants ?? 1,
      location: order.location,
      onlineUrl: order.onlineUrl,
      meetings: dto.meetings,
      trainerIds: dto.trainerIds,
      createdById: actor.id,
    });
    order.sessionId = session.id;
    order.priceCents = dto.priceCents;
    return { description: `Training in uw organisatie: "${course.title}" (${order.participants} deelnemers)`, quantity: 1, unitPriceCents: dto.priceCents };
  }
}
