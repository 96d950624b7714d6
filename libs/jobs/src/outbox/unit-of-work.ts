import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EventName, EventPayload } from '../events/domain-events';
import { JobProducer } from '../job.producer';
import { OutboxRepository } from './outbox.repository';

/** A transaction in progress: its manager, and the way to record an event in it. */
export interface Transaction {
  readonly manager: EntityManager;
  publish<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** Many events of one kind, one outbox statement. */
  publishMany<E extends EventName>(event: E, payloads: ReadonlyArray<EventPayload<E>>): Promise<void>;
}

/**
 * "Change + the events it causes + a relay nudge after the commit", in one place. Events
 * exist if and only if the change committed; the nudge is best effort (the relay's
 * schedule finds the rows anyway).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let published = 0;
    const result = await this.dataSource.transaction((manager) =>
      work({
        manager,
        publish: async (event, payload) => {
          await this.outbox.add(manager, event, payload);
          published += 1;
        },
        publishMany: async (event, payloads) => {
          await this.outbox.addMany(manager, event, payloads);
          published += payloads.length;
        },
      }),
    );
    if (published > 0) this.producer.nudgeOutboxRelay();
    return result;
  }

  /** For events written by a single SQL statement outside `run` (the seat statement). */
  eventsCommitted(): void {
    this.producer.nudgeOutboxRelay();
  }
}
