import type { InvoiceLine } from '../entities/invoice.entity';

export const VAT_PERCENT = 21;
export const PAYMENT_TERM_DAYS = 30;

export interface InvoiceAmounts {
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
}

/** Subtotal of the lines, VAT 21 % rounded half up to a cent, and the total. */
export function invoiceAmounts(lines: InvoiceLine[]): InvoiceAmounts {
  const subtotalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const vatCents = Math.round((subtotalCents * VAT_PERCENT) / 100);
  return { subtotalCents, vatCents, totalCents: subtotalCents + vatCents };
}

/** `2027-0001`: the year and the sequence within it (at least four digits). */
export function invoiceNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

export function dueDate(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + PAYMENT_TERM_DAYS * 24 * 60 * 60 * 1000);
}
