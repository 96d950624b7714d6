/** Every queue of the platform: the names are constants, never string literals at the call site. */
export const QueueName = {
  Maintenance: 'maintenance',
  Certificates: 'certificates',
  Messages: 'messages',
  /** Long jobs (bulk imports, a course's enrolments checked again) on their own queue, so they never hold up the relay or the mail. */
  Imports: 'imports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const QUEUES: readonly QueueName[] = Object.values(QueueName);
