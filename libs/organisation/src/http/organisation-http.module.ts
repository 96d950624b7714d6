import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { OrganisationModule } from '../organisation.module';
import { InvitationController } from './invitation.controller';
import { MeController } from './me.controller';
import { MembershipLinkController } from './membership-link.controller';
import { PlatformRolesController } from './platform-roles.controller';
import { OrganisationController } from './organisation.controller';

/** The organisation routes, /api/me (the account with its memberships) and the membership request page. */
@Module({
  imports: [OrganisationModule, IdentityModule],
  controllers: [OrganisationController, InvitationController, MeController, MembershipLinkController, PlatformRolesController],
})
export class OrganisationHttpModule {}
