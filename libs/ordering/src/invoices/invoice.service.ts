import { Injectable } from '@nestjs/common';
import { AuditLog } from '@schakel/audit';
import { UnitOfWork } from '@schakel/jobs';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { InvoiceResponse, toInvoiceResponse } from '../dto/invoice.dto';
import { OrderingError } from '../ordering.exception';
import { OrderAccess } from '../orders/order-access';
import { InvoicePdfRenderer } from './invoice-pdf.renderer';
import { InvoiceRepository } from './invoice.repository';

/** Reading invoices (its organisation's admins, platform admins) and marking them paid (platform admin). */
@Injectable()
export class InvoiceService {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly renderer: InvoicePdfRenderer,
    private readonly access: OrderAccess,
    private readonly work: UnitOfWork,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: AuthUser, organisationId: string, limit: number, offset: number): Promise<Page<InvoiceResponse>> {
    await this.access.requireOrganisationAdmin(actor, organisationId);
    const page = await this.invoices.page(organisationId, limit, offset);
    return { items: page.items.map(toInvoiceResponse), total: page.total };
  }

  async get(actor: AuthUser, invoiceId: string): Promise<InvoiceResponse> {
    return toInvoiceResponse(await this.access.requireVisible(actor, await this.invoices.findById(invoiceId), OrderingError.invoiceNotFound));
  }

  async pdf(actor: AuthUser, invoiceId: string): Promise<{ number: string; pdf: Buffer }> {
    const invoice = await this.access.requireVisible(actor, await this.invoices.findById(invoiceId), OrderingError.invoiceNotFound);
    return { number: invoice.number, pdf: await this.renderer.render(invoice) };
  }

  /** Platform admins only (the caller says so): what is still to be paid, across organisations. */
  async listUnpaid(limit = 50): Promise<InvoiceResponse[]> {
    return (await this.invoices.unpaid(limit)).map(toInvoiceResponse);
  }

  /**
   * The invoice of an order as a PDF, for the confirmation mail (no actor: the mail goes to
   * the ordering organisation's admins, whom the message kind decided); null without one.
   */
  async pdfForOrder(orderId: string): Promise<{ number: string; pdf: Buffer } | null> {
    const invoice = await this.invoices.findByOrder(null, orderId);
    return invoice ? { number: invoice.number, pdf: await this.renderer.render(invoice) } : null;
  }

  /** Paid (platform admin), once, with its audit entry in the same transaction. */
  async markPaid(actor: AuthUser, invoiceId: string): Promise<InvoiceResponse> {
    const paid = await this.work.run(async ({ manager }) => {
      const invoice = await this.invoices.markPaid(manager, invoiceId);
      if (invoice) {
        await this.audit.record(manager, {
          actorId: actor.id, action: 'invoice.paid', subjectType: 'invoice', subjectId: invoice.id, organisationId: invoice.organisationId,
          details: { number: invoice.number, orderId: invoice.orderId, totalCents: invoice.totalCents },
        });
      }
      return invoice;
    });
    if (paid) return toInvoiceResponse(paid);
    if (!(await this.invoices.findById(invoiceId))) throw OrderingError.invoiceNotFound();
    throw OrderingError.alreadyPaid();
  }
}
