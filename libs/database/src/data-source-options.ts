import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '@schakel/config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one definition of the data source, shared by the apps and the migration CLI.
 * `synchronize` is never on: the schema comes from the committed migrations.
 */
export function buildDataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'> & Partial<Pick<AppConfig, 'databaseTimeouts'>>,
): DataSourceOptions {
  const timeouts = config.databaseTimeouts;
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: config.databaseUrl,
    // Each lib keeps its entities in `entities/`; the data source finds them there,
    // so this lib imports no domain. libs/<lib>/src/... under ts-jest, dist/libs/<lib>/src/... when built.
    entities: [join(__dirname, '..', '..', '*', 'src', '**', 'entities', '*.{ts,js}')],
    // Resolves to migrations/*.ts under ts-jest and dist/migrations/*.js when built.
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: config.databasePoolSize,
      application_name: 'schakel',
      // Bounded waits everywhere: a dead or saturated server costs a request 503, never a hung process.
      // (The migration CLI passes none: a long migration must not be cut off.)
      ...(timeouts
        ? {
            connectionTimeoutMillis: timeouts.connectMs,
            statement_timeout: timeouts.statementMs,
            idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
            idleTimeoutMillis: 30_000,
          }
        : { connectionTimeoutMillis: 10_000 }),
    },
  };
}
