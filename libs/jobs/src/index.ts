import { OutboxEvent } from './entities/outbox-event.entity';

export * from './entities/outbox-event.entity';
export * from './job-catalogue';
export * from './job.producer';
export * from './jobs.module';
export * from './outbox.relay';
export * from './outbox.repository';

export const JOB_ENTITIES = [OutboxEvent];
