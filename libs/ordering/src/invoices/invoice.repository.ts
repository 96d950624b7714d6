import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Page } from '@schakel/common';
import { Invoice } from '../entities/invoice.entity';

@Injectable()
export class InvoiceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The next number of the year, gap-free: the year's counter row is incremented (and so
   * locked) inside the confirming transaction. A concurrent confirmation waits for that
   * lock until the first commits; a rollback takes its increment with it, so a number is
   * never skipped and never given twice (uq_invoices_year_sequence is the backstop).
   */
  async nextSequence(manager: EntityManager, year: number): Promise<number> {
    const [row] = (await manager.query(
      `INSERT INTO invoice_counters (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1
       RETURNING last`,
      [year],
    )) as Array<{ last: number }>;
    return row.last;
  }

  insert(manager: EntityManager, invoice: Omit<Invoice, 'id' | 'paidAt'>): Promise<Invoice> {
    const repository = manager.getRepository(Invoice);
    return repository.save(repository.create({ ...invoice, paidAt: null }));
  }

  findById(id: string): Promise<Invoice | null> {
    return this.dataSource.getRepository(Invoice).findOneBy({ id });
  }

  findByOrder(manager: EntityManager | null, orderId: string): Promise<Invoice | null> {
    return (manager ?? this.dataSource.manager).getRepository(Invoice).findOneBy({ orderId });
  }

  async markPaid(manager: EntityManager, id: string): Promise<Invoice | null> {
    const rows = (await manager.query(
      `WITH paid AS (UPDATE invoices SET paid_at = now() WHERE id = $1 AND paid_at IS NULL RETURNING id) SELECT id FROM paid`,
      [id],
    )) as unknown[];
    return rows.length > 0 ? manager.getRepository(Invoice).findOneBy({ id }) : null;
  }

  /** Every organisation's invoices not yet paid, oldest due first (the platform admin marks them paid). */
  async unpaid(limit: number): Promise<Invoice[]> {
    return this.dataSource.getRepository(Invoice).find({ where: { paidAt: IsNull() }, order: { dueAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async page(organisationId: string, limit: number, offset: number): Promise<Page<Invoice>> {
    const [items, total] = await this.dataSource.getRepository(Invoice).findAndCount({
      where: { organisationId },
      order: { year: 'DESC', sequence: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  async organisation(manager: EntityManager, organisationId: string): Promise<{ name: string; address: string }> {
    const [row] = (await manager.query(`SELECT name, address FROM organisations WHERE id = $1`, [organisationId])) as Array<{ name: string; address: string }>;
    return row;
  }
}
