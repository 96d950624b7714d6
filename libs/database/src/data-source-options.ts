import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '@schakel/config';
import { ALL_ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one definition of the data source, shared by the apps and the migration CLI.
 * `synchronize` is never on: the schema comes from the committed migrations.
 */
export function buildDataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: config.databaseUrl,
    entities: ALL_ENTITIES,
    // Resolves to migrations/*.ts under ts-jest and dist/migrations/*.js when built.
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.databasePoolSize, application_name: 'schakel' },
  };
}
