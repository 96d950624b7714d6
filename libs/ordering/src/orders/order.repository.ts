import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@schakel/common';
import { Order, type OrderState } from '../entities/order.entity';
import type { OrderLinks } from '../dto/order.dto';

export interface OrderedCourse {
  id: string;
  title: string;
  format: 'online' | 'live' | 'blended';
  seatPriceCents: number | null;
}

@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(order: Partial<Order>): Promise<Order> {
    const repository = this.dataSource.getRepository(Order);
    return repository.save(repository.create(order));
  }

  findById(id: string): Promise<Order | null> {
    return this.dataSource.getRepository(Order).findOneBy({ id });
  }

  /** The confirming (or rejecting) transaction's lock: a second decision waits, then sees the first. */
  lockForUpdate(manager: EntityManager, id: string): Promise<Order | null> {
    return manager.getRepository(Order).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, order: Order): Promise<Order> {
    return manager.getRepository(Order).save(order);
  }

  async page(filter: { organisationId?: string; state?: OrderState; limit: number; offset: number }): Promise<Page<Order>> {
    const [items, total] = await this.dataSource.getRepository(Order).findAndCount({
      where: { ...(filter.organisationId ? { organisationId: filter.organisationId } : {}), ...(filter.state ? { state: filter.state } : {}) },
      order: { createdAt: filter.state === 'requested' ? 'ASC' : 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  /** The licence and invoice each order led to, and the names a list shows (organisation, course). */
  async linksOf(orderIds: string[]): Promise<Map<string, OrderLinks>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT o.id, l.id AS "licenceId", i.id AS "invoiceId", g.name AS "organisationName", c.title AS "courseTitle"
         FROM orders o
         JOIN organisations g ON g.id = o.organisation_id JOIN courses c ON c.id = o.course_id
         LEFT JOIN licences l ON l.order_id = o.id LEFT JOIN invoices i ON i.order_id = o.id
        WHERE o.id = ANY($1::uuid[])`,
      [orderIds],
    )) as Array<{ id: string; licenceId: string | null; invoiceId: string | null; organisationName: string; courseTitle: string }>;
    return new Map(
      rows.map((r) => [r.id, { licenceId: r.licenceId ?? undefined, invoiceId: r.invoiceId ?? undefined, organisationName: r.organisationName, courseTitle: r.courseTitle }]),
    );
  }

  async publishedCourse(courseId: string): Promise<OrderedCourse | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, title, format, seat_price_cents AS "seatPriceCents" FROM courses WHERE id = $1 AND status = 'published'`,
      [courseId],
    )) as OrderedCourse[];
    return row ?? null;
  }

  async courseOf(manager: EntityManager, courseId: string): Promise<OrderedCourse> {
    const [row] = (await manager.query(`SELECT id, title, format, seat_price_cents AS "seatPriceCents" FROM courses WHERE id = $1`, [courseId])) as OrderedCourse[];
    return row;
  }
}
