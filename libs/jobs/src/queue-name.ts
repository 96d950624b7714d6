/** Every queue of the platform: the names are constants, never string literals at the call site. */
export const QueueName = {
  Maintenance: 'maintenance',
  Certificates: 'certificates',
  Messages: 'messages',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const QUEUES: readonly QueueName[] = Object.values(QueueName);
