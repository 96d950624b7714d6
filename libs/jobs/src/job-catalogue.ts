import type { JobsOptions } from 'bullmq';

/** Every queue of the platform. */
export const QUEUES = ['maintenance', 'certificates'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * The typed job catalogue: a job's name fixes its payload. Payloads carry ids
 * only, never personal data (Redis is not the place for it).
 */
export type JobCatalogue =
  | { name: 'outbox.relay'; data: Record<string, never> }
  /** A completion was recorded: issue its certificate (written to the outbox with the completion). */
  | { name: 'certificate.issue'; data: { completionId: string } };

export type JobName = JobCatalogue['name'];
export type JobData<N extends JobName> = Extract<JobCatalogue, { name: N }>['data'];

/** Jobs that arrive through the outbox also carry the outbox row's id. */
export type OutboxJobData<N extends JobName> = JobData<N> & { outboxId?: string };

/** Named retry presets. */
export const RETRY = {
  none: { attempts: 1 },
  standard: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
} as const satisfies Record<string, Pick<JobsOptions, 'attempts' | 'backoff'>>;

interface JobRoute {
  queue: QueueName;
  retry: keyof typeof RETRY;
}

/** Which queue carries each job, and how it is retried. */
export const JOB_ROUTES: Record<JobName, JobRoute> = {
  'outbox.relay': { queue: 'maintenance', retry: 'none' },
  'certificate.issue': { queue: 'certificates', retry: 'standard' },
};
