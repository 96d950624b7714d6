import type { JobsOptions } from 'bullmq';

/** Every queue of the platform. */
export const QUEUES = ['maintenance', 'certificates', 'messages'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * The typed job catalogue: a job's name fixes its payload. Payloads carry ids
 * only, never personal data (Redis is not the place for it).
 */
export type JobCatalogue =
  | { name: 'outbox.relay'; data: Record<string, never> }
  /** A completion was recorded: issue its certificate (written to the outbox with the completion). */
  | { name: 'certificate.issue'; data: { completionId: string } }
  /** Somebody must be told something; the messaging worker decides the message and recipients. */
  | { name: 'notification.send'; data: NotificationData }
  /** Looks in PostgreSQL for reminders that are due (a job scheduler, every SWEEP_INTERVAL_SECONDS). */
  | { name: 'messages.sweep'; data: Record<string, never> }
  /** Sends one message_deliveries row (claimed in PostgreSQL, so a duplicate job sends nothing). */
  | { name: 'message.send'; data: { deliveryId: string } };

/** Events people are told about. Written to the outbox in the transaction of the change. */
export const NOTIFICATION_KINDS = [
  'enrolment.confirmed',
  'enrolment.waitlisted',
  'enrolment.promoted',
  'enrolment.cancelled',
  'session.changed',
  'session.cancelled',
  'certificate.issued',
  'member.invited',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Ids only: the processor reloads the state, and checks it still applies at send time. */
export interface NotificationData {
  kind: NotificationKind;
  userId?: string;
  enrolmentId?: string;
  sessionId?: string;
  certificateId?: string;
  organisationId?: string;
  /** The session's SEQUENCE at the change, so each change is its own message. */
  sequence?: number;
}

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
  'notification.send': { queue: 'messages', retry: 'standard' },
  'messages.sweep': { queue: 'messages', retry: 'none' },
  'message.send': { queue: 'messages', retry: 'standard' },
};
