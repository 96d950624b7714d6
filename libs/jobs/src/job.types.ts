import type { JobsOptions } from 'bullmq';
import type { EventName } from './events/domain-events';
import { QueueName } from './queue-name';

/**
 * The typed job catalogue: a job's name fixes its payload. Payloads carry ids only,
 * never personal data (Redis is not the place for it).
 */
export interface JobPayloads {
  /** Moves due outbox rows into BullMQ (a job scheduler, and nudged by the API after a commit). */
  'outbox.relay': Record<string, never>;
  /** One consumer handles one domain event from the outbox. */
  'event.consume': EventJob;
  /** Looks in PostgreSQL for reminders that are due (a job scheduler, every SWEEP_INTERVAL_SECONDS). */
  'messages.sweep': Record<string, never>;
  /** Housekeeping (a job scheduler): settles enrolments of ended sessions, deletes what is past retention. */
  'maintenance.sweep': Record<string, never>;
  /** Sends one message_deliveries row (claimed in PostgreSQL, so a duplicate job sends nothing). */
  'message.send': { deliveryId: string };
}

export type JobName = keyof JobPayloads;
export type JobData<N extends JobName> = JobPayloads[N];

export interface EventJob {
  outboxId: string;
  consumer: string;
  event: EventName;
  payload: Record<string, unknown>;
}

/** What a handler needs to know about the run (for logs and idempotency keys). */
export interface JobRun {
  id: string | undefined;
  attempt: number;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], run: JobRun) => Promise<unknown>;

/**
 * The worker's handler map. Composed with `satisfies JobHandlers`, so a job name without a
 * handler fails the build, not the first run.
 */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Named retry presets. */
export const RETRY = {
  none: { attempts: 1 },
  standard: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
} as const satisfies Record<string, Pick<JobsOptions, 'attempts' | 'backoff'>>;

interface JobRoute {
  /** `consumer`: the event consumer's own queue. */
  queue: QueueName | 'consumer';
  retry: keyof typeof RETRY;
}

/** Which queue carries each job, and how it is retried. */
export const JOB_ROUTES = {
  'outbox.relay': { queue: QueueName.Maintenance, retry: 'none' },
  'event.consume': { queue: 'consumer', retry: 'standard' },
  'messages.sweep': { queue: QueueName.Messages, retry: 'none' },
  'maintenance.sweep': { queue: QueueName.Maintenance, retry: 'none' },
  'message.send': { queue: QueueName.Messages, retry: 'standard' },
} as const satisfies { [N in JobName]: JobRoute };
