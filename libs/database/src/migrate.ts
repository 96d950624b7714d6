import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@schakel/config';
import { buildDataSourceOptions } from './data-source-options';

/** Runs pending migrations; an explicit start-up step, never implicit in the apps. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...buildDataSourceOptions({ databaseUrl, databasePoolSize: 2 }), logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runMigrations(loadConfig(undefined, { secrets: false }).databaseUrl)
    .then((names) => {
      process.stdout.write(names.length ? `Applied migrations: ${names.join(', ')}\n` : 'Database schema is up to date\n');
    })
    .catch((error: unknown) => {
      process.stderr.write(`Migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
