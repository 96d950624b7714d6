import { dueDate, invoiceAmounts, invoiceNumber } from './invoice.rules';

describe('invoice rules', () => {
  it('adds 21 % VAT, rounded to the cent, to the lines', () => {
    expect(invoiceAmounts([{ description: 'x', quantity: 25, unitPriceCents: 4950 }])).toEqual({ subtotalCents: 123750, vatCents: 25988, totalCents: 149738 });
    expect(invoiceAmounts([{ description: 'x', quantity: 1, unitPriceCents: 2 }])).toEqual({ subtotalCents: 2, vatCents: 0, totalCents: 2 });
    expect(invoiceAmounts([{ description: 'x', quantity: 1, unitPriceCents: 50 }]).vatCents).toBe(11);
  });

  it('numbers invoices per year with four digits', () => {
    expect(invoiceNumber(2027, 1)).toBe('2027-0001');
    expect(invoiceNumber(2027, 12345)).toBe('2027-12345');
  });

  it('is due 30 days after issue', () => {
    expect(dueDate(new Date('2027-01-15T10:00:00Z')).toISOString()).toBe('2027-02-14T10:00:00.000Z');
  });
});
