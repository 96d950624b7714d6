import { DomainException } from '@schakel/common';

export enum OrderingErrorCode {
  OrderNotFound = 'order.not-found',
  CourseNotFound = 'order.course-not-found',
  Invalid = 'order.invalid',
  NotRequested = 'order.not-requested',
  PriceRequired = 'order.price-required',
  NotLiveCourse = 'order.course-not-live',
  NoSession = 'order.no-session',
  NotConfirmed = 'order.not-confirmed',
  InvoiceNotFound = 'invoice.not-found',
  AlreadyPaid = 'invoice.already-paid',
}

export const OrderingError = {
  orderNotFound: () => new DomainException(404, OrderingErrorCode.OrderNotFound, 'Order not found'),
  courseNotFound: () =>
    new DomainException(404, OrderingErrorCode.CourseNotFound, 'Course not found', [{ field: 'courseId', problem: 'no published course with this id' }]),
  invalid: (field: string, problem: string) => new DomainException(400, OrderingErrorCode.Invalid, `${field} ${problem}`, [{ field, problem }]),
  notRequested: (state: string) => new DomainException(409, OrderingErrorCode.NotRequested, `This order is ${state}, no longer requested`),
  priceRequired: () =>
    new DomainException(422, OrderingErrorCode.PriceRequired, 'This order needs a price', [{ field: 'priceCents', problem: 'is required: the course has no seat price' }]),
  notLiveCourse: () =>
    new DomainException(422, OrderingErrorCode.NotLiveCourse, 'An in-company session is for a live or blended course', [
      { field: 'courseId', problem: 'must be a live or blended course' },
    ]),
  notConfirmed: (state: string) => new DomainException(409, OrderingErrorCode.NotConfirmed, `A ${state} order cannot be delivered`),
  noSession: () => new DomainException(409, OrderingErrorCode.NoSession, 'This order has no session (yet): only a confirmed in-company order has one'),
  invoiceNotFound: () => new DomainException(404, OrderingErrorCode.InvoiceNotFound, 'Invoice not found'),
  alreadyPaid: () => new DomainException(409, OrderingErrorCode.AlreadyPaid, 'This invoice is already marked paid'),
};
