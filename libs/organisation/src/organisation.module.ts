import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@schakel/access';
import { AuditModule } from '@schakel/audit';
import { IdentityModule } from '@schakel/identity';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { InvitationResendService } from './invitations/invitation-resend.service';
import { InvitationRepository } from './invitations/invitation.repository';
import { MembershipConsentService } from './membership-consent.service';
import { MembershipRepository } from './membership.repository';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationService } from './organisation.service';
import { PlatformRolesService } from './platform-roles.service';

/** Organisations and their members (the tenancy rules are in @schakel/access). No HTTP: see OrganisationHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Membership]), IdentityModule, AccessModule, AuditModule],
  providers: [OrganisationService, MembershipConsentService, PlatformRolesService, OrganisationRepository, MembershipRepository, InvitationResendService, InvitationRepository],
  exports: [OrganisationService, MembershipConsentService, PlatformRolesService, MembershipRepository, OrganisationRepository, InvitationResendService],
})
export class OrganisationModule {}
