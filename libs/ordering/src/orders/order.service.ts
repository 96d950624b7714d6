import { Injectable } from '@nestjs/common';
import { AuditLog } from '@schakel/audit';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { CreateOrderDto, OrderQueryDto, OrderResponse, toOrderResponse } from '../dto/order.dto';
import type { Order, OrderState } from '../entities/order.entity';
import { OrderingError } from '../ordering.exception';
import { OrderAccess } from './order-access';
import { auditOrder } from './order-audit';
import { OrderRepository } from './order.repository';

/** Requesting, listing, rejecting, cancelling and delivering orders (each change audited). Confirmation: OrderConfirmationService. */
@Injectable()
export class OrderService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly access: OrderAccess,
    private readonly audit: AuditLog,
  ) {}

  async request(actor: AuthUser, organisationId: string, dto: CreateOrderDto): Promise<OrderResponse> {
    await this.access.requireOrganisationAdmin(actor, organisationId);
    const course = await this.orders.publishedCourse(dto.courseId);
    if (!course) throw OrderingError.courseNotFound();
    const fields = dto.kind === 'seats' ? seatsFields(dto) : inCompanyFields(dto);
    if (dto.kind === 'in-company-session' && course.format === 'online') throw OrderingError.notLiveCourse();
    const order = await this.work.run(async (tx) => {
      const saved = await this.orders.insert({
        organisationId, courseId: course.id, kind: dto.kind, state: 'requested', note: dto.note?.trim() ?? '', requestedById: actor.id, ...fields,
      });
      await this.access.announce(tx, saved);
      await auditOrder(this.audit, tx.manager, actor, saved, fields.seats ? { seats: fields.seats } : { participants: fields.participants });
      return saved;
    });
    return toOrderResponse(order);
  }

  async listForOrganisation(actor: AuthUser, organisationId: string, query: OrderQueryDto): Promise<Page<OrderResponse>> {
    await this.access.requireOrganisationAdmin(actor, organisationId);
    return this.present(await this.orders.page({ organisationId, state: query.state, limit: query.limit, offset: query.offset }));
  }

  /** The platform admin's list (oldest first when asking for requested ones: first come, first decided). */
  async listAll(query: OrderQueryDto): Promise<Page<OrderResponse>> {
    return this.present(await this.orders.page({ state: query.state, limit: query.limit, offset: query.offset }));
  }

  async get(actor: AuthUser, orderId: string): Promise<OrderResponse> {
    const order = await this.access.requireVisible(actor, await this.orders.findById(orderId));
    return (await this.present({ items: [order], total: 1 })).items[0];
  }

  reject(actor: AuthUser, orderId: string, reason: string): Promise<OrderResponse> {
    return this.close(actor, orderId, 'rejected', reason);
  }

  /** Its organisation's admins (or a platform admin) withdraw an order still requested. */
  async cancel(actor: AuthUser, orderId: string, reason: string): Promise<OrderResponse> {
    await this.access.requireVisible(actor, await this.orders.findById(orderId));
    return this.close(actor, orderId, 'cancelled', reason);
  }

  /** The provider delivered a confirmed order (the session took place, the seats are handed out). */
  async deliver(actor: AuthUser, orderId: string): Promise<OrderResponse> {
    const order = await this.work.run(async (tx) => {
      const locked = await this.orders.lockForUpdate(tx.manager, orderId);
      if (!locked) throw OrderingError.orderNotFound();
      if (locked.state === 'delivered') return locked;
      if (locked.state !== 'confirmed') throw OrderingError.notConfirmed(locked.state);
      locked.state = 'delivered';
      const saved = await this.orders.save(tx.manager, locked);
      await this.access.announce(tx, saved);
      await auditOrder(this.audit, tx.manager, actor, saved);
      return saved;
    });
    return (await this.present({ items: [order], total: 1 })).items[0];
  }

  /** Rejected or cancelled, with a reason, once: the same request again returns the closed order. */
  private async close(actor: AuthUser, orderId: string, state: Extract<OrderState, 'rejected' | 'cancelled'>, reason: string): Promise<OrderResponse> {
    const order = await this.work.run(async (tx) => {
      const locked = await this.orders.lockForUpdate(tx.manager, orderId);
      if (!locked) throw OrderingError.orderNotFound();
      if (locked.state === state) return locked;
      if (locked.state !== 'requested') throw OrderingError.notRequested(locked.state);
      Object.assign(locked, { state, reason: reason.trim(), decidedById: actor.id, decidedAt: new Date() });
      const saved = await this.orders.save(tx.manager, locked);
      await this.access.announce(tx, saved);
      await auditOrder(this.audit, tx.manager, actor, saved);
      return saved;
    });
    return toOrderResponse(order);
  }

  private async present(page: Page<Order>): Promise<Page<OrderResponse>> {
    const links = await this.orders.linksOf(page.items.map((o) => o.id));
    return { items: page.items.map((o) => toOrderResponse(o, links.get(o.id))), total: page.total };
  }
}

function seatsFields(dto: CreateOrderDto): Partial<Order> {
  if (!dto.seats) throw OrderingError.invalid('seats', 'is required for a seats order');
  for (const field of ['participants', 'preferredDates', 'location', 'onlineUrl'] as const) {
    if (dto[field] !== undefined) throw OrderingError.invalid(field, 'is only for an in-company-session order');
  }
  const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw OrderingError.invalid('expiresAt', 'must be in the future');
  return { seats: dto.seats, expiresAt };
}

function inCompanyFields(dto: CreateOrderDto): Partial<Order> {
  if (!dto.participants) throw OrderingError.invalid('participants', 'is required for an in-company-session order');
  if (dto.seats !== undefined) throw OrderingError.invalid('seats', 'is only for a seats order');
  if (dto.expiresAt !== undefined) throw OrderingError.invalid('expiresAt', 'is only for a seats order');
  if (!dto.location && !dto.onlineUrl) throw OrderingError.invalid('location', 'or onlineUrl is required');
  return {
    participants: dto.participants,
    preferredDates: dto.preferredDates ?? [],
    location: dto.location?.trim() ?? null,
    onlineUrl: dto.onlineUrl ?? null,
  };
}
