import { Module } from '@nestjs/common';
import { AccessModule } from '@schakel/access';
import { CatalogueModule } from '@schakel/catalogue';
import { CertificationModule } from '@schakel/certification';
import { EnrolmentModule } from '@schakel/enrolment';
import { OrderingModule } from '@schakel/ordering';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { CourseOptionsQuery } from './course-options.query';
import { OrgEnrolPagesController } from './org-enrol.controller';
import { OrgImportsPagesController } from './org-imports.controller';
import { OrgMembersPagesController } from './org-members.controller';
import { OrgMembersQuery } from './org-members.query';
import { OrgOrdersPagesController } from './org-orders.controller';
import { OrgOverviewPagesController } from './org-overview.controller';
import { OrgOverviewQuery } from './org-overview.query';
import { OrgPageAccess } from './org-page.access';

/**
 * The organisation admin's pages under `/org/:orgId` (issue 13): overview, "Leden" (invite,
 * roles, removal, enrolling a member), importing people, "Bestellingen", "Ketenrapport".
 * Every page asks the same domain services as the JSON routes, with their access rules.
 */
@Module({
  imports: [AccessModule, OrganisationModule, CatalogueModule, SessionModule, EnrolmentModule, OrderingModule, CertificationModule],
  controllers: [OrgOverviewPagesController, OrgMembersPagesController, OrgEnrolPagesController, OrgImportsPagesController, OrgOrdersPagesController],
  providers: [OrgPageAccess, CourseOptionsQuery, OrgOverviewQuery, OrgMembersQuery],
})
export class OrgPagesModule {}
