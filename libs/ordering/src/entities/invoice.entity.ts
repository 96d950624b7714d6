import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPriceCents: number;
}

/**
 * An invoice as issued: everything printed is stored (the organisation's name and address
 * at issue too), so the PDF rendered later is the invoice that was sent. `number` is
 * `YYYY-NNNN`, gap-free per year (invoice_counters).
 */
@Entity('invoices')
@Index('ix_invoices_organisation', { synchronize: false })
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) orderId: string;
  @Column({ type: 'text' }) organisationName: string;
  @Column({ type: 'text' }) organisationAddress: string;
  @Column({ type: 'jsonb' }) lines: InvoiceLine[];
  @Column({ type: 'integer' }) subtotalCents: number;
  @Column({ type: 'integer' }) vatCents: number;
  @Column({ type: 'integer' }) totalCents: number;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
}
