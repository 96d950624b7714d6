import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
import { WebModule } from '@schakel/web';
import { DemoModule } from './demo.module';
import { DemoSeeder } from './demo.seeder';
import { DemoOrdersSeeder } from './demo-orders.seeder';
import { DemoSessionsSeeder } from './demo-sessions.seeder';

// The same global modules as the API (JobsModule: outbox rows and the relay's nudge; WebModule:
// signed links), so the domain services the seeders use resolve as they do there.
@Module({ imports: [ConfigModule, DatabaseModule, JobsModule.forRoot({ role: 'producer' }), WebModule, DemoModule] })
class SeedModule {}

/** `node dist/libs/demo/src/seed.js`: seeds the demo data into the configured database. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    await app.get(DemoSeeder).seed();
    // After everything else: sessions hang off the demo courses and people.
    await app.get(DemoSessionsSeeder).seed();
    await app.get(DemoOrdersSeeder).seed();
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding demo data failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
