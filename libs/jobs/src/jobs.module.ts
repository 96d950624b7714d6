import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, ModuleMetadata, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@schakel/config';
import { EVENT_CONSUMERS, type EventConsumer } from './events/domain-events';
import { EventConsumerRegistry } from './events/event-consumer.registry';
import { JobProducer } from './job.producer';
import { OutboxConsumption } from './outbox/entities/outbox-consumption.entity';
import { OutboxEvent } from './outbox/entities/outbox-event.entity';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { UnitOfWork } from './outbox/unit-of-work';
import { QUEUES } from './queue-name';

/**
 * Closing a connection whose socket already died makes ioredis wait this long (2 s by
 * default) on a timer that keeps the process alive; shutdown should not wait for a dead Redis.
 */
export const REDIS_DISCONNECT_TIMEOUT_MS = 100;

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
                ? { url: config.redisUrl, maxRetriesPerRequest: null, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS }
                : { url: config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS },
          }),
        }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
        TypeOrmModule.forFeature([OutboxEvent, OutboxConsumption]),
      ],
      providers: [JobProducer, OutboxRepository, UnitOfWork],
      exports: [JobProducer, OutboxRepository, UnitOfWork, BullModule],
    };
  }
}

/**
 * The worker's side of the outbox: the relay and the consumer registry, given the event
 * consumers the worker composes (classes exported by the `imports`).
 */
@Module({})
export class OutboxWorkerModule {
  static register(options: { imports: ModuleImports; consumers: Array<Type<EventConsumer>> }): DynamicModule {
    return {
      module: OutboxWorkerModule,
      imports: options.imports,
      providers: [
        { provide: EVENT_CONSUMERS, inject: options.consumers, useFactory: (...consumers: EventConsumer[]) => consumers },
        EventConsumerRegistry,
        OutboxRelay,
      ],
      exports: [EventConsumerRegistry, OutboxRelay],
    };
  }
}

type ModuleImports = NonNullable<ModuleMetadata['imports']>;
