import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@schakel/identity';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { MembershipRepository } from './membership.repository';
import { OrganisationAccess } from './organisation-access.service';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** Organisations, their members and the tenancy rules. No HTTP: see OrganisationHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Membership]), IdentityModule],
  providers: [OrganisationService, OrganisationRepository, MembershipRepository, OrganisationAccess],
  exports: [OrganisationService, OrganisationAccess, MembershipRepository, OrganisationRepository],
})
export class OrganisationModule {}
