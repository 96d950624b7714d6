import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { OrganisationModule } from '@schakel/organisation';
import { DemoSeeder } from './demo.seeder';
import { DemoSessionsSeeder } from './demo-sessions.seeder';

@Module({
  imports: [IdentityModule, OrganisationModule],
  providers: [DemoSeeder, DemoSessionsSeeder],
  exports: [DemoSeeder, DemoSessionsSeeder],
})
export class DemoModule {}
