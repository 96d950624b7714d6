import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { buildDataSourceOptions } from './data-source-options';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** The one thing used here of pg's Pool and Client (the project has no pg typings). */
interface PgEvents {
  on(event: string, listener: (value: unknown) => void): unknown;
}

/** PostgreSQL through TypeORM, and one shared Redis client (rate limits, health). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      // Commands fail fast while Redis is down instead of queueing forever.
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, disconnectTimeout: 100 });
        const logger = new Logger('Redis');
        let lastReport = 0;
        redis.on('error', (error: Error) => {
          // ioredis reports every reconnect attempt; one line a minute is enough (health says the rest).
          if (Date.now() - lastReport > 60_000) logger.warn(`Redis unavailable: ${error.message}`);
          lastReport = Date.now();
        });
        return redis;
      },
    },
  ],
  exports: [REDIS_CLIENT],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @InjectDataSource() dataSource: DataSource,
  ) {
    // A pooled connection that PostgreSQL ends while nobody is listening on it (a restart, an
    // administrator's termination, between two statements of a caller) emits 'error' on the
    // client; without a listener that ends the process. Every new connection gets one: the
    // error is logged, the pool drops the client, and the next query fails as "unavailable".
    const logger = new Logger('PostgreSQL');
    const pool = (dataSource.driver as PostgresDriver).master as PgEvents;
    pool.on('connect', (client) => (client as PgEvents).on('error', (error) => logger.warn(`connection ended: ${(error as Error).message}`)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
