import { Injectable } from '@nestjs/common';
import { ChainReportService, type ChainRoleRow } from '@schakel/certification';
import { formatDate, type Locale } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { LicenceService, OrderService, type OrderQueryDto, type OrderResponse } from '@schakel/ordering';
import { PageRenderer } from '@schakel/web';
import { CourseOptionsQuery } from './course-options.query';

export interface LicenceView {
  id: string;
  course: string;
  seats: number;
  used: number;
  left: number;
  expires: string | null;
  valid: boolean;
}

export interface OrderView {
  id: string;
  course: string;
  kind: string;
  amount: string;
  state: string;
  stateKey: OrderResponse['state'];
  requested: string;
  invoiceId?: string;
}

const OPEN_STATES: ReadonlyArray<OrderResponse['state']> = ['requested', 'confirmed'];
const ORDERS_LISTED = 100;

/**
 * What the organisation pages show of licences, orders and the chain report, in the
 * person's words: through the same services (and access checks) as the JSON routes.
 */
@Injectable()
export class OrgOverviewQuery {
  constructor(
    private readonly pages: PageRenderer,
    private readonly licences: LicenceService,
    private readonly orders: OrderService,
    private readonly reports: ChainReportService,
    private readonly courses: CourseOptionsQuery,
  ) {}

  async licenceViews(user: AuthUser, orgId: string, lang: Locale): Promise<LicenceView[]> {
    const { items } = await this.licences.list(user, orgId);
    const titles = await this.courses.titles(user, items.map((l) => l.courseId));
    return items.map((l) => ({
      id: l.id,
      course: titles.get(l.courseId) ?? '—',
      seats: l.seats,
      used: l.used,
      left: l.left,
      expires: l.expiresAt ? formatDate(new Date(l.expiresAt), lang) : null,
      valid: l.valid,
    }));
  }

  async orderViews(user: AuthUser, orgId: string, lang: Locale, onlyOpen = false): Promise<{ items: OrderView[]; total: number }> {
    const page = await this.orders.listForOrganisation(user, orgId, { limit: ORDERS_LISTED, offset: 0 } as OrderQueryDto);
    const items = onlyOpen ? page.items.filter((o) => OPEN_STATES.includes(o.state)) : page.items;
    const titles = await this.courses.titles(user, items.map((o) => o.courseId));
    const word = (path: string, values?: Record<string, unknown>) => this.pages.word(lang, path, values);
    return {
      total: page.total,
      items: items.map((o) => ({
        id: o.id,
        course: titles.get(o.courseId) ?? '—',
        kind: word(`org.orders.kinds.${o.kind}`),
        amount: o.kind === 'seats' ? word('org.orders.seatsAmount', { count: o.seats ?? 0 }) : word('org.orders.participantsAmount', { count: o.participants ?? 0 }),
        state: word(`org.orders.states.${o.state}`),
        stateKey: o.state,
        requested: formatDate(new Date(o.createdAt), lang),
        ...(o.invoiceId ? { invoiceId: o.invoiceId } : {}),
      })),
    };
  }

  /** The report's numbers per chain role with the role's name, and one sentence per role for the chart's text alternative. */
  async chain(user: AuthUser, orgId: string, lang: Locale): Promise<{ roles: Array<ChainRoleRow & { name: string }>; chartText: string; months: string[] }> {
    const report = await this.reports.report(user, orgId);
    const roles = report.roles.map((r) => ({ ...r, name: this.pages.word(lang, `chainRoles.${r.chainRole}`) }));
    const chartText = roles
      .map((r) => this.pages.word(lang, 'org.report.chartRole', { role: r.name, assigned: r.assigned, certified: r.certified, inProgress: r.inProgress }))
      .join(' ');
    const months = (roles[0]?.expiringByMonth ?? []).map((m) => monthName(m.month, lang));
    return { roles, chartText, months };
  }
}

/** "2027-03" → "mrt 2027" / "Mar 2027". */
function monthName(month: string, lang: Locale): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, number - 1, 1)));
}
