import { ApiProperty } from '@nestjs/swagger';
import type { Invoice } from '../entities/invoice.entity';

export class InvoiceLineResponse {
  @ApiProperty() description: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'euro cents excl. VAT' }) unitPriceCents: number;
}

export class InvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-0001' }) number: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ type: [InvoiceLineResponse] }) lines: InvoiceLineResponse[];
  @ApiProperty() subtotalCents: number;
  @ApiProperty({ description: '21 % VAT' }) vatCents: number;
  @ApiProperty() totalCents: number;
  @ApiProperty() issuedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true }) paidAt: string | null;
}

export class InvoicePageResponse {
  @ApiProperty({ type: [InvoiceResponse] }) items: InvoiceResponse[];
  @ApiProperty() total: number;
}

export function toInvoiceResponse(i: Invoice): InvoiceResponse {
  return {
    id: i.id,
    number: i.number,
    organisationId: i.organisationId,
    orderId: i.orderId,
    lines: i.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    subtotalCents: i.subtotalCents,
    vatCents: i.vatCents,
    totalCents: i.totalCents,
    issuedAt: i.issuedAt.toISOString(),
    dueAt: i.dueAt.toISOString(),
    paidAt: i.paidAt?.toISOString() ?? null,
  };
}
