import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { DemoSeeder } from './demo.seeder';
import { DemoSessionsSeeder } from './demo-sessions.seeder';

/** The demo data (DEMO_DATA=true): seeders only, run by seed.ts before the API starts. */
@Module({
  imports: [IdentityModule],
  providers: [DemoSeeder, DemoSessionsSeeder],
  exports: [DemoSeeder, DemoSessionsSeeder],
})
export class DemoModule {}
