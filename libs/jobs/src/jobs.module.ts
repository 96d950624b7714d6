import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@schakel/config';
import { OutboxEvent } from './entities/outbox-event.entity';
import { QUEUES } from './job-catalogue';
import { JobProducer } from './job.producer';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

export interface JobsModuleOptions {
  /**
   * The API only produces: with Redis down, adding a job should fail at once (the
   * outbox keeps the work) rather than wait in memory. Workers block on Redis and
   * need `maxRetriesPerRequest: null`.
   */
  role: 'producer' | 'worker';
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            prefix: config.queuePrefix,
            connection:
              options.role === 'worker'
                ? { url: config.redisUrl, maxRetriesPerRequest: null }
                : { url: config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
          }),
        }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
        TypeOrmModule.forFeature([OutboxEvent]),
      ],
      providers: [JobProducer, OutboxRepository, OutboxRelay],
      exports: [JobProducer, OutboxRepository, OutboxRelay, BullModule],
    };
  }
}
