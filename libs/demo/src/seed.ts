import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
import { DemoModule } from './demo.module';
import { DemoSeeder } from './demo.seeder';
import { DemoSessionsSeeder } from './demo-sessions.seeder';

// JobsModule: adding members writes outbox rows (invitations) and may nudge the relay.
@Module({ imports: [ConfigModule, DatabaseModule, JobsModule.forRoot({ role: 'producer' }), DemoModule] })
class SeedModule {}

/** `node dist/libs/demo/src/seed.js`: seeds the demo data into the configured database. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    await app.get(DemoSeeder).seed();
    // After everything else: sessions hang off the demo courses and people.
    await app.get(DemoSessionsSeeder).seed();
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding demo data failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
