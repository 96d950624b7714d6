import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Gives a suite that runs real workers its own freshly migrated database and its own queue
 * prefix. Suites run in parallel on one server; without this, another suite's worker
 * (whose relay reads the same outbox table) could take this suite's jobs, and a test that
 * kills a worker mid-job would see somebody else finish it. Jest gives each test file its
 * own copy of process.env, so the change stays inside the file. Returns the cleanup.
 */
export async function isolateRun(label: string): Promise<() => Promise<void>> {
  const unique = randomUUID().slice(0, 8);
  const base = new URL(process.env.DATABASE_URL as string);
  const database = `${base.pathname.slice(1)}_${label}_${unique}`.slice(0, 63);
  const admin = new URL(base.toString());
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = await new DataSource({ type: 'postgres', url: admin.toString() }).initialize();
    try {
      await client.query(sql);
    } finally {
      await client.destroy();
    }
  };
  await run(`CREATE DATABASE "${database}"`);
  const url = new URL(base.toString());
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-${label}-${unique}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runMigrations } = require('../../dist/libs/database/src/migrate.js') as { runMigrations: (url: string) => Promise<void> };
  await runMigrations(process.env.DATABASE_URL);
  return () => run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
