import { Module } from '@nestjs/common';
import { IdentityModule } from '@schakel/identity';
import { OrderingModule } from '@schakel/ordering';
import { DemoOrdersSeeder } from './demo-orders.seeder';
import { DemoSeeder } from './demo.seeder';
import { DemoSessionsSeeder } from './demo-sessions.seeder';

/** The demo data (DEMO_DATA=true): seeders only, run by seed.ts before the API starts. */
@Module({
  imports: [IdentityModule, OrderingModule],
  providers: [DemoSeeder, DemoSessionsSeeder, DemoOrdersSeeder],
  exports: [DemoSeeder, DemoSessionsSeeder, DemoOrdersSeeder],
})
export class DemoModule {}
