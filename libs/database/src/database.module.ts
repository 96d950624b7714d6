import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { buildDataSourceOptions } from './data-source-options';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

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
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
