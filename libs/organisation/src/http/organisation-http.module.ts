import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { OrganisationModule } from '../organisation.module';
import { MeController } from './me.controller';
import { OrganisationController } from './organisation.controller';

/** The organisation routes, and /api/me (the account with its memberships). */
@Module({
  imports: [OrganisationModule, IdentityModule],
  controllers: [OrganisationController, MeController],
})
export class OrganisationHttpModule {}
