import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { OrganisationModule } from '@schakel/organisation';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [IdentityModule, OrganisationModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
