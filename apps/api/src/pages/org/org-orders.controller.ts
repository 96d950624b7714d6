import { Body, Controller, Get, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, formatDate, type Locale } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { InvoiceService, OrderingErrorCode, OrderService } from '@schakel/ordering';
import { HtmlForm, HtmlPage, Page, PageContext, PageRenderer, WebError, type FieldError } from '@schakel/web';
import { CourseOptionsQuery } from './course-options.query';
import { orderField, orderFormValues, orderFromForm, type OrderFormValues } from './order-form';
import { OrgOverviewQuery } from './org-overview.query';
import { OrgPageAccess, PageId, type OrgRef } from './org-page.access';

const INVOICES_LISTED = 100;

const euros = (cents: number, lang: Locale) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** The order service's refusals a person can fix in the form, as the field and the word. */
const REFUSALS: Partial<Record<string, string>> = {
  [OrderingErrorCode.CourseNotFound]: 'courseMissing',
  [OrderingErrorCode.NotLiveCourse]: 'courseOnlineOnly',
};

/** "Bestellingen": the organisation's orders with their state, "Bestellen" (seats or an in-company session) and its invoices as PDF. */
@ApiExcludeController()
@Controller('org/:orgId')
export class OrgOrdersPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orgs: OrgPageAccess,
    private readonly overview: OrgOverviewQuery,
    private readonly courses: CourseOptionsQuery,
    private readonly orders: OrderService,
    private readonly invoices: InvoiceService,
  ) {}

  @Get('orders')
  @Authenticated()
  @HtmlPage()
  async list(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    return this.render(page, user, org, { form: { kind: 'seats' } });
  }

  @Post('orders')
  @Authenticated()
  @HtmlForm()
  async order(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const form = orderFormValues(body);
    const { value, errors } = await orderFromForm(this.pages, page.lang, form);
    if (!errors.any) {
      try {
        await this.orders.request(user, orgId, value);
        page.flash('org.order.done');
        res.redirect(303, `/org/${orgId}/orders`);
        return;
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        const refusal = REFUSALS[error.code];
        if (refusal) errors.add('courseId', this.pages.word(page.lang, `org.order.${refusal}`));
        else if (error.code === OrderingErrorCode.Invalid) errors.add(orderField(error.details?.[0]?.field), this.pages.word(page.lang, 'org.order.fieldInvalid'));
        else throw error;
      }
    }
    res.status(400);
    const view = errors.view();
    const summary: FieldError[] = view.errors.map((e) => ({ field: orderField(e.field), message: e.message }));
    return this.render(page, user, org, { form, errors: summary, fieldErrors: Object.fromEntries(summary.map((e) => [e.field, e.message])) });
  }

  @Get('invoices/:invoiceId/pdf')
  @Authenticated()
  async invoicePdf(@CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('invoiceId') invoiceId: string): Promise<StreamableFile> {
    await this.orgs.organisation(user, orgId);
    const invoice = await this.invoices.get(user, invoiceId);
    if (invoice.organisationId !== orgId) throw WebError.notFound();
    const { number, pdf } = await this.invoices.pdf(user, invoiceId);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="factuur-${number}.pdf"` });
  }

  private async render(page: PageContext, user: AuthUser, org: OrgRef, data: { form: Partial<OrderFormValues>; errors?: FieldError[]; fieldErrors?: Record<string, string> }): Promise<string> {
    const [orders, invoices, courses] = await Promise.all([
      this.overview.orderViews(user, org.id, page.lang),
      this.invoices.list(user, org.id, INVOICES_LISTED, 0),
      this.courses.published(),
    ]);
    const invoiceViews = invoices.items.map((i) => ({
      id: i.id,
      number: i.number,
      total: euros(i.totalCents, page.lang),
      issued: formatDate(new Date(i.issuedAt), page.lang),
      due: formatDate(new Date(i.dueAt), page.lang),
      paid: i.paidAt !== null,
    }));
    const courseChoices = courses.map((c) => ({ ...c, selected: c.id === data.form.courseId }));
    return this.pages.render('org-orders', page.view(this.pages.word(page.lang, 'org.orders.title'), {
      org, orders: orders.items, invoices: invoiceViews, courses: courseChoices, ...data,
      kindSeats: data.form.kind !== 'in-company-session', kindInCompany: data.form.kind === 'in-company-session',
    }));
  }
}
