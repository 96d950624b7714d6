import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Invoice, InvoiceLine } from '../entities/invoice.entity';
import type { Order } from '../entities/order.entity';
import { dueDate, invoiceAmounts, invoiceNumber } from './invoice.rules';
import { InvoiceRepository } from './invoice.repository';

/** Issues an order's invoice inside the confirming transaction (see InvoiceRepository.nextSequence). */
@Injectable()
export class InvoiceIssuer {
  constructor(private readonly invoices: InvoiceRepository) {}

  async issue(manager: EntityManager, order: Order, lines: InvoiceLine[]): Promise<Invoice> {
    const existing = await this.invoices.findByOrder(manager, order.id);
    if (existing) return existing;
    // The transaction's start time: the year of the number is the year of the issue date.
    const [{ now }] = (await manager.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(now));
    const sequence = await this.invoices.nextSequence(manager, year);
    const organisation = await this.invoices.organisation(manager, order.organisationId);
    return this.invoices.insert(manager, {
      year,
      sequence,
      number: invoiceNumber(year, sequence),
      organisationId: order.organisationId,
      orderId: order.id,
      organisationName: organisation.name,
      organisationAddress: organisation.address,
      lines,
      ...invoiceAmounts(lines),
      issuedAt: now,
      dueAt: dueDate(now),
    });
  }
}
