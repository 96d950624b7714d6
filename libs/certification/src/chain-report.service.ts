import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { AuthUser } from '@schakel/identity';
import { AccessError, AccessService } from '@schakel/access';
import { OrganisationRepository } from '@schakel/organisation';
import { DateTime } from 'luxon';
import { ChainReportRepository, REPORT_MONTHS } from './chain-report.repository';
import { chainReportSvg } from './render/chain-report.svg';
import type { ChainReportResponse } from './dto/chain-report.dto';
import { CHAIN_ROLE_LABELS } from './render/chain-role-labels';

/** How far an organisation's chain is trained: for its org admins and platform admins. */
@Injectable()
export class ChainReportService {
  constructor(
    private readonly reports: ChainReportRepository,
    private readonly access: AccessService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async report(user: AuthUser, organisationId: string): Promise<ChainReportResponse> {
    await this.access.requireRole(user, organisationId, ['org-admin']);
    // A platform admin passes the role check; the organisation must still exist.
    if (user.isPlatformAdmin && !(await this.organisations.findById(organisationId))) throw AccessError.organisationNotFound();
    const now = DateTime.now().setZone('Europe/Amsterdam').startOf('month');
    const months = Array.from({ length: REPORT_MONTHS }, (_, i) => now.plus({ months: i }).toFormat('yyyy-MM'));
    const roles = (await this.reports.countsFor(organisationId)).map((r) => ({
      ...r,
      expiringByMonth: r.expiringByMonth.map((count, i) => ({ month: months[i], count })),
    }));
    return { organisationId, generatedAt: new Date().toISOString(), roles };
  }

  /** The chart for the pages and for pasting into a council report. */
  async svg(user: AuthUser, organisationId: string): Promise<string> {
    const { roles } = await this.report(user, organisationId);
    const organisation = await this.organisations.findById(organisationId);
    return chainReportSvg(organisation?.name ?? '', roles);
  }

  /** The same numbers as CSV, with the role's Dutch name for people opening it in a spreadsheet. */
  async csv(user: AuthUser, organisationId: string): Promise<string> {
    const { roles } = await this.report(user, organisationId);
    const months = roles[0]?.expiringByMonth.map((m) => m.month) ?? [];
    return stringify(
      roles.map((r) => ({ ...r, label: CHAIN_ROLE_LABELS.nl[r.chainRole], ...Object.fromEntries(r.expiringByMonth.map((m) => [m.month, m.count])) })),
      {
        header: true,
        columns: [
          { key: 'chainRole', header: 'chainRole' },
          { key: 'label', header: 'rol' },
          { key: 'assigned', header: 'assigned' },
          { key: 'certified', header: 'certified' },
          { key: 'inProgress', header: 'inProgress' },
          { key: 'expiringSoon', header: 'expiringSoon' },
          { key: 'expired', header: 'expired' },
          ...months.map((month) => ({ key: month, header: `expiring ${month}` })),
        ],
      },
    );
  }
}
