import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import { CertificateService } from '@schakel/certification';
import { DomainException, formatDate, localDateTimeToIso, UuidParam, type Locale } from '@schakel/common';
import { CurrentUser, PlatformAdminOnly, UserRepository, type AuthUser } from '@schakel/identity';
import { InvoiceService, OrderConfirmationService, OrderService, type ConfirmOrderDto, type OrderResponse } from '@schakel/ordering';
import { CreateOrganisationDto, ORGANISATION_KINDS, OrganisationService } from '@schakel/organisation';
import { formText, FormErrors, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import { FailedEvents } from '../../admin/failed-events.service';

/** Meeting rows on the in-company confirmation form (no script needed to add one). */
const MEETING_ROWS = 3;

const euros = (cents: number | null | undefined, lang: Locale) =>
  cents === null || cents === undefined ? '' : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** "12,50" or "12.50" or "12" → 1250 cents; null when it is not an amount. */
function cents(input: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(input.replace(/\s|€/g, ''));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : null;
}

/**
 * "Beheer", the platform admin's page: organisations, orders to decide, unpaid invoices,
 * certificates to find and revoke, failed events, the audit log and the queue dashboard.
 * Every action is a form (CSRF) calling the same domain service as its JSON route.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly organisations: OrganisationService,
    private readonly access: AccessService,
    private readonly orders: OrderService,
    private readonly confirmation: OrderConfirmationService,
    private readonly invoices: InvoiceService,
    private readonly certificates: CertificateService,
    private readonly failed: FailedEvents,
    private readonly audit: AuditLog,
    private readonly users: UserRepository,
  ) {}

  @Get()
  @PlatformAdminOnly()
  @HtmlPage()
  async overview(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Query('q') q?: string): Promise<string> {
    return this.overviewPage(page, user, { q: typeof q === 'string' ? q : '' });
  }

  @Post('organisations')
  @PlatformAdminOnly()
  @HtmlForm()
  async addOrganisation(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const values = { name: formText(body, 'name'), kind: formText(body, 'kind'), address: formText(body, 'address') || undefined };
    const { value, errors } = await validateForm(CreateOrganisationDto, values, {
      name: this.word(page, 'admin.organisations.nameMissing'),
      kind: this.word(page, 'admin.organisations.kindMissing'),
      address: this.word(page, 'admin.organisations.addressTooLong'),
    });
    if (errors.any) {
      res.status(400);
      return this.overviewPage(page, user, { organisationForm: values, ...errors.view() });
    }
    const created = await this.organisations.create(value);
    page.flash('admin.organisations.added');
    res.redirect(303, `/admin#org-${created.id}`);
  }

  /** An order's decision page: a seats order is confirmed as it is; an in-company order needs a trainer and meetings. */
  @Get('orders/:orderId')
  @PlatformAdminOnly()
  @HtmlPage()
  async order(@Page() page: PageContext, @CurrentUser() user: AuthUser, @UuidParam('orderId') orderId: string): Promise<string> {
    return this.orderPage(page, await this.orders.get(user, orderId), {});
  }

  @Post('orders/:orderId/confirm')
  @PlatformAdminOnly()
  @HtmlForm()
  async confirm(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser,
    @UuidParam('orderId') orderId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const order = await this.orders.get(user, orderId);
    const { dto, errors, form } = this.readConfirmation(page, order, body);
    if (!errors.any) {
      try {
        await this.confirmation.confirm(user, orderId, dto);
        page.flash('admin.orders.confirmed');
        return res.redirect(303, '/admin#orders');
      } catch (error) {
        this.explain(page, error, errors, { priceCents: 'price', trainerIds: 'trainer', meetings: 'meeting0Date' });
      }
    }
    res.status(400);
    return this.orderPage(page, order, { form, ...errors.view() });
  }

  @Post('orders/:orderId/reject')
  @PlatformAdminOnly()
  @HtmlForm()
  async reject(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser,
    @UuidParam('orderId') orderId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    return this.withReason(page, body, res, 'admin.orders.reasonMissing', {
      act: async (reason) => {
        await this.orders.reject(user, orderId, reason);
        page.flash('admin.orders.rejected');
        return '/admin#orders';
      },
      again: async (data) => this.orderPage(page, await this.orders.get(user, orderId), data),
    });
  }

  @Post('invoices/:invoiceId/paid')
  @PlatformAdminOnly()
  @HtmlForm()
  async markPaid(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser,
    @UuidParam('invoiceId') invoiceId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    try {
      await this.invoices.markPaid(user, invoiceId);
      page.flash('admin.invoices.markedPaid');
    } catch (error) {
      // Marked paid by someone else a moment ago: the list shows the truth either way.
      if (!(error instanceof DomainException && error.status === 409)) throw error;
    }
    res.redirect(303, '/admin#invoices');
  }

  /** Revoking asks first, with the reason the verify page will show from then on. */
  @Get('certificates/:certificateId/revoke')
  @PlatformAdminOnly()
  @HtmlPage()
  async askRevoke(@Page() page: PageContext, @CurrentUser() user: AuthUser, @UuidParam('certificateId') certificateId: string): Promise<string> {
    return this.revokePage(page, user, certificateId, {});
  }

  @Post('certificates/:certificateId/revoke')
  @PlatformAdminOnly()
  @HtmlForm()
  async revoke(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser,
    @UuidParam('certificateId') certificateId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    return this.withReason(page, body, res, 'admin.certificates.reasonMissing', {
      act: async (reason) => {
        const revoked = await this.certificates.revoke(user, certificateId, reason);
        page.flash('admin.certificates.revoked');
        return `/admin?q=${encodeURIComponent(revoked.code)}#certificates`;
      },
      again: (data) => this.revokePage(page, user, certificateId, data),
    });
  }

  @Post('failed-events/:eventId/retry')
  @PlatformAdminOnly()
  @HtmlForm()
  async retry(@Page() page: PageContext, @UuidParam('eventId') eventId: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.failed.retry(eventId);
    page.flash('admin.failedEvents.retried');
    res.redirect(303, '/admin#failed-events');
  }

  @Get('audit')
  @PlatformAdminOnly()
  @HtmlPage()
  async auditLog(@Page() page: PageContext, @Query('page') pageNumber?: string): Promise<string> {
    const size = 50;
    const index = Math.max(0, Math.min(10_000, Number.parseInt(pageNumber ?? '1', 10) || 1) - 1);
    const entries = await this.audit.latestWithActors(size, index * size);
    return this.pages.render(
      'admin-audit',
      page.view(this.word(page, 'admin.audit.title'), {
        entries: entries.items.map((e) => ({
          when: formatDate(e.createdAt, page.lang),
          time: e.createdAt.toISOString(),
          actor: e.actorName ?? this.word(page, 'admin.audit.system'),
          action: this.actionWord(page, e.action),
          subject: `${e.subjectType} ${e.subjectId}`,
          details: Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : '',
        })),
        previous: index > 0 ? `/admin/audit?page=${index}` : null,
        next: (index + 1) * size < entries.total ? `/admin/audit?page=${index + 2}` : null,
        total: entries.total,
      }),
    );
  }

  private actionWord(page: PageContext, action: string): string {
    try {
      return this.word(page, `admin.audit.actions.${action.replace(/\./g, '-')}`);
    } catch {
      return action; // a newer kind of entry than this page knows: its code says what it is
    }
  }

  private async overviewPage(page: PageContext, user: AuthUser, extra: Record<string, unknown>): Promise<string> {
    const q = typeof extra.q === 'string' ? extra.q : '';
    const [organisations, toDecide, unpaid, failed, found] = await Promise.all([
      this.organisations.list(user, 200, 0),
      this.orders.listAll({ state: 'requested', limit: 50, offset: 0 }),
      this.invoices.listUnpaid(50),
      this.failed.page(20, 0),
      q ? this.certificates.search(q) : Promise.resolve(null),
    ]);
    const admins = await this.access.adminsOf(organisations.items.map((o) => o.id));
    const names = new Map(organisations.items.map((o) => [o.id, o.name]));
    return this.pages.render(
      'admin',
      page.view(this.word(page, 'admin.title'), {
        organisations: organisations.items.map((o) => ({
          id: o.id,
          name: o.name,
          kind: this.word(page, `admin.organisations.kinds.${o.kind}`),
          admins: (admins.get(o.id) ?? []).map((a) => `${a.name} (${a.email})`).join(', '),
        })),
        organisationTotal: organisations.total,
        kinds: ORGANISATION_KINDS.map((kind) => ({ value: kind, label: this.word(page, `admin.organisations.kinds.${kind}`) })),
        orders: toDecide.items.map((o) => this.orderView(page, o)),
        orderTotal: toDecide.total,
        invoices: unpaid.map((i) => ({
          id: i.id,
          number: i.number,
          organisation: names.get(i.organisationId) ?? '',
          total: euros(i.totalCents, page.lang),
          due: formatDate(new Date(i.dueAt), page.lang),
          overdue: new Date(i.dueAt) < new Date(),
        })),
        failedEvents: failed.items.map((e) => ({ id: e.id, topic: e.topic, failureCount: e.failureCount, lastError: e.lastError ?? '', deadAt: formatDate(e.deadAt, page.lang) })),
        failedTotal: failed.total,
        q,
        certificates: found?.map((c) => ({
          id: c.id,
          holder: c.holderName,
          course: c.courseTitle,
          code: c.code,
          status: c.status,
          statusWord: this.word(page, `admin.certificates.status.${c.status}`),
          verifyUrl: `/verify/${encodeURIComponent(c.code)}`,
          revocable: c.status !== 'revoked',
        })),
        ...extra,
      }),
    );
  }

  private orderView(page: PageContext, o: OrderResponse) {
    const seats = o.kind === 'seats';
    return {
      id: o.id,
      organisation: o.organisationName ?? '',
      course: o.courseTitle ?? '',
      seats,
      what: seats
        ? this.pages.word(page.lang, 'admin.orders.seats', { seats: String(o.seats ?? '') })
        : this.pages.word(page.lang, 'admin.orders.inCompany', { participants: String(o.participants ?? '') }),
      preferredDates: (o.preferredDates ?? []).map((d) => formatDate(new Date(`${d}T12:00:00Z`), page.lang)).join(', '),
      place: o.location ?? o.onlineUrl ?? '',
      note: o.note,
      price: euros(o.priceCents, page.lang),
      requested: formatDate(new Date(o.createdAt), page.lang),
      state: o.state,
      stateWord: this.word(page, `admin.orders.states.${o.state}`),
    };
  }

  private async orderPage(page: PageContext, order: OrderResponse, extra: Record<string, unknown>): Promise<string> {
    const trainers = order.kind === 'seats' ? [] : await this.users.withPlatformRole('trainer');
    const form = (extra.form as Record<string, unknown> | undefined) ?? {};
    return this.pages.render(
      'admin-order',
      page.view(this.word(page, 'admin.orders.decideTitle'), {
        order: this.orderView(page, order),
        decidable: order.state === 'requested',
        trainers: trainers.map((t) => ({ id: t.id, label: `${t.name} (${t.email})`, selected: form.trainer === t.id })),
        meetings: Array.from({ length: MEETING_ROWS }, (_, i) => ({
          index: i,
          number: i + 1,
          date: (form[`meeting${i}Date`] as string) ?? '',
          start: (form[`meeting${i}Start`] as string) ?? '',
          end: (form[`meeting${i}End`] as string) ?? '',
        })),
        price: form.price ?? '',
        ...extra,
      }),
    );
  }

  /** The confirmation form as the service's DTO, or the fields that are wrong, in words. */
  private readConfirmation(page: PageContext, order: OrderResponse, body: unknown): { dto: ConfirmOrderDto; errors: FormErrors; form: Record<string, string> } {
    const errors = new FormErrors();
    const form: Record<string, string> = { price: formText(body, 'price'), trainer: formText(body, 'trainer') };
    const dto: ConfirmOrderDto = {};
    if (form.price) {
      const price = cents(form.price);
      if (price === null) errors.add('price', this.word(page, 'admin.orders.priceInvalid'));
      else dto.priceCents = price;
    }
    if (order.kind === 'seats') return { dto, errors, form };
    if (!form.trainer) errors.add('trainer', this.word(page, 'admin.orders.trainerMissing'));
    else dto.trainerIds = [form.trainer];
    const meetings: Array<{ startsAt: string; endsAt: string }> = [];
    for (let i = 0; i < MEETING_ROWS; i += 1) {
      const [date, start, end] = ['Date', 'Start', 'End'].map((part) => (form[`meeting${i}${part}`] = formText(body, `meeting${i}${part}`)));
      if (!date && !start && !end) continue;
      const startsAt = localDateTimeToIso(date, start);
      const endsAt = localDateTimeToIso(date, end);
      if (!startsAt) errors.add(`meeting${i}Date`, this.pages.word(page.lang, 'admin.orders.meetingInvalid', { number: String(i + 1) }));
      else if (!endsAt || endsAt <= startsAt) errors.add(`meeting${i}End`, this.pages.word(page.lang, 'admin.orders.meetingEndInvalid', { number: String(i + 1) }));
      else meetings.push({ startsAt, endsAt });
    }
    if (meetings.length === 0 && !errors.view().errors.some((e) => e.field.startsWith('meeting'))) errors.add('meeting0Date', this.word(page, 'admin.orders.meetingMissing'));
    dto.meetings = meetings;
    if (dto.priceCents === undefined) errors.add('price', this.word(page, 'admin.orders.priceMissing'));
    return { dto, errors, form };
  }

  private async revokePage(page: PageContext, user: AuthUser, certificateId: string, extra: Record<string, unknown>): Promise<string> {
    const certificate = await this.certificates.get(user, certificateId);
    return this.pages.render(
      'admin-revoke',
      page.view(this.word(page, 'admin.certificates.revokeTitle'), {
        certificate: { id: certificate.id, holder: certificate.holderName, course: certificate.courseTitle, code: certificate.code, revoked: certificate.status === 'revoked' },
        ...extra,
      }),
    );
  }

  /**
   * A decision that needs a reason (reject an order, revoke a certificate): without one, or
   * refused by the domain, the form again with the problem in words; done, on to `act`'s page.
   */
  private async withReason(
    page: PageContext,
    body: unknown,
    res: Response,
    missingWord: string,
    { act, again }: { act: (reason: string) => Promise<string>; again: (data: Record<string, unknown>) => Promise<string> },
  ): Promise<string | void> {
    const reason = formText(body, 'reason');
    const errors = new FormErrors();
    if (reason.length < 2) errors.add('reason', this.word(page, missingWord));
    if (!errors.any) {
      try {
        return res.redirect(303, await act(reason.slice(0, 1000)));
      } catch (error) {
        this.explain(page, error, errors, {});
      }
    }
    res.status(400);
    return again({ reason, ...errors.view() });
  }

  /**
   * A refusal of the domain as words on the form: its field (through `fields`, the DTO's name
   * → the form's) or the summary. Anything that is not a refusal (a fault) is not ours to explain.
   */
  private explain(page: PageContext, error: unknown, errors: FormErrors, fields: Record<string, string>): void {
    if (!(error instanceof DomainException) || error.status >= 500) throw error;
    const sentence = (() => {
      try {
        return this.word(page, `admin.problems.${error.code.replace(/\./g, '-')}`);
      } catch {
        return this.word(page, 'admin.problems.default');
      }
    })();
    const field = error.details?.[0]?.field;
    errors.add(field && fields[field] ? fields[field] : 'form', sentence);
  }

  private word(page: PageContext, path: string): string {
    return this.pages.word(page.lang, path);
  }
}

