import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { AuthUser } from '@schakel/identity';
import { AccessError, AccessService } from '@schakel/access';
import { OrganisationRepository } from '@schakel/organisation';
import { ChainReportRepository } from './chain-report.repository';
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
    return { organisationId, generatedAt: new Date().toISOString(), roles: await this.reports.countsFor(organisationId) };
  }

  /** The same numbers as CSV, with the role's Dutch name for people opening it in a spreadsheet. */
  async csv(user: AuthUser, organisationId: string): Promise<string> {
    const { roles } = await this.report(user, organisationId);
    return stringify(
      roles.map((r) => ({ ...r, label: CHAIN_ROLE_LABELS.nl[r.chainRole] })),
      {
        header: true,
        columns: [
          { key: 'chainRole', header: 'chainRole' },
          { key: 'label', header: 'rol' },
          { key: 'assigned', header: 'assigned' },
          { key: 'certified', header: 'certified' },
          { key: 'inProgress', header: 'inProgress' },
          { key: 'expiringSoon', header: 'expiringSoon' },
        ],
      },
    );
  }
}
