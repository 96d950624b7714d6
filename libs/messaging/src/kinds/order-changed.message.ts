import type { DomainEvents } from '@schakel/jobs';
import type { EventMessageDefinition } from './message-definition';

/** Euro amounts as people read them: € 1.234,50 (nl) or €1,234.50 (en). */
function euros(cents: number | null, locale: string): string | null {
  if (cents === null) return null;
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An order of the recipient's organisation changed state; one mail per order, state and admin. */
export const orderChanged = {
  kind: 'order-changed',
  template: 'order-changed',
  nudge: false,
  dailyLimited: false,
  key: ({ orderId, state }, userId) => `order-changed:${orderId}:${state}:${userId}`,
  decide: async (e) => ({ userId: e.userId, subject: { orderId: e.orderId, state: e.state } }),
  async draft(subject, recipient, { context, baseUrl, invoicePdf }) {
    const order = await context.order(subject.orderId);
    if (!order) return { skip: 'order no longer exists' };
    // Each change is told, even when the order has moved on since (a later state has its own mail);
    // the amounts belong to the confirmation.
    const amounts = subject.state === 'confirmed' ? {} : { invoiceNumber: null };
    // The confirmation carries the invoice itself, so the buyer can pay without signing in.
    const invoice = subject.state === 'confirmed' ? await invoicePdf(subject.orderId) : null;
    return {
      ...(invoice ? { attachments: [{ filename: `factuur-${invoice.number}.pdf`, content: invoice.pdf, contentType: 'application/pdf' }] } : {}),
      data: {
        ...order,
        ...amounts,
        [`is_${subject.state}`]: true,
        seatsOrder: order.kind === 'seats',
        subtotal: euros(order.subtotalCents, recipient.locale),
        vat: euros(order.vatCents, recipient.locale),
        total: euros(order.totalCents, recipient.locale),
        link: baseUrl,
      },
    };
  },
} satisfies EventMessageDefinition<'order-changed', DomainEvents['order.changed']>;
