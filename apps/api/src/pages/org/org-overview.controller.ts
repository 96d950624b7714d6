import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChainReportService } from '@schakel/certification';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import { OrgOverviewQuery } from './org-overview.query';
import { OrgPageAccess, PageId } from './org-page.access';

/**
 * An organisation admin's overview (seats left, open orders, the chain at a glance) and
 * "Ketenrapport" with its chart and CSV, for the organisation's org-admins only.
 */
@ApiExcludeController()
@Controller('org/:orgId')
export class OrgOverviewPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orgs: OrgPageAccess,
    private readonly query: OrgOverviewQuery,
    private readonly reports: ChainReportService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async overview(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const [licences, orders, chain] = await Promise.all([
      this.query.licenceViews(user, orgId, page.lang),
      this.query.orderViews(user, orgId, page.lang, true),
      this.query.chain(user, orgId, page.lang),
    ]);
    return this.pages.render('org-overview', page.view(org.name, { org, licences, orders: orders.items, chartText: chain.chartText }));
  }

  @Get('report')
  @Authenticated()
  @HtmlPage()
  async report(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const chain = await this.query.chain(user, orgId, page.lang);
    const title = this.pages.word(page.lang, 'org.report.title');
    return this.pages.render('org-report', page.view(title, { org, ...chain }));
  }

  @Get('report.csv')
  @Authenticated()
  async reportCsv(@CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.reports.csv(user, orgId);
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ketenrapport.csv"' });
    return csv;
  }

  /** The server-rendered chart, as an image of the overview and report pages (their text alternative is on the page). */
  @Get('report/chart.svg')
  @Authenticated()
  async chart(@CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const svg = await this.reports.svg(user, orgId);
    res.set({ 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'private, no-store' });
    return svg;
  }
}
